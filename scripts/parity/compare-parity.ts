// Prints how a fresh build of the bundled snapshot differs from test/fixtures/parity/markdown-parity.json.gz,
// one JSON line per difference, to review before listing it in the parity test. Run after `npm run build`:
//   node dist/scripts/parity/compare-parity.js [INDEX_FILE_TO_KEEP]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildIndex } from '../../indexer/build-index.js';
import { openLocalSource } from '../../indexer/sources/local-source.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../../src/paths.js';
import { PRODUCTS } from '../../src/products.js';
import { compareParityRecords, readParityRecords, type ParityRecords } from './parity-records.js';

const work = mkdtempSync(join(tmpdir(), 'upsun-docs-parity-'));
try {
  const indexFile = process.argv[2] ?? join(work, 'index.sqlite');
  const report = await buildIndex({ source: openLocalSource(DATA_PATHS.docsSnapshot), products: [...PRODUCTS], outFile: indexFile, previousFile: '/nonexistent' });
  const expected = JSON.parse(gunzipSync(readFileSync(join(PACKAGE_ROOT, 'test/fixtures/parity/markdown-parity.json.gz'))).toString('utf8')) as ParityRecords;
  const differences = compareParityRecords(expected, readParityRecords(indexFile, report.warnings));
  for (const difference of differences) process.stdout.write(`${JSON.stringify(difference)}\n`);
  process.stderr.write(`${differences.length} differences; build ${report.seconds.toFixed(2)} s\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
