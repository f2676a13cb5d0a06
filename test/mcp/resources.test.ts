import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LoadedIndex } from '../../src/docs/loaded-index.js';
import { PAGE_URI_TEMPLATE } from '../../src/mcp/resources/page-resource.js';
import { RESOURCES_PAGE_SIZE } from '../../src/mcp/resources/list-resources.js';
import type { DocsServerDeps } from '../../src/mcp/server-deps.js';
import { CLIENT_KINDS, openTestDeps, type Connected } from './connect-clients.js';

let deps: DocsServerDeps;
let index: LoadedIndex;
beforeAll(() => ({ deps, index } = openTestDeps()));
afterAll(() => index.close());

const MOUNTS = 'upsun-docs://upsun/create-apps/image-properties/mounts.md';

describe.each(CLIENT_KINDS)('resources with the $name', (kind) => {
  let connected: Connected;
  beforeAll(async () => {
    connected = await kind.connectInMemory(deps);
  });
  afterAll(() => connected.close());
  const modern = kind.name.endsWith('2026-07-28');

  test('the page template is listed with its URI template', async () => {
    const { resourceTemplates } = await connected.client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      expect.objectContaining({ name: 'docs-page', uriTemplate: 'upsun-docs://{product}/{+path}', mimeType: 'text/markdown' }),
    ]);
  });

  test('a page resource reads as Markdown headed by its title and public URL', async () => {
    const result = await connected.client.readResource({ uri: MOUNTS });
    const [content] = result.contents as Array<{ uri: string; mimeType: string; text: string }>;
    expect(content?.uri).toBe(MOUNTS);
    expect(content?.mimeType).toBe('text/markdown');
    expect(content?.text).toMatch(/^# .+\nSource: https:\/\/docs\.upsun\.com\/create-apps\/image-properties\/mounts\.html\n\n/);
    expect(content?.text).toContain('## Define a mount');
  });

  test('a #anchor in the URI reads one section with its subsections', async () => {
    const result = await connected.client.readResource({ uri: `${MOUNTS}#define-a-mount` });
    const text = (result.contents[0] as { text: string }).text;
    expect(text).toContain('Source: https://docs.upsun.com/create-apps/image-properties/mounts.html#define-a-mount');
    expect(text).not.toContain('## Share a mount between several apps');
  });

  test.runIf(modern)('page reads carry a public, day-long cache hint on the 2026-07-28 revision', async () => {
    const result = (await connected.client.readResource({ uri: MOUNTS })) as { ttlMs?: number; cacheScope?: string };
    expect(result).toMatchObject({ ttlMs: 86_400_000, cacheScope: 'public' });
  });

  test('an unknown page is a not-found error that points to search_docs', async () => {
    await expect(connected.client.readResource({ uri: 'upsun-docs://upsun/create-apps/no-such-page.md' })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining(
        "No page 'create-apps/no-such-page.md' in the upsun docs. Use a source path such as create-apps/image-properties/mounts.md or a docs.upsun.com URL; call search_docs to find the right page.",
      ),
    });
  });

  test('an unknown product is a not-found error naming the valid URIs', async () => {
    await expect(connected.client.readResource({ uri: 'upsun-docs://flex/create-apps.md' })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining("No docs product 'flex' in upsun-docs://flex/create-apps.md. Use upsun-docs://upsun/… or upsun-docs://platformsh/…."),
    });
  });

  test('the index resource says which docs commit the answers come from, and when it was built', async () => {
    const result = await connected.client.readResource({ uri: 'upsun-docs://index' });
    const freshness = JSON.parse((result.contents[0] as { text: string }).text) as Record<string, unknown>;
    expect(freshness.docs_commit).toMatch(/^[0-9a-f]{40}$/);
    expect(Date.parse(String(freshness.built_at))).not.toBeNaN();
    expect(freshness.pages).toBe(index.handle.meta.pageCount);
    expect(freshness.products).toEqual(expect.arrayContaining([expect.objectContaining({ product: 'upsun' }), expect.objectContaining({ product: 'platformsh' })]));
  });

  test('resources/list pages with a real cursor and covers every page exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      // An explicit cursor makes the 2.x client return one page instead of walking them all itself.
      const result = await connected.client.listResources(cursor === undefined ? (modern ? undefined : {}) : { cursor });
      pages++;
      seen.push(...result.resources.map((r) => r.uri));
      cursor = result.nextCursor;
    } while (cursor && pages < 50);
    expect(seen[0]).toBe('upsun-docs://index');
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(index.handle.meta.pageCount + 1);
    if (!modern) expect(pages).toBe(Math.ceil(index.handle.meta.pageCount / RESOURCES_PAGE_SIZE));
  });

  test('resources/list with a cursor returns the next page only', async () => {
    const first = await connected.listFirstResourcesPage();
    expect(first.resources.length).toBe(RESOURCES_PAGE_SIZE + 1);
    const second = await connected.client.listResources({ cursor: first.nextCursor });
    expect(second.resources.length).toBe(RESOURCES_PAGE_SIZE);
    expect(second.resources[0]?.uri).not.toBe(first.resources.at(-1)?.uri);
    expect(second.resources.map((r) => r.uri)).not.toContain(first.resources[1]?.uri);
  });

  test('resources/list without a cursor gives the 2.x client every page in one list, with no cursor left', async () => {
    const all = await connected.client.listResources(modern ? undefined : {});
    if (modern) {
      expect(all.resources.length).toBe(index.handle.meta.pageCount + 1);
      expect(all.nextCursor).toBeUndefined();
    } else {
      expect(all.resources.length).toBe(RESOURCES_PAGE_SIZE + 1);
      expect(all.nextCursor).toEqual(expect.any(String));
    }
  });

  test('a made-up resources/list cursor is an invalid-params error that says what to do', async () => {
    await expect(connected.client.listResources({ cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining(
        'Invalid cursor: pass back the nextCursor of the previous resources/list result unchanged, or list again without a cursor.',
      ),
    });
  });

  test('completion offers products and page paths by prefix', async () => {
    const ref = { type: 'ref/resource' as const, uri: PAGE_URI_TEMPLATE };
    const products = await connected.client.complete({ ref, argument: { name: 'product', value: 'p' } });
    expect(products.completion.values).toEqual(['platformsh']);
    const paths = await connected.client.complete({ ref, argument: { name: 'path', value: 'create-apps/image-properties/m' }, context: { arguments: { product: 'upsun' } } });
    expect(paths.completion.values).toEqual(['create-apps/image-properties/mounts.md']);
  });

  test('completion finds page paths by misspelt words in their path or title', async () => {
    const ref = { type: 'ref/resource' as const, uri: PAGE_URI_TEMPLATE };
    const result = await connected.client.complete({ ref, argument: { name: 'path', value: 'postgre' }, context: { arguments: { product: 'upsun' } } });
    expect(result.completion.values).toContain('add-services/postgresql/_index.md');
    const typo = await connected.client.complete({ ref, argument: { name: 'path', value: 'moutns' }, context: { arguments: { product: 'upsun' } } });
    expect(typo.completion.values).toContain('create-apps/image-properties/mounts.md');
  });

  test('completion returns at most 100 values and says there are more', async () => {
    const ref = { type: 'ref/resource' as const, uri: PAGE_URI_TEMPLATE };
    const result = await connected.client.complete({ ref, argument: { name: 'path', value: '' } });
    expect(result.completion.values).toHaveLength(100);
    expect(result.completion).toMatchObject({ total: index.pages.listPaths('upsun').length, hasMore: true });
  });
});
