// The checker on a corpus of real configs (public repositories) and the docs' own complete examples, each with
// the findings it must and must not produce. Sources and licences: test/fixtures/configs/real/README.md and
// test/fixtures/configs/docs-examples/README.md. Every finding of every file also goes through the
// wrong-advice guards below: advice that would break a working config fails the test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createConfigChecker, type ConfigChecker, type ConfigFileKind, type Finding, type FindingCode } from '../../src/config-check/index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/configs');

interface ExpectedFinding {
  code: FindingCode;
  path: string;
  severity: Finding['severity'];
  /** Something the advice must say. */
  says?: RegExp;
}

interface CorpusEntry {
  file: string;
  kinds: ConfigFileKind[];
  /** No error finding. */
  valid: boolean;
  must: ExpectedFinding[];
  /** Codes that must not appear at all (the rest may, as long as the guards pass). */
  mustNot: FindingCode[];
}

const NO_CROSS_REFERENCE_NOISE: FindingCode[] = ['unknown-relationship-target', 'unknown-route-target', 'unknown-mount-service', 'unknown-endpoint'];

const CORPUS: CorpusEntry[] = [
  // Real .upsun/config.yaml files.
  {
    file: 'real/upsun-demo-js.yaml',
    kinds: ['upsun'],
    valid: false,
    must: [
      { code: 'composable-type-required', path: 'applications.main_app', severity: 'error', says: /composable:/ },
      { code: 'composable-type-required', path: 'applications.bun_app', severity: 'error', says: /composable:/ },
      { code: 'flat-stack-list', path: 'applications.bun_app.stack', severity: 'warning', says: /stack\.runtimes/ },
    ],
    mustNot: [...NO_CROSS_REFERENCE_NOISE, 'deprecated-property'],
  },
  {
    file: 'real/upsun-tutorial-chromadb.yaml',
    kinds: ['upsun'],
    valid: true,
    must: [{ code: 'deprecated-version', path: 'applications.chroma.type', severity: 'warning' }],
    // `chroma: chroma:http` is an app-to-app relationship to an app that exists.
    mustNot: [...NO_CROSS_REFERENCE_NOISE, 'deprecated-property', 'local-mount'],
  },
  {
    file: 'real/flowiseai-flowise.yaml',
    kinds: ['upsun'],
    valid: false,
    must: [{ code: 'retired-version', path: 'applications.flowiseai.type', severity: 'error', says: /26, 24/ }],
    mustNot: [...NO_CROSS_REFERENCE_NOISE, 'deprecated-property', 'unknown-property'],
  },
  {
    file: 'real/crystallize-furniture-remix.yaml',
    kinds: ['upsun'],
    valid: false,
    must: [
      { code: 'retired-version', path: 'applications.frontapp.type', severity: 'error' },
      // Plain `redis` is a cache without persistence: moving to a supported version loses nothing.
      { code: 'deprecated-version', path: 'services.redis.type', severity: 'warning', says: /Use a supported version/ },
    ],
    mustNot: NO_CROSS_REFERENCE_NOISE,
  },
  {
    file: 'real/upsun-demo-symfony-mr-docs-impact.yaml',
    kinds: ['upsun'],
    valid: true,
    must: [{ code: 'deprecated-version', path: 'applications.documentation-impact-analyzer.type', severity: 'warning' }],
    mustNot: [...NO_CROSS_REFERENCE_NOISE, 'deprecated-property', 'local-mount'],
  },
  { file: 'real/upsun-mcp-server.yaml', kinds: ['upsun'], valid: true, must: [], mustNot: [...NO_CROSS_REFERENCE_NOISE, 'unknown-property'] },
  // The docs' complete Upsun examples: valid as written.
  ...[
    'upsun-drupal-stack.yaml',
    'upsun-create-apps-full.yaml',
    'upsun-workers.yaml',
    'upsun-composable-stack.yaml',
    'upsun-crons.yaml',
    'upsun-python.yaml',
    'upsun-go.yaml',
    'upsun-nextjs.yaml',
  ].map((file): CorpusEntry => ({ file: `docs-examples/${file}`, kinds: ['upsun'], valid: true, must: [], mustNot: [...NO_CROSS_REFERENCE_NOISE, 'deprecated-property', 'flat-stack-list', 'composable-type-required'] })),
  // The docs' Upsun Fixed (Platform.sh) examples, pasted as they are.
  {
    file: 'docs-examples/platformsh-django-app.yaml',
    kinds: ['platformsh-app'],
    valid: true,
    must: [
      { code: 'platformsh-file', path: '', severity: 'info', says: /\.platform\.app\.yaml.*migrate-from-platformsh/s },
      { code: 'platformsh-only-key', path: 'applications.app.disk', severity: 'info' },
      { code: 'local-mount', path: 'applications.app.mounts.logs.source', severity: 'warning', says: /instance/ },
    ],
    mustNot: ['unknown-top-level-key', 'app-name-property', 'resources-in-config'],
  },
  {
    file: 'docs-examples/platformsh-django-services.yaml',
    kinds: ['platformsh-services'],
    valid: false,
    must: [
      { code: 'retired-version', path: 'services.db.type', severity: 'error', says: /PostgreSQL 10 and later upgrade the data in place/ },
      { code: 'platformsh-only-key', path: 'services.db.disk', severity: 'info' },
    ],
    mustNot: ['unknown-top-level-key', 'missing-property', 'resources-in-config'],
  },
  {
    file: 'docs-examples/platformsh-routes-websocket.yaml',
    kinds: ['platformsh-routes'],
    valid: true,
    must: [{ code: 'platformsh-file', path: '', severity: 'info', says: /routes\.yaml/ }],
    mustNot: ['unknown-top-level-key', 'missing-property', ...NO_CROSS_REFERENCE_NOISE],
  },
  {
    file: 'docs-examples/platformsh-applications.yaml',
    kinds: ['platformsh-applications'],
    valid: true,
    must: [{ code: 'platformsh-file', path: '', severity: 'info', says: /applications\.yaml/ }],
    mustNot: ['unknown-top-level-key', 'resources-in-config'],
  },
  {
    file: 'docs-examples/platformsh-ruby-app.yaml',
    kinds: ['platformsh-app'],
    valid: false,
    must: [{ code: 'retired-version', path: 'applications.myapp.type', severity: 'error' }],
    mustNot: ['unknown-top-level-key', 'app-name-property'],
  },
  {
    file: 'docs-examples/platformsh-typo3-services.yaml',
    kinds: ['platformsh-services'],
    valid: false,
    must: [{ code: 'retired-version', path: 'services.db.type', severity: 'error', says: /Export the data.*one supported version at a time/s }],
    mustNot: ['unknown-top-level-key', 'missing-property'],
  },
  {
    file: 'docs-examples/platformsh-django-multi-document.yaml',
    kinds: ['platformsh-app', 'platformsh-services', 'platformsh-routes'],
    valid: false,
    must: [
      { code: 'platformsh-file', path: '', severity: 'info', says: /line 100/ },
      { code: 'retired-version', path: 'services.db.type', severity: 'error' },
    ],
    // Pasted together, the app's relationship and the route find the service and the app.
    mustNot: ['invalid-yaml', 'unknown-top-level-key', ...NO_CROSS_REFERENCE_NOISE],
  },
];

