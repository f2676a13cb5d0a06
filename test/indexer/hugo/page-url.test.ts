import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPageUrls } from '../../../indexer/hugo/page-url.js';
import { PACKAGE_ROOT } from '../../../src/paths.js';

const BASE = 'https://docs.upsun.com';

/** Rows of url-map.tsv: every Upsun source page with the HTML and Markdown URLs the live site serves. */
function readUrlMap(): Array<{ source: string; html: string; md: string }> {
  const lines = readFileSync(join(PACKAGE_ROOT, 'test/fixtures/url-map.tsv'), 'utf8').trimEnd().split('\n').slice(1);
  return lines.map((line) => {
    const [source = '', html = '', md = ''] = line.split('\t');
    return { source, html, md };
  });
}

describe('toPageUrls', () => {
  it('gives the public HTML and Markdown URL of every page in url-map.tsv', () => {
    const rows = readUrlMap();
    expect(rows.length).toBe(290);
    const wrong = rows.filter((row) => {
      const urls = toPageUrls(row.source, BASE);
      return urls.html !== row.html || urls.md !== row.md;
    });
    expect(wrong).toEqual([]);
  });

  it('maps the home page to the site root and index.md', () => {
    expect(toPageUrls('_index.md', BASE)).toEqual({ html: 'https://docs.upsun.com/', md: 'https://docs.upsun.com/index.md' });
  });

  it('lower-cases mixed-case folders and publishes a section index at <dir>.html', () => {
    expect(toPageUrls('get-started/AI/_index.md', BASE)).toEqual({
      html: 'https://docs.upsun.com/get-started/ai.html',
      md: 'https://docs.upsun.com/get-started/ai.md',
    });
  });

  it('accepts a base URL with a trailing slash', () => {
    expect(toPageUrls('add-services/redis.md', 'https://fixed.docs.upsun.com/').html).toBe('https://fixed.docs.upsun.com/add-services/redis.html');
  });

  it('rejects a path that is not a Markdown page', () => {
    expect(() => toPageUrls('images/logo.png', BASE)).toThrow(/Not a Markdown content path/);
  });
});
