import { beforeAll, describe, expect, it } from 'vitest';
import { resolveShortcodes } from '../../../../indexer/hugo/shortcodes/resolve-shortcodes.js';
import { createPageContext, loadCorpus, resolvePageBody, type Corpus } from './load-corpus.js';

let upsun: Corpus;

beforeAll(() => {
  upsun = loadCorpus('upsun');
});

function resolve(text: string): string {
  return resolveShortcodes(text, createPageContext(upsun, 'add-services/_index.md')).text;
}

describe('latest', () => {
  it('picks the highest supported version by (major, minor) from registry.json', () => {
    const keys = ['nodejs', 'php', 'python', 'postgresql', 'mariadb', 'redis', 'ruby', 'valkey', 'solr', 'opensearch', 'elasticsearch', 'golang', 'clickhouse'];
    const rendered = resolve(keys.map((key) => `{{% latest "${key}" %}}`).join(' '));
    expect(rendered.split(' ')).toEqual(['26', '8.5', '3.14', '18', '12.3', '8.8', '4.0', '9.0', '10.0', '3', '7.10', '1.26', '26.3']);
  });

  it('reads composable channels from composable_versions.yaml and accepts unquoted and escaped-quote args', () => {
    expect(resolve('{{% latest "composable" %}} {{< latest nodejs >}} {{% latest \\"network-storage\\" %}}')).toBe('26.05 26 1.0');
  });
});

describe('image-versions', () => {
  it('lists the supported and deprecated Node.js versions on the Node.js page', () => {
    const { text, warnings } = resolvePageBody(upsun, 'languages/nodejs/_index.md');
    expect(warnings).toEqual([]);
    expect(text).toMatch(/## Supported versions\n[\s\S]*?\n- 26\n- 24\n/);
    expect(text).toMatch(/### Deprecated versions\n[\s\S]*?\n- 22\n/);
  });

  it('says "None available" for an image the registry does not list, and nothing for an empty deprecated list', () => {
    expect(resolve('{{< image-versions image="postgresql-replica" status="supported" >}}')).toBe('None available');
    expect(resolve('{{< image-versions image="gotenberg" status="deprecated" >}}')).toBe('');
    expect(resolve('{{< image-versions image="nodejs" status="supported" environment="dedicated-gen-2" >}}')).toBe('- 22\n- 20\n- 19');
  });
});

describe('supported-services', () => {
  it('renders the services table of add-services/_index.md from the registry', () => {
    const { text } = resolvePageBody(upsun, 'add-services/_index.md');
    expect(text).toContain('| Service | `type` | Supported versions |');
    expect(text).toContain('| [PostgreSQL](/add-services/postgresql.html) | `postgresql` | 18, 17, 16, 15, 14 |');
    const rows = text.split('\n').filter((line) => /^\| \[/.test(line));
    expect(rows).toHaveLength(23);
    expect(rows.some((row) => row.includes('`nodejs`'))).toBe(false);
  });
});

describe('readFile runtimes table', () => {
  it('generates the runtimes table on the single-runtime image page, one row per runtime', () => {
    const { text, warnings } = resolvePageBody(upsun, 'create-apps/app-reference/single-runtime-image.md');
    expect(warnings).toEqual([]);
    expect(text).toContain('| [JavaScript/Node.js](/languages/nodejs.html) | `nodejs` | 26, 24 |');
    expect(text).toContain('| [PHP](/languages/php.html) | `php` | 8.5, 8.4 |');
    const table = text.split('\n').filter((line) => line.startsWith('| ['));
    expect(table.length).toBeGreaterThanOrEqual(9);
  });
});

describe('deprecated-versions', () => {
  it('emits the fixed heading and paragraph', () => {
    expect(resolve('{{% deprecated-versions %}}')).toMatch(/^### Deprecated versions\n\nThe following versions are \[deprecated\]\(\/glossary\.html#deprecated-versions\)\./);
  });
});
