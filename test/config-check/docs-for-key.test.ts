import { describeServiceUpgrade } from '../../src/config-check/describe-service-upgrade.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { COMPOSABLE_TYPE_DOCS, DOCS_FOR_KEY } from '../../src/config-check/docs-for-key.js';
import { createConfigChecker, formatDocsUrl, type DocsRef } from '../../src/config-check/index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';

const UPSUN_SOURCE = join(DATA_PATHS.docsSnapshot, 'sites/upsun/src');
const FIXTURES = join(import.meta.dirname, '../fixtures/configs');

/**
 * Heading ids as the docs site renders them: a `{#custom}` id wins; otherwise Goldmark's auto id —
 * lower-case, punctuation other than `-` and `_` dropped, each space a `-`, repeats suffixed `-1`, `-2`.
 * Headings inside code fences don't count, and `vendor/*` shortcodes are resolved first.
 */
function readHeadingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const counts = new Map<string, number>();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fenceMatch?.[1]) {
      if (fence === undefined) fence = fenceMatch[1][0];
      else if (fenceMatch[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = /^#{1,6}\s+(.+?)\s*$/.exec(line);
    if (!heading?.[1]) continue;
    const custom = /\{#([^}]+)\}$/.exec(heading[1]);
    if (custom?.[1]) {
      ids.add(custom[1]);
      continue;
    }
    const text = heading[1]
      .replace(/\{\{[<%]\s*vendor\/(?:name|company_name)\s*[%>]\}\}/g, 'Upsun')
      .replace(/\{\{[<%][^}]*[%>]\}\}/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .trim()
      .replace(/\s/g, '-');
    const seen = counts.get(base) ?? 0;
    counts.set(base, seen + 1);
    ids.add(seen === 0 ? base : `${base}-${seen}`);
  }
  return ids;
}

function expectDocsExist(docs: DocsRef, label: string): void {
  const file = join(UPSUN_SOURCE, docs.path);
  expect(existsSync(file), `${label}: page ${docs.path} is missing`).toBe(true);
  if (docs.anchor === undefined) return;
  const ids = readHeadingIds(readFileSync(file, 'utf8'));
  expect(ids.has(docs.anchor), `${label}: no heading #${docs.anchor} on ${docs.path}; ids: ${[...ids].join(', ')}`).toBe(true);
}

describe('DOCS_FOR_KEY', () => {
  test.each(Object.entries(DOCS_FOR_KEY))('%s points at an existing page and heading', (key, docs) => {
    expectDocsExist(docs, key);
  });

  test('the composable type docs exist', () => {
    expectDocsExist(COMPOSABLE_TYPE_DOCS, 'composable type');
  });

  test('covers every application property of the schema', () => {
    const schema = JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as {
      properties: { applications: { additionalProperties: { properties: Record<string, unknown> } } };
    };
    const properties = Object.keys(schema.properties.applications.additionalProperties.properties);
    // `preflight` is schema-only: the Upsun docs don't describe it (NOTES.md section 5.2).
    const undocumented = properties.filter((p) => p !== 'preflight' && !(`applications.*.${p}` in DOCS_FOR_KEY));
    expect(undocumented).toEqual([]);
  });
});

test('every docs link a finding or used key carries, over all fixtures, exists', () => {
  const schema: unknown = JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8'));
  const checker = createConfigChecker({ schema, registry: loadImageRegistry(DATA_PATHS.imageRegistry) });
  const seen = new Map<string, DocsRef>();
  const fixtures = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.yaml'));
  for (const fixture of fixtures) {
    const report = checker.check(readFileSync(join(FIXTURES, fixture), 'utf8'));
    for (const docs of [...report.findings.map((f) => f.docs), ...report.usedKeys.map((u) => u.docs)]) {
      if (docs) seen.set(formatDocsUrl(docs), docs);
    }
  }
  expect(seen.size).toBeGreaterThan(20);
  for (const [url, docs] of seen) expectDocsExist(docs, url);
});

test('every page and anchor the service upgrade advice cites exists', () => {
  const registry = loadImageRegistry(DATA_PATHS.imageRegistry);
  for (const name of ['mariadb', 'mysql', 'oracle-mysql', 'rabbitmq', 'mongodb', 'opensearch', 'elasticsearch', 'solr', 'postgresql', 'network-storage', 'valkey-persistent', 'redis-persistent']) {
    const image = registry.getImage(name);
    const version = image?.versions.retired[0] ?? image?.versions.deprecated[0] ?? image?.versions.supported.at(-1);
    if (!image || !version) throw new Error(`No image or version for ${name} in the registry`);
    const upgrade = describeServiceUpgrade(name, image, version);
    expect(upgrade, name).toBeDefined();
    if (upgrade) expectDocsExist(upgrade.docs, `${name}: ${formatDocsUrl(upgrade.docs)}`);
  }
});

test('heading ids follow the site: custom ids, shortcodes and punctuation', () => {
  const ids = readHeadingIds(
    [
      '## `type` {#types}',
      '##### Resources (CPU, RAM, disk)',
      '## Optional: Configure TLS connections',
      '### {{% vendor/name %}} CLI',
      '```yaml',
      '# not a heading',
      '```',
      '## Examples',
      '## Examples',
    ].join('\n'),
  );
  expect([...ids]).toEqual(['types', 'resources-cpu-ram-disk', 'optional-configure-tls-connections', 'upsun-cli', 'examples', 'examples-1']);
});
