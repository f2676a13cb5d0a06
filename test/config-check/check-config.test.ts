import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createConfigChecker, type ConfigChecker, type ConfigReport, type Finding } from '../../src/config-check/index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadImageRegistry, type ImageRegistry } from '../../src/registry/image-registry.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/configs');

let registry: ImageRegistry;
let checker: ConfigChecker;

beforeAll(() => {
  registry = loadImageRegistry(DATA_PATHS.imageRegistry);
  const schema: unknown = JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8'));
  checker = createConfigChecker({ schema, registry });
});

function checkFixture(name: string): ConfigReport {
  return checker.check(readFileSync(join(FIXTURES, name), 'utf8'));
}

function errorsOf(report: ConfigReport): Finding[] {
  return report.findings.filter((f) => f.severity === 'error');
}

function supportedNodejs(): string {
  return registry.listVersions('nodejs')[0]?.versions.supported.map((v) => v.version).join(', ') ?? '';
}

describe('configs from the docs and NOTES.md pass', () => {
  test('the minimal MCP server config of NOTES.md section 6, with nodejs:24, has no findings', () => {
    const report = checkFixture('notes-minimal-nodejs.yaml');
    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.apps).toEqual([
      { name: 'docs-mcp', type: 'nodejs:24', line: 3, relationships: [], mounts: ['data/index'] },
    ]);
    expect(report.routes).toEqual([
      { url: 'https://{default}/', type: 'upstream', upstream: 'docs-mcp:http', line: 45 },
      { url: 'https://www.{default}/', type: 'redirect', to: 'https://{default}/', line: 50 },
    ]);
  });

  test.each([
    'docs-create-apps-minimal.yaml',
    'docs-comprehensive-single-runtime.yaml',
    'docs-comprehensive-composable.yaml',
  ])('%s has no findings', (fixture) => {
    const report = checkFixture(fixture);
    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
  });

  test('the composable example lists its stack runtimes and its service', () => {
    const report = checkFixture('docs-comprehensive-composable.yaml');
    expect(report.apps[0]).toMatchObject({ name: 'myapp', type: 'composable:26.05', stack: ['php@8.4', 'nodejs@26'] });
    expect(report.services).toEqual([{ name: 'mysql', type: 'mariadb:12.3', line: 50 }]);
  });

  test('!include and !archive are accepted; YAML includes are noted as not checked', () => {
    const report = checkFixture('docs-yaml-tags.yaml');
    expect(report.valid).toBe(true);
    expect(report.findings.map((f) => [f.severity, f.code, f.path, f.line])).toEqual([
      ['info', 'unchecked-include', 'applications.frontend.workers.queue1', 13],
      ['info', 'unchecked-include', 'applications.frontend.workers.queue2', 14],
      ['info', 'unchecked-include', 'applications.myapp', 17],
    ]);
  });
});

describe('property names', () => {
  test('a misspelt key gets a did-you-mean at its own line', () => {
    const report = checkFixture('misspelt-mount.yaml');
    expect(report.valid).toBe(false);
    expect(errorsOf(report)).toEqual([
      {
        severity: 'error',
        code: 'unknown-property',
        path: 'applications.app.mount',
        line: 4,
        column: 5,
        message: 'Unknown property `mount` in application `app`. Did you mean `mounts`?',
        docs: { path: 'create-apps/image-properties/mounts.md', anchor: 'define-a-mount' },
      },
      {
        severity: 'error',
        code: 'unknown-property',
        path: 'applications.app.relationship',
        line: 7,
        column: 5,
        message: 'Unknown property `relationship` in application `app`. Did you mean `relationships`?',
        docs: { path: 'create-apps/image-properties/relationships.md' },
      },
    ]);
  });

  test('`name:` under an app explains that the app name is the key', () => {
    const [name] = checkFixture('app-name-property.yaml').findings;
    expect(name).toMatchObject({ code: 'app-name-property', path: 'applications.app.name', line: 3 });
    expect(name?.message).toBe(
      "`name` isn't an application property: on Upsun the app name is the key under `applications` (here `app`). " +
        'Remove the `name:` line; to rename the app, rename that key.',
    );
  });

  test('`disk:` under an app points to upsun resources:set', () => {
    const disk = checkFixture('app-name-property.yaml').findings.find((f) => f.path === 'applications.app.disk');
    expect(disk).toMatchObject({ code: 'resources-in-config', line: 5, docs: { path: 'manage-resources/adjust-resources.md' } });
    expect(disk?.message).toContain('`upsun resources:set --disk app:1024`');
  });

  test('a near-miss top-level key is a warning with a did-you-mean; an app without type is an error', () => {
    const report = checkFixture('misc-schema-errors.yaml');
    expect(report.findings.map((f) => [f.severity, f.code, f.path, f.line])).toEqual([
      ['warning', 'unknown-top-level-key', 'application', 1],
      ['error', 'missing-property', 'applications.app', 5],
      ['error', 'invalid-value', 'applications.app.container_profile', 6],
      ['error', 'wrong-type', 'applications.app.relationships.db', 8],
      ['warning', 'deprecated-property', 'services.db.size', 15],
    ]);
    expect(report.findings[2]?.message).toBe(
      "`container_profile` of application `app` is `HUGE_CPU`, which isn't allowed. Use one of: `HIGH_CPU`, " +
        '`BALANCED`, `HIGH_MEMORY`, `HIGHER_MEMORY`. Did you mean `HIGH_CPU`?',
    );
  });

  test('route errors name the branch the route type asks for, without oneOf noise', () => {
    const report = checkFixture('broken-routes.yaml');
    expect(report.findings.map((f) => [f.code, f.path, f.line])).toEqual([
      ['unknown-property', 'routes."https://{default}/".upstrem', 7],
      ['missing-property', 'routes."https://www.{default}/"', 8],
      ['invalid-value', 'routes."https://api.{default}/".type', 11],
    ]);
    expect(report.findings[0]?.message).toBe('Unknown property `upstrem` in route `https://{default}/`. Did you mean `upstream`?');
    expect(report.findings[1]?.message).toBe(
      'Route `https://www.{default}/` is missing `to`: add the URL to send visitors to, for example `to: "https://{default}/"`.',
    );
  });
});

