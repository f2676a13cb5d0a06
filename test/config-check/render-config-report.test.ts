import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createConfigChecker, formatDocsUrl, renderConfigReport } from '../../src/config-check/index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/configs');

function checkFixture(name: string) {
  const schema: unknown = JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8'));
  const checker = createConfigChecker({ schema, registry: loadImageRegistry(DATA_PATHS.imageRegistry) });
  return checker.check(readFileSync(join(FIXTURES, name), 'utf8'));
}

test('renders a broken config as findings with lines and docs URLs, then what the file defines', () => {
  const text = renderConfigReport(checkFixture('migrated-from-platformsh.yaml'), { includeUsedKeys: false });
  expect(text).toBe(
    [
      '## .upsun/config.yaml check',
      '',
      'Invalid: 4 errors.',
      '',
      '### Findings',
      "- **error** line 4 `applications.app.name`: `name` isn't an application property: on Upsun the app name is the key under `applications` (here `app`). Remove the `name:` line; to rename the app, rename that key. Docs: https://docs.upsun.com/create-apps/app-reference/single-runtime-image.html#primary-application-properties",
      '- **error** line 5 `applications.app.type`: `nodejs:16` is retired: Upsun no longer maintains this version. Use a supported version: 26, 24. Docs: https://docs.upsun.com/create-apps/app-reference/single-runtime-image.html#types',
      "- **error** line 6 `applications.app.disk`: `disk` can't be set in application `app`: on Upsun, CPU, RAM and disk are set per app and service with `upsun resources:set` (for example `upsun resources:set --disk app:1024`), not in `.upsun/config.yaml`. Remove the `disk:` line. Docs: https://docs.upsun.com/manage-resources/adjust-resources.html#vertical-scaling",
      '- **error** line 7 `applications.app.mount`: Unknown property `mount` in application `app`. Did you mean `mounts`? Docs: https://docs.upsun.com/create-apps/image-properties/mounts.html#define-a-mount',
      '',
      '### Applications',
      '- `app` (line 3): `nodejs:16`',
      '',
      '### Routes',
      '- `https://{default}/` (line 14): upstream → `app:http`',
      '',
    ].join('\n'),
  );
});

test('a valid config says so and lists the docs for the keys it uses', () => {
  const text = renderConfigReport(checkFixture('docs-create-apps-minimal.yaml'));
  expect(text).toContain('\nValid: no errors.\n');
  expect(text).not.toContain('### Findings');
  expect(text).toContain('- `applications.*.web.commands.start`: https://docs.upsun.com/create-apps/image-properties/web.html#start');
});

test('docs URLs follow the site: .html, _index pages as their folder, lower case', () => {
  expect(formatDocsUrl({ path: 'create-apps/image-properties/mounts.md', anchor: 'define-a-mount' })).toBe(
    'https://docs.upsun.com/create-apps/image-properties/mounts.html#define-a-mount',
  );
  expect(formatDocsUrl({ path: 'define-routes/_index.md' })).toBe('https://docs.upsun.com/define-routes.html');
  expect(formatDocsUrl({ path: 'get-started/AI/_index.md' })).toBe('https://docs.upsun.com/get-started/ai.html');
  expect(formatDocsUrl({ path: '_index.md' })).toBe('https://docs.upsun.com/');
});
