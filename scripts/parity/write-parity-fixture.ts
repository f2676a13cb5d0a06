// Writes test/fixtures/parity/markdown-parity.json.gz from a fresh build of the bundled snapshot (both
// products): the reference the Markdown parity test compares later builds with. Regenerate on purpose only,
// after reviewing the differences the test lists. Run after `npm run build`:
//   node dist/scripts/parity/write-parity-fixture.js
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIndex } from '../../indexer/build-index.js';
import { openLocalSource } from '../../indexer/sources/local-source.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../../src/paths.js';
import { PRODUCTS } from '../../src/products.js';
import { readParityRecords } from './parity-records.js';

const out = join(PACKAGE_ROOT, 'test/fixtures/parity/markdown-parity.json.gz');
const work = mkdtempSync(join(tmpdir(), 'upsun-docs-parity-'));
try {
  const indexFile = join(work, 'index.sqlite');
  const report = await buildIndex({ source: openLocalSource(DATA_PATHS.docsSnapshot), products: [...PRODUCTS], outFile: indexFile, previousFile: '/nonexistent' });
  const records = readParityRecords(indexFile, report.warnings);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, gzipSync(`${JSON.stringify(records, null, 1)}\n`, { level: 9 }));
  process.stdout.write(`${records.pages.length} pages, ${records.pages.reduce((n, p) => n + p.sections.length, 0)} sections, ${records.warnings.length} warnings -> ${out}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
