import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLinkResolver } from '../../../indexer/hugo/resolve-link.js';
import { chunkPage } from '../../../indexer/markdown/chunk-page.js';
import { loadHugoSite } from '../../../indexer/hugo/site.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../../../src/paths.js';
import { readUpsunPage, readUpsunPages } from './upsun-pages.js';

/**
 * Real pages in, expected JSON out. Regenerate on purpose with `UPDATE_FIXTURES=1 npx vitest run
 * test/indexer/markdown/chunk-page-fixtures` and review the diff of test/fixtures/chunks/.
 */
const FIXTURES = [
  { fixture: 'mounts', path: 'create-apps/image-properties/mounts.md', title: 'Mounts' },
  { fixture: 'using-the-mcp', path: 'get-started/AI/using-the-mcp.md', title: 'Using the Upsun MCP server' },
  { fixture: 'set-variables', path: 'development/variables/set-variables.md', title: 'Set variables' },
];
const FIXTURE_DIR = join(PACKAGE_ROOT, 'test/fixtures/chunks');
const BASE = 'https://docs.upsun.com';

describe('chunkPage on real pages', () => {
  const resolve = createLinkResolver(
    readUpsunPages().map((page) => page.path),
    BASE,
  );

  it.each(FIXTURES)('$path matches its expected chunks in test/fixtures/chunks/', ({ fixture, path, title }) => {
    const chunked = chunkPage({
      markdown: readUpsunPage(path),
      title,
      path,
      configFiles: loadHugoSite(DATA_PATHS.docsSnapshot, 'upsun').vendor.config.files,
      resolveLink: (dest) => {
        const target = resolve(dest, path);
        if (target.kind === 'internal') return target.url;
        if (target.kind === 'same-page') return `${BASE}/${path.replace(/\.md$/, '.html')}#${target.fragment}`;
        return undefined;
      },
    });
    // The whole-page markdown is the sections' markdown joined, so the fixture leaves it out.
    const actual = { anchors: chunked.anchors, links: chunked.links, sections: chunked.sections };
    const file = join(FIXTURE_DIR, `${fixture}.json`);
    // Written only on purpose: a missing expected file is a failure, never a fresh baseline.
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    if (!existsSync(file)) throw new Error(`${file} is missing: write it with UPDATE_FIXTURES=1 npx vitest run test/indexer/markdown/chunk-page-fixtures and review it.`);
    expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});
