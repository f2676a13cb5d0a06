// explain_config (tool) and explain-config (prompt) on real configs: the docs' own examples and broken ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LoadedIndex } from '../../src/docs/loaded-index.js';
import type { DocsServerDeps } from '../../src/mcp/server-deps.js';
import { CLIENT_KINDS, firstText, openTestDeps, type Connected } from './connect-clients.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/configs');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

interface ExplainOutput {
  valid: boolean;
  findings: Array<{ severity: string; code: string; path: string; line?: number; message: string; docs_url?: string }>;
  used_keys: Array<{ key: string; docs_url: string }>;
  docs_sections: Array<{ topics: string[]; url: string; title: string; markdown: string }>;
}

let deps: DocsServerDeps;
let index: LoadedIndex;
let connected: Connected;
beforeAll(async () => {
  ({ deps, index } = openTestDeps());
  // One era is enough for the content; tools.test.ts and stdio.test.ts prove both eras call the same code.
  connected = await CLIENT_KINDS[0]!.connectInMemory(deps);
});
afterAll(async () => {
  await connected.close();
  index.close();
});

async function explain(config: string, focus?: string): Promise<{ output: ExplainOutput; text: string }> {
  const result = await connected.client.callTool({ name: 'explain_config', arguments: { config, ...(focus && { focus }) } });
  expect(result.isError).toBeFalsy();
  return { output: result.structuredContent as unknown as ExplainOutput, text: firstText(result) };
}