/** Images that keep data: "jump to a supported version" is wrong advice for them (their docs say how). */
const STATEFUL = /^(mariadb|mysql|oracle-mysql|postgresql|opensearch|elasticsearch|solr|rabbitmq|mongodb|network-storage|[a-z]+-persistent)[:@]/;
/** The only keys a finding may tell to remove outright: Upsun sets them with `upsun resources:set`. */
const REMOVABLE = new Set(['size', 'resources', 'disk']);

/** Advice that breaks a working config, whatever the file. */
function findWrongAdvice(finding: Finding, text: string): string | undefined {
  const removed = /Remove `([A-Za-z_]+):?`/.exec(finding.message)?.[1];
  if (removed && !REMOVABLE.has(removed)) return `tells to remove \`${removed}\``;
  if (finding.code === 'local-mount') {
    if (finding.severity === 'error') return 'source: local is an error';
    if (!finding.message.includes('`instance`') || /usual replacement/.test(finding.message)) return 'source: local not mapped to instance';
  }
  if (finding.code === 'deprecated-property' && /crons\.[^.]+\.cmd$/.test(finding.path) && !finding.message.includes('commands.start')) {
    return 'cron cmd without its replacement';
  }
  if (/^(deprecated|retired|decommissioned)-version$/.test(finding.code) && finding.path.startsWith('services.')) {
    const type = /`([^`]+)` is (?:deprecated|retired|decommissioned)/.exec(finding.message)?.[1] ?? '';
    if (STATEFUL.test(type) && /Use a supported version/.test(finding.message)) return `jump-to-newest advice for ${type}`;
  }
  if (finding.line !== undefined && (finding.line < 1 || finding.line > text.split('\n').length)) return 'line outside the file';
  return undefined;
}

let checker: ConfigChecker;
beforeAll(() => {
  const schema: unknown = JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8'));
  checker = createConfigChecker({ schema, registry: loadImageRegistry(DATA_PATHS.imageRegistry) });
});

describe('real configs and docs examples', () => {
  test.each(CORPUS)('$file: expected findings, none forbidden, no wrong advice', ({ file, kinds, valid, must, mustNot }) => {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    const report = checker.check(text);
    expect(report.documents.map((d) => d.kind)).toEqual(kinds);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.path}: ${f.message}`), 'errors').toEqual(
      valid ? [] : expect.arrayContaining([expect.any(String)]),
    );
    for (const expected of must) {
      const found = report.findings.find((f) => f.code === expected.code && f.path === expected.path);
      expect(found, `${expected.code} at ${expected.path}`).toBeDefined();
      expect(found?.severity).toBe(expected.severity);
      if (expected.says) expect(found?.message).toMatch(expected.says);
    }
    expect(report.findings.filter((f) => mustNot.includes(f.code)).map((f) => `${f.code} ${f.path}`)).toEqual([]);
    expect(report.findings.flatMap((f) => findWrongAdvice(f, text) ?? [])).toEqual([]);
    // The report crosses a worker boundary and goes out as structuredContent: plain JSON only.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  test('the corpus covers PHP, Node.js, Python, Go, composable, multi-app, workers, crons and every Fixed file kind', () => {
    const texts = CORPUS.map(({ file }) => readFileSync(join(FIXTURES, file), 'utf8')).join('\n');
    for (const needle of [/type: ['"]?php:/, /type: ['"]?nodejs:/, /type: ['"]?python:/, /type: ['"]?golang:/, /composable:/, /workers:/, /crons:/]) {
      expect(texts).toMatch(needle);
    }
    const kinds = new Set(CORPUS.flatMap((entry) => entry.kinds));
    expect([...kinds].sort()).toEqual(['platformsh-app', 'platformsh-applications', 'platformsh-routes', 'platformsh-services', 'upsun']);
  });
});