describe('image types', () => {
  test('a retired version is an error listing the supported versions', () => {
    const report = checkFixture('retired-nodejs.yaml');
    expect(report.valid).toBe(false);
    expect(report.findings).toEqual([
      {
        severity: 'error',
        code: 'retired-version',
        path: 'applications.app.type',
        line: 3,
        column: 5,
        message: `\`nodejs:16\` is retired: Upsun no longer maintains this version. Use a supported version: ${supportedNodejs()}.`,
        docs: { path: 'create-apps/app-reference/single-runtime-image.md', anchor: 'types' },
      },
    ]);
  });

  test('a deprecated version is a warning with its end-of-life date; the config stays valid', () => {
    const report = checkFixture('deprecated-nodejs.yaml');
    expect(report.valid).toBe(true);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ severity: 'warning', code: 'deprecated-version', line: 3 });
    expect(report.findings[0]?.message).toContain('upstream end of life: 2027-04-30');
  });

  test('a premium version written with the free image name (as the docs examples do) is a warning naming the premium type', () => {
    const report = checker.check(
      ['applications:', '  app:', '    type: "nodejs:24"', '    relationships:', '      es: "search:elasticsearch"', 'services:', '  search:', '    type: elasticsearch:8.19', ''].join('\n'),
    );
    expect(report.valid).toBe(true);
    expect(report.findings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'premium-version', path: 'services.search.type', line: 8 }),
    ]);
    expect(report.findings[0]?.message).toContain('`elasticsearch-enterprise:8.19`');
    // A version that exists in neither edition is still an error.
    const unknown = checker.check(['services:', '  search:', '    type: elasticsearch:8.77', ''].join('\n'));
    expect(unknown.findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'unknown-version' }));
  });

  test('an unknown image suggests the closest name; a persistent-Redis alias is fine', () => {
    const report = checkFixture('unknown-image.yaml');
    expect(report.findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'unknown-image',
        line: 3,
        message: "`nodjs` isn't an Upsun image. Did you mean `nodejs`?",
      }),
    ]);
  });

  test('stack runtimes are checked against the channel; the stack form in type is a warning, a service image as an app an error', () => {
    const report = checkFixture('composable-stack-errors.yaml');
    expect(report.findings.map((f) => [f.severity, f.code, f.path, f.line])).toEqual([
      ['error', 'unknown-version', 'applications.frontend.stack.runtimes[0]', 6],
      ['warning', 'unknown-stack-runtime', 'applications.frontend.stack.runtimes[1]', 7],
      ['warning', 'invalid-image-type', 'applications.api.type', 11],
      ['error', 'invalid-image-type', 'applications.db-as-app.type', 13],
    ]);
    expect(report.findings[2]?.message).toBe(
      '`nodejs@24` uses the `stack` form. The `type` reference writes image and version with a colon: `nodejs:24`.',
    );
  });
});

