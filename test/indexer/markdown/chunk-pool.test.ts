import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../../indexer/build-index.js';
import { openLocalSource } from '../../../indexer/sources/local-source.js';
import { DATA_PATHS } from '../../../src/paths.js';

const work = mkdtempSync(join(tmpdir(), 'upsun-docs-pool-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The real site configs, data and templates, the pages of a few real Upsun docs sections (about 70 pages) and of
 * two Platform.sh sections (about 15), so that a build sends the pool one product's pages while it reads the other's.
 */
function makeTree(): string {
  const root = join(work, 'tree');
  const dirs = ['sites/upsun/config', 'sites/upsun/layouts', 'shared/data', 'themes/psh-docs/layouts', 'sites/upsun/src/add-services', 'sites/upsun/src/create-apps', 'sites/upsun/src/define-routes'];
  for (const dir of [...dirs, 'sites/platform/config', 'sites/platform/src/define-routes', 'sites/platform/src/domains']) {
    cpSync(join(DATA_PATHS.docsSnapshot, dir), join(root, dir), { recursive: true });
  }
  for (const site of ['upsun', 'platform']) cpSync(join(DATA_PATHS.docsSnapshot, `sites/${site}/src/_index.md`), join(root, `sites/${site}/src/_index.md`));
  return root;
}

/** Every stored row of the pages and sections tables and the search state beside them, in order. */
function readRows(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return [
      ...db.prepare('SELECT * FROM pages ORDER BY id').all(),
      ...db.prepare('SELECT * FROM sections ORDER BY id').all(),
      ...db.prepare('SELECT key, value FROM blobs ORDER BY rowid').all(),
    ];
  } finally {
    db.close();
  }
}

describe('parsing pages in worker threads', () => {
  // With threads, the typo indexes of the search state are built in a thread of their own too.
  it('stores exactly what a build that parses every page in its own thread stores, for two products, search state and warnings included', async () => {
    const root = makeTree();
    expect(readdirSync(join(root, 'sites/upsun/src'), { recursive: true }).filter((name) => String(name).endsWith('.md')).length).toBeGreaterThan(60);
    const build = async (name: string, parseThreads: number) => {
      const source = openLocalSource(root);
      try {
        const outFile = join(work, `${name}.sqlite`);
        const report = await buildIndex({ source, products: ['upsun', 'platformsh'], outFile, previousFile: join(work, 'none.sqlite'), parseThreads });
        return { rows: readRows(outFile), warnings: report.warnings };
      } finally {
        source.dispose();
      }
    };
    const inThisThread = await build('single', 0);
    const inWorkers = await build('pool', 2);
    expect(inThisThread.rows.length).toBeGreaterThan(500);
    const products = (inWorkers.rows as Array<{ product?: string }>).map((row) => row.product).filter((product) => product !== undefined);
    expect(new Set(products)).toEqual(new Set(['upsun', 'platformsh']));
    expect(inWorkers.warnings).toEqual(inThisThread.warnings);
    expect(inWorkers.rows).toEqual(inThisThread.rows);
    // Two builds of 70 pages: seconds on a quiet machine, minutes on a loaded one.
  }, 600_000);
});