describe('explain_config on the docs examples', () => {
  test.each(['docs-create-apps-minimal.yaml', 'docs-comprehensive-single-runtime.yaml', 'docs-comprehensive-composable.yaml', 'notes-minimal-nodejs.yaml'])(
    '%s is valid: no docs sections attached, a link for every key it uses',
    async (name) => {
      const { output, text } = await explain(fixture(name));
      expect(output.valid).toBe(true);
      expect(output.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(output.used_keys.length).toBeGreaterThan(0);
      // Nothing to fix and no focus: the model gets links, not twenty reference sections.
      expect(output.docs_sections).toEqual([]);
      const links = text.slice(text.indexOf('## Docs for the other keys used'));
      for (const used of output.used_keys) {
        expect(used.docs_url).toMatch(/^https:\/\/docs\.upsun\.com\//);
        expect(links).toContain(`\`${used.key}\`: ${used.docs_url}`);
      }
      expect(text.length).toBeLessThan(10_000);
    },
  );

  test('a focus on a key attaches that key\'s section, within max_tokens', async () => {
    const { output } = await explain(fixture('docs-comprehensive-single-runtime.yaml'), 'mounts');
    expect(output.docs_sections[0]?.topics).toContain('applications.*.mounts');
    expect(output.docs_sections.every((s) => s.topics.every((t) => t.includes('mounts')))).toBe(true);
  });
});

describe('explain_config on broken configs', () => {
  test('a misspelt key gets its line, a did-you-mean and the docs', async () => {
    const { output } = await explain(fixture('misspelt-mount.yaml'));
    expect(output.valid).toBe(false);
    const mount = output.findings.find((f) => f.path === 'applications.app.mount');
    expect(mount).toMatchObject({ severity: 'error', line: 4, docs_url: expect.stringContaining('https://docs.upsun.com/create-apps/image-properties/mounts.html') });
    expect(mount?.message).toContain('Did you mean `mounts`?');
  });

  test('`name:` under an app is reported on its line', async () => {
    const { output } = await explain(fixture('app-name-property.yaml'));
    expect(output.findings).toContainEqual(expect.objectContaining({ code: 'app-name-property', path: 'applications.app.name', line: 3 }));
  });

  test('a retired runtime version lists the supported ones', async () => {
    const { output } = await explain(fixture('retired-nodejs.yaml'));
    const finding = output.findings.find((f) => f.code === 'retired-version');
    expect(finding).toMatchObject({ line: 3, path: 'applications.app.type', docs_url: 'https://docs.upsun.com/create-apps/app-reference/single-runtime-image.html#types' });
    expect(finding?.message).toMatch(/`nodejs:16` is retired.*Use a supported version: 26, 24/);
  });

  test('a Platform.sh `source: local` mount is a warning that recommends `instance`, its alias', async () => {
    const { output } = await explain(fixture('local-mount.yaml'));
    const finding = output.findings.find((f) => f.code === 'local-mount');
    expect(finding).toMatchObject({ severity: 'warning', line: 7, path: 'applications.app.mounts.web/uploads.source' });
    expect(finding?.message).toContain('`source: instance`');
    expect(output.valid).toBe(true);
  });

  test('invalid YAML is a finding on its line, not a tool error', async () => {
    const { output, text } = await explain(fixture('invalid-yaml.yaml'));
    expect(output.valid).toBe(false);
    expect(output.findings[0]).toMatchObject({ code: 'invalid-yaml', severity: 'error' });
    expect(output.findings[0]?.line).toBeGreaterThanOrEqual(6);
    expect(text).toContain('Invalid: 1 error');
  });

  test('misspelt key, retired runtime and local mount in one file: all three, with lines, alternatives and docs URLs', async () => {
    const config = [
      'applications:',
      '  app:',
      '    type: nodejs:16',
      '    mounts:',
      "      'web/uploads':",
      '        source: local',
      '        source_path: uploads',
      '    hooks:',
      '      biuld: npm run build',
      '',
    ].join('\n');
    const { output, text } = await explain(config);
    const byCode = (code: string) => output.findings.find((f) => f.code === code);
    expect(byCode('retired-version')).toMatchObject({ line: 3, docs_url: expect.stringMatching(/^https:\/\/docs\.upsun\.com\//) });
    expect(byCode('retired-version')?.message).toContain('Use a supported version: 26, 24');
    expect(byCode('local-mount')).toMatchObject({ line: 6, docs_url: 'https://docs.upsun.com/learn/tutorials/migrating/from-fixed.html#7-import-files' });
    expect(byCode('local-mount')?.message).toContain('`instance`');
    expect(byCode('unknown-property')).toMatchObject({ line: 9, path: 'applications.app.hooks.biuld', docs_url: 'https://docs.upsun.com/create-apps/image-properties/hooks.html' });
    expect(byCode('unknown-property')?.message).toContain('Did you mean `build`?');
    // The docs behind each finding come first in the attached sections.
    expect(output.docs_sections.slice(0, 3).map((s) => s.url)).toEqual(
      expect.arrayContaining(['https://docs.upsun.com/create-apps/app-reference/single-runtime-image.html#types', 'https://docs.upsun.com/learn/tutorials/migrating/from-fixed.html#7-import-files']),
    );
    expect(text).toMatch(/line 3 .*nodejs:16/);
  });

  test('a focus that is no key of the file is searched in the docs and put first', async () => {
    const { output } = await explain(fixture('docs-create-apps-minimal.yaml'), 'run a cron job every night');
    expect(output.docs_sections[0]?.topics).toEqual(['focus: run a cron job every night']);
    expect(output.docs_sections[0]?.url).toMatch(/cron/);
  });
});

describe('explain_config on Upsun Fixed (Platform.sh) input', () => {
  test('a .platform.app.yaml, services.yaml and routes.yaml pasted as one multi-document YAML are recognised and checked together', async () => {
    const { output, text } = await explain(fixture('docs-examples/platformsh-django-multi-document.yaml'));
    const structured = output as ExplainOutput & { documents: Array<{ kind: string; line: number }>; upsun_config?: string };
    expect(structured.documents.map((d) => d.kind)).toEqual(['platformsh-app', 'platformsh-services', 'platformsh-routes']);
    expect(text).not.toMatch(/parseAllDocuments|multiple documents/i);
    expect(text).toContain('Upsun Fixed (Platform.sh)');
    expect(text).toContain('migrate-from-platformsh');
    expect(output.findings[0]).toMatchObject({ code: 'platformsh-file', docs_url: expect.stringContaining('/learn/tutorials/migrating/from-fixed.html') });
    // The retired PostgreSQL gets the docs' upgrade path, and its line is in the services document.
    const postgres = output.findings.find((f) => f.path === 'services.db.type');
    expect(postgres).toMatchObject({ code: 'retired-version', line: 108 });
    expect(postgres?.message).toMatch(/upgrade the data in place/);
    // The Upsun shape it maps to: apps keyed by name, no `name:` or `disk:`.
    expect(structured.upsun_config).toMatch(/^applications:\n {2}app:\n {4}type: python:3\.10/);
    expect(structured.upsun_config).not.toMatch(/\bdisk:|^\s+name: app/m);
    expect(text).toContain(structured.upsun_config?.split('\n')[0] ?? 'missing');
  });

  test('max_tokens bounds the attached docs: a larger budget attaches more', async () => {
    const config = fixture('docs-examples/platformsh-ruby-app.yaml');
    const small = await connected.client.callTool({ name: 'explain_config', arguments: { config, max_tokens: 300 } });
    const large = await connected.client.callTool({ name: 'explain_config', arguments: { config, max_tokens: 8000 } });
    const sections = (result: typeof small) => (result.structuredContent as unknown as ExplainOutput).docs_sections;
    const markdown = (result: typeof small) => sections(result).reduce((sum, s) => sum + s.markdown.length, 0);
    expect(markdown(small)).toBeLessThan(300 * 4);
    expect(markdown(large)).toBeGreaterThan(markdown(small));
    expect(firstText(small)).toContain('raise max_tokens');
  });

  test('the default answer stays under 20,000 characters for every real config and docs example', async () => {
    const { readdirSync } = await import('node:fs');
    for (const dir of ['real', 'docs-examples']) {
      for (const name of readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith('.yaml'))) {
        const { text, output } = await explain(fixture(`${dir}/${name}`));
        expect(text.length, name).toBeLessThan(20_000);
        expect(JSON.stringify(output).length, name).toBeLessThan(20_000);
      }
    }
  });
});

describe.each(CLIENT_KINDS)('prompts with the $name', (kind) => {
  let client: Connected;
  beforeAll(async () => {
    client = await kind.connectInMemory(deps);
  });
  afterAll(() => client.close());

  test('prompts/list offers explain-config, troubleshoot-deploy and migrate-from-platformsh with their arguments', async () => {
    const { prompts } = await client.client.listPrompts();
    expect(prompts.map((p) => [p.name, p.arguments?.map((a) => `${a.name}${a.required ? '' : '?'}`)])).toEqual([
      ['explain-config', ['config', 'focus?']],
      ['troubleshoot-deploy', ['symptom', 'config?']],
      ['migrate-from-platformsh', ['app', 'services?', 'routes?']],
    ]);
  });

  test('explain-config embeds the check report and the docs section of each key as resources', async () => {
    const result = await client.client.getPrompt({ name: 'explain-config', arguments: { config: fixture('migrated-from-platformsh.yaml') } });
    const [first, ...rest] = result.messages;
    const brief = (first?.content as { type: string; text: string }).text;
    expect(brief).toContain('Explain this Upsun configuration file (.upsun/config.yaml)');
    expect(brief).toContain('type: nodejs:16');
    expect(brief).toMatch(/\*\*error\*\* line 5 `applications\.app\.type`/);
    expect(rest.length).toBeGreaterThan(2);
    for (const message of rest) {
      const content = message.content as { type: string; resource: { uri: string; mimeType: string; text: string } };
      expect(content.type).toBe('resource');
      expect(content.resource.uri).toMatch(/^upsun-docs:\/\/upsun\/.+\.md(#.+)?$/);
      expect(content.resource.text).toMatch(/^# .+\nSource: https:\/\/docs\.upsun\.com\//);
    }
  });

  test('explain-config completes focus with config keys', async () => {
    const result = await client.client.complete({ ref: { type: 'ref/prompt', name: 'explain-config' }, argument: { name: 'focus', value: 'mou' } });
    expect(result.completion.values).toContain('mounts');
  });

  test('troubleshoot-deploy searches the docs for the error lines of a log and attaches the best sections', async () => {
    const log = [
      'Building application \'app\' (runtime type: nodejs:24, tree: 1a2b3c4)',
      '  Executing build hook...',
      '    npm ERR! code ENOENT',
      '    npm ERR! syscall open',
      "    npm ERR! enoent Could not read package.json: Error: ENOENT: no such file or directory, open '/app/package.json'",
      '  E: Error building project: Step failed with status code 254.',
      'E: Error: Unable to build application, aborting.',
      ...Array.from({ length: 20 }, (_, i) => `  Downloading dependency ${i}...`),
    ].join('\n');
    const result = await client.client.getPrompt({ name: 'troubleshoot-deploy', arguments: { symptom: log } });
    const brief = (result.messages[0]?.content as { text: string }).text;
    expect(brief).toContain('1. Likely cause');
    expect(brief).toContain("Could not read package.json");
    expect(result.messages.length).toBeGreaterThan(1);
    expect((result.messages[1]?.content as { type: string }).type).toBe('resource');
  });

  test('migrate-from-platformsh attaches the migration guide and the config reference', async () => {
    const app = ['name: app', 'type: nodejs:20', 'disk: 1024', 'mounts:', "  'web/uploads':", '    source: local', '    source_path: uploads', ''].join('\n');
    const result = await client.client.getPrompt({ name: 'migrate-from-platformsh', arguments: { app } });
    const uris = result.messages.slice(1).map((m) => (m.content as { resource: { uri: string } }).resource.uri);
    expect(uris).toEqual([
      'upsun-docs://upsun/learn/tutorials/migrating/from-fixed.md#3-convert-your-configuration-files',
      'upsun-docs://upsun/learn/overview/yaml/yaml-structure.md#top-level-keys',
      'upsun-docs://upsun/create-apps/app-reference/single-runtime-image.md#primary-application-properties',
      'upsun-docs://upsun/create-apps/image-properties/mounts.md#define-a-mount',
      'upsun-docs://upsun/add-services/_index.md#service-options',
      'upsun-docs://upsun/define-routes/_index.md#route-configuration-reference',
    ]);
    // The files are checked first, as Upsun: the model starts from the shape and the findings.
    const brief = (result.messages[0]?.content as { text: string }).text;
    expect(brief).toMatch(/\*\*error\*\* line 2 `applications\.app\.type`: `nodejs:20` is retired/);
    expect(brief).toContain('alias of `instance`');
    expect(brief).toMatch(/```yaml\napplications:\n {2}app:\n {4}type: nodejs:20/);
  });

  test('a prompt without its required argument is an invalid-params error naming it', async () => {
    await expect(client.client.getPrompt({ name: 'explain-config', arguments: {} })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('config'),
    });
  });
});
