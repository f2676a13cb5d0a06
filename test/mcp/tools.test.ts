import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LoadedIndex } from '../../src/docs/loaded-index.js';
import type { DocsServerDeps } from '../../src/mcp/server-deps.js';
import { CLIENT_KINDS, firstText, openTestDeps, type Connected } from './connect-clients.js';

let deps: DocsServerDeps;
let index: LoadedIndex;
beforeAll(() => ({ deps, index } = openTestDeps()));
afterAll(() => index.close());

interface SearchOutput {
  query: string;
  match: string;
  results: Array<{ path: string; url: string; anchor: string; title: string; heading_path: string[]; content: string; product: string }>;
}

describe.each(CLIENT_KINDS)('tools with the $name', (kind) => {
  let connected: Connected;
  beforeAll(async () => {
    connected = await kind.connectInMemory(deps);
  });
  afterAll(() => connected.close());
  const call = (name: string, args: Record<string, unknown>) => connected.client.callTool({ name, arguments: args });

  test('the client and server agree on the expected protocol revision', () => {
    expect(connected.protocolVersion).toBe(kind.name.endsWith('2026-07-28') ? '2026-07-28' : '2025-11-25');
  });

  test('server instructions say which tool to use when', () => {
    const instructions = connected.client.getInstructions() ?? '';
    for (const tool of ['search_docs', 'read_page', 'explain_config', 'list_versions']) expect(instructions).toContain(tool);
  });

  test('search_docs returns sections with public URLs, anchors and Markdown, in text and structured form', async () => {
    const result = await call('search_docs', { query: 'define a mount', limit: 3 });
    expect(result.isError).toBeFalsy();
    const output = result.structuredContent as unknown as SearchOutput;
    expect(output.results.length).toBeGreaterThan(0);
    expect(output.results.length).toBeLessThanOrEqual(3);
    const paths = output.results.map((r) => r.path);
    expect(paths).toContain('create-apps/image-properties/mounts.md');
    for (const hit of output.results) {
      // A page's intro (before its first heading) has no anchor: the URL is the page's.
      expect(hit.url).toMatch(/^https:\/\/docs\.upsun\.com\/.+\.html(#.+)?$/);
      expect(hit.url.endsWith(hit.anchor ? `#${hit.anchor}` : '.html')).toBe(true);
      expect(hit.heading_path[0]).toBe(hit.title);
      expect(hit.product).toBe('upsun');
    }
    const text = firstText(result);
    expect(text).toContain(output.results[0]?.url);
    expect(text).toContain(output.results[0]?.content.slice(0, 80));
  });

  test.each([['q'], ['question'], ['topic']])('search_docs accepts %s as an alias of query', async (alias) => {
    const result = await call('search_docs', { [alias]: 'postgresql relationships', limit: 1 });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as unknown as SearchOutput).query).toBe('postgresql relationships');
  });

  test('search_docs searches the Platform.sh docs when asked', async () => {
    const result = await call('search_docs', { query: 'platform.app.yaml mounts', product: 'platformsh', limit: 2 });
    const output = result.structuredContent as unknown as SearchOutput;
    expect(output.results.length).toBeGreaterThan(0);
    for (const hit of output.results) {
      expect(hit.product).toBe('platformsh');
      expect(hit.url).toMatch(/^https:\/\/fixed\.docs\.upsun\.com\//);
    }
  });

  test('search_docs with no query says which argument is missing and what to pass', async () => {
    const result = await call('search_docs', {});
    expect(result.isError).toBe(true);
    expect(firstText(result)).toBe(
      'Input validation error: Invalid arguments for tool search_docs: query: missing. Pass the words or question to search the docs for, e.g. "add a mount".',
    );
  });

  test('search_docs with an out-of-range limit says the allowed range', async () => {
    const result = await call('search_docs', { query: 'mounts', limit: 50 });
    expect(result.isError).toBe(true);
    expect(firstText(result)).toBe('Input validation error: Invalid arguments for tool search_docs: limit: must be a whole number from 1 to 20.');
  });

  test('search_docs with an unknown product names the valid ones', async () => {
    const result = await call('search_docs', { query: 'mounts', product: 'flex' });
    expect(firstText(result)).toBe(
      'Input validation error: Invalid arguments for tool search_docs: product: must be upsun (Upsun Flex, the default) or platformsh (Upsun Fixed).',
    );
  });

  test('read_page reads a page by source path, with its URL to cite', async () => {
    const result = await call('read_page', { path_or_url: 'create-apps/image-properties/mounts.md' });
    expect(result.isError).toBeFalsy();
    const page = result.structuredContent as { path: string; url: string; markdown: string; part: number };
    expect(page.path).toBe('create-apps/image-properties/mounts.md');
    expect(page.url).toBe('https://docs.upsun.com/create-apps/image-properties/mounts.html');
    expect(page.markdown).toContain('source_path');
    expect(firstText(result)).toContain('Source: https://docs.upsun.com/create-apps/image-properties/mounts.html');
  });

  test.each([
    ['url', 'https://docs.upsun.com/create-apps/image-properties/mounts.html#define-a-mount'],
    ['path', 'https://docs.upsun.com/create-apps/image-properties/mounts.md#define-a-mount'],
    ['page', 'upsun-docs://upsun/create-apps/image-properties/mounts.md#define-a-mount'],
  ])('read_page reads one section from a %s alias given %s', async (alias, reference) => {
    const result = await call('read_page', { [alias]: reference });
    expect(result.isError).toBeFalsy();
    const page = result.structuredContent as { url: string; anchor: string; markdown: string };
    expect(page.anchor).toBe('define-a-mount');
    expect(page.url).toBe('https://docs.upsun.com/create-apps/image-properties/mounts.html#define-a-mount');
    expect(page.markdown).toMatch(/^#+ Define a mount/);
  });

  test('read_page pages through a long page with next_cursor until the end', async () => {
    const parts: string[] = [];
    let cursor: string | undefined;
    do {
      const result = await call('read_page', { path_or_url: 'create-apps/app-reference/single-runtime-image.md', max_tokens: 1000, ...(cursor && { cursor }) });
      expect(result.isError).toBeFalsy();
      const page = result.structuredContent as { markdown: string; next_cursor?: string; part: number };
      expect(page.part).toBe(parts.length + 1);
      parts.push(page.markdown);
      cursor = page.next_cursor;
      if (cursor) expect(firstText(result)).toContain(`cursor "${cursor}"`);
    } while (cursor && parts.length < 100);
    expect(parts.length).toBeGreaterThan(2);
    expect(cursor).toBeUndefined();
  });

  test('read_page on an unknown page says so and points to search_docs', async () => {
    const result = await call('read_page', { path_or_url: 'create-apps/no-such-page.md' });
    expect(result.isError).toBe(true);
    expect(firstText(result)).toBe(
      "No page 'create-apps/no-such-page.md'. Use a source path such as create-apps/image-properties/mounts.md or a docs.upsun.com URL; call search_docs to find the right page.",
    );
  });

  test('read_page on an unknown section lists the sections the page has', async () => {
    const result = await call('read_page', { path_or_url: 'create-apps/image-properties/mounts.md', anchor: 'no-such-heading' });
    expect(result.isError).toBe(true);
    expect(firstText(result)).toMatch(/^No section '#no-such-heading' on create-apps\/image-properties\/mounts\.md\. Its sections are: .*define-a-mount/);
  });

  test('read_page with a made-up cursor says how to use cursors', async () => {
    const result = await call('read_page', { path_or_url: 'create-apps/image-properties/mounts.md', cursor: 'not-a-cursor' });
    expect(result.isError).toBe(true);
    expect(firstText(result)).toBe(
      'Invalid cursor for this page. Pass back the next_cursor of the previous read_page call unchanged, with the same page and anchor.',
    );
  });

  test('list_versions gives the exact PostgreSQL versions by status with end-of-life dates', async () => {
    const result = await call('list_versions', { image: 'postgresql' });
    expect(result.isError).toBeFalsy();
    const [image] = (result.structuredContent as { images: Array<{ name: string; supported: Array<{ version: string; upstream_eol?: string }>; retired: Array<{ version: string }> }> }).images;
    expect(image?.name).toBe('postgresql');
    expect(image?.supported.map((v) => v.version)).toContain('16');
    expect(image?.retired.map((v) => v.version)).toContain('10');
    expect(image?.supported.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v.upstream_eol ?? ''))).toBe(true);
    expect(firstText(result)).toMatch(/^PostgreSQL \(service\) — type: postgresql:<version>\n {2}supported: 18 \(upstream EOL \d{4}-\d{2}-\d{2}\), 17/);
  });

  test('list_versions takes a full type value and lists every image without one', async () => {
    const one = await call('list_versions', { type: 'nodejs:16' });
    expect((one.structuredContent as { images: Array<{ name: string }> }).images.map((i) => i.name)).toEqual(['nodejs']);
    const all = await call('list_versions', {});
    const names = (all.structuredContent as { images: Array<{ name: string }> }).images.map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['nodejs', 'php', 'python', 'postgresql', 'redis', 'composable']));
  });

  test('list_versions on an unknown image suggests the right name', async () => {
    const result = await call('list_versions', { image: 'postgres' });
    expect(result.isError).toBe(true);
    expect(firstText(result)).toBe(
      "No runtime or service 'postgres' in the image registry. Did you mean postgresql? Call list_versions without image to see every name.",
    );
  });

  test('explain_config links the docs of every key used, and attaches the section of the focused one', async () => {
    const config = ['applications:', '  app:', '    type: nodejs:24', '    web:', '      commands:', '        start: node index.js', ''].join('\n');
    const result = await call('explain_config', { config });
    expect(result.isError).toBeFalsy();
    const output = result.structuredContent as { valid: boolean; used_keys: Array<{ key: string; docs_url: string }>; docs_sections: Array<{ url: string; markdown: string }> };
    expect(output.valid).toBe(true);
    expect(output.used_keys.map((k) => k.key)).toEqual(expect.arrayContaining(['applications.*.type', 'applications.*.web.commands.start']));
    expect(output.docs_sections).toEqual([]);
    expect(firstText(result)).toContain('## Docs for the other keys used');
    const focused = await call('explain_config', { config, focus: 'web.commands.start' });
    const sections = (focused.structuredContent as { docs_sections: Array<{ url: string; markdown: string }> }).docs_sections;
    expect(sections[0]?.url).toBe('https://docs.upsun.com/create-apps/image-properties/web.html#start');
    expect(firstText(focused)).toContain('## Docs for the findings');
  });

  test('explain_config without a config says what to pass', async () => {
    const result = await call('explain_config', { focus: 'mounts' });
    expect(firstText(result)).toBe(
      'Input validation error: Invalid arguments for tool explain_config: config: missing. Pass the text of .upsun/config.yaml (the YAML itself, not a file path).',
    );
  });

  test('an unknown tool is a protocol error naming the tool', async () => {
    await expect(call('search', { query: 'x' })).rejects.toThrow(/Tool search not found/);
  });
});