describe('mounts', () => {
  test('`source: local` is a warning that recommends `instance` (its alias), not `storage`, and no enum error', () => {
    const report = checkFixture('local-mount.yaml');
    expect(report.findings).toHaveLength(1);
    expect(report.valid).toBe(true);
    expect(report.findings[0]).toMatchObject({
      severity: 'warning',
      code: 'local-mount',
      path: 'applications.app.mounts.web/uploads.source',
      line: 7,
      docs: { path: 'learn/tutorials/migrating/from-fixed.md' },
    });
    const message = report.findings[0]?.message ?? '';
    expect(message).toContain('alias of `instance`');
    expect(message).toContain('`source: instance`');
    expect(message).not.toMatch(/Upsun doesn't have it|usual replacement/);
  });
});

describe('input that is not a config', () => {
  test('invalid YAML is one finding at the opening quote, not a throw', () => {
    const report = checkFixture('invalid-yaml.yaml');
    expect(report.valid).toBe(false);
    expect(report.findings).toEqual([
      {
        severity: 'error',
        code: 'invalid-yaml',
        path: '',
        line: 6,
        column: 16,
        message: "The file isn't valid YAML: the string that starts at line 6 has no closing `\"`. Close it; nothing else was checked.",
        docs: { path: 'learn/overview/yaml/what-is-yaml.md' },
      },
    ]);
  });

  test('other syntax errors keep the parser message and its line', () => {
    const report = checker.check('applications:\n  app:\n    type: nodejs:24\n   web: {}\n');
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ code: 'invalid-yaml', line: 4 });
    expect(report.findings[0]?.message).toMatch(/^The file isn't valid YAML: .+\. Fix the syntax at line 4; nothing else was checked\.$/);
  });

  test('a duplicate key is an error at its second occurrence, naming the first', () => {
    const report = checker.check('applications:\n  app:\n    type: nodejs:24\n  app:\n    type: nodejs:26\n');
    expect(report.findings).toEqual([
      {
        severity: 'error',
        code: 'duplicate-key',
        path: 'applications.app',
        line: 4,
        column: 3,
        message:
          '`app` appears twice in `applications` (first at line 2). YAML keys must be unique and only the last one ' +
          'would count: merge the two or remove one.',
      },
    ]);
  });

  test.each(['empty.yaml', 'comment-only.yaml'])('%s gives one empty-config error', (fixture) => {
    const report = checkFixture(fixture);
    expect(report.valid).toBe(false);
    expect(report.findings.map((f) => f.code)).toEqual(['empty-config']);
    expect(report.apps).toEqual([]);
  });

  test('a list at the top level is explained', () => {
    const report = checkFixture('root-is-list.yaml');
    expect(report.findings.map((f) => f.code)).toEqual(['wrong-type']);
    expect(report.findings[0]?.message).toContain('must be a mapping with the top-level keys `applications`, `services` and `routes`');
  });

  test('an unknown tag is a warning and the value is still checked', () => {
    const report = checkFixture('unknown-tag.yaml');
    expect(report.valid).toBe(true);
    expect(report.findings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'unknown-tag', path: 'applications.app.variables.env.SECRET', line: 6 }),
    ]);
  });
});

describe('used keys', () => {
  test('maps each property the config uses to the page that explains it, once', () => {
    const { usedKeys } = checkFixture('notes-minimal-nodejs.yaml');
    const keys = usedKeys.map((u) => u.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(usedKeys).toContainEqual({
      key: 'applications.*.mounts',
      docs: { path: 'create-apps/image-properties/mounts.md', anchor: 'define-a-mount' },
    });
    expect(usedKeys).toContainEqual({
      key: 'applications.*.web.commands.start',
      docs: { path: 'create-apps/image-properties/web.md', anchor: 'start' },
    });
    expect(usedKeys).toContainEqual({ key: 'routes.*.cache', docs: { path: 'define-routes/cache.md', anchor: 'cache-configuration-properties' } });
    expect(keys).not.toContain('applications.*.workers');
  });
});

describe('large input', () => {
  test('a 1 MB valid config is checked and found valid', () => {
    const variables = Array.from({ length: 20_000 }, (_, i) => `        VAR_${i}: "${'x'.repeat(30)}"`).join('\n');
    const text = `applications:\n  app:\n    type: 'nodejs:24'\n    variables:\n      env:\n${variables}\n`;
    expect(text.length).toBeGreaterThan(1_000_000);
    // How long it may take is the server's to bound (the config-check pool's deadline); timings are benchmarks.
    const report = checker.check(text);
    expect(report.valid).toBe(true);
    expect(report.findings).toEqual([]);
  });

  test('a 1 MB config full of mistakes keeps 200 findings and says how many more there were', () => {
    const apps = Array.from(
      { length: 12_000 },
      (_, i) => `  app${i}:\n    type: 'nodejs:16'\n    mount: {}\n`,
    ).join('');
    const text = `applications:\n${apps}`;
    expect(text.length).toBeGreaterThan(400_000);
    const report = checker.check(text);
    expect(report.findings).toHaveLength(201);
    expect(report.findings.at(-1)).toMatchObject({
      code: 'too-many-findings',
      message: '23800 more findings were left out. Fix the ones above and check again.',
    });
  });
});
