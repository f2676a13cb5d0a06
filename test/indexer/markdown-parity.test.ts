import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../indexer/build-index.js';
import { openLocalSource } from '../../indexer/sources/local-source.js';
import { compareParityRecords, readParityRecords, type ParityDifference, type ParityRecords } from '../../scripts/parity/parity-records.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../../src/paths.js';
import { PRODUCTS } from '../../src/products.js';

/**
 * The reference: the build of the whole bundled snapshot (both products) by the indexer of commit 30a48d5,
 * before it moved to unified/remark, written by scripts/parity/write-parity-fixture.ts. A difference from it
 * is allowed only when listed here with the reason it is right; list it after reviewing the text in both
 * builds (`node dist/scripts/parity/compare-parity.js` prints every difference).
 */
const REFERENCE = join(PACKAGE_ROOT, 'test/fixtures/parity/markdown-parity.json.gz');
const ALLOWED: Array<{ page: string; what: string; reason: string }> = [];

const work = mkdtempSync(join(tmpdir(), 'upsun-docs-parity-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the remark build of the whole snapshot', () => {
  it('stores the same pages, sections, heading paths, anchors, Markdown, prose, code, links and warnings as the reference build', async () => {
    const indexFile = join(work, 'index.sqlite');
    const source = openLocalSource(DATA_PATHS.docsSnapshot);
    const report = await buildIndex({ source, products: [...PRODUCTS], outFile: indexFile });
    source.dispose();
    const expected = JSON.parse(gunzipSync(readFileSync(REFERENCE)).toString('utf8')) as ParityRecords;
    const actual = readParityRecords(indexFile, report.warnings);
    expect(actual.pages.length).toBe(670);

    const isAllowed = (difference: ParityDifference) => ALLOWED.some((allowed) => allowed.page === difference.page && allowed.what === difference.what);
    expect(compareParityRecords(expected, actual).filter((difference) => !isAllowed(difference))).toEqual([]);
    // A build of both products: seconds on a quiet machine, minutes on a loaded one.
  }, 600_000);
});
