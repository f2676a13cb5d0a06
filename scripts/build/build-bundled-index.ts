// npm pack's prepack step: build the index of both products that the package ships, from the bundled docs
// snapshot, and check it before it is packed. Usage (after npm run build): node dist/scripts/build/build-bundled-index.js
// The packed file is exactly DATA_PATHS.bundledIndex (package.json "files" names it), so nothing else
// left beside it (a .previous, a temp file) can end up in the tarball.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildIndex } from '../../indexer/build-index.js';
import { DEFAULT_DOCS_REPOSITORY } from '../../indexer/refresh/refresh-index.js';
import { openLocalSource } from '../../indexer/sources/local-source.js';
import { openIndex } from '../../src/db/open-index.js';
import { readIndexStats } from '../../src/db/index-stats.js';
import { DATA_PATHS } from '../../src/paths.js';
import { PRODUCT_INFO, PRODUCTS } from '../../src/products.js';
import { createSearchEngine } from '../../src/search/search-engine.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { summarizeWarnings } from '../../indexer/summarize-warnings.js';

/** Fewer pages than this in a product means a broken snapshot or indexer, not a smaller docs site. */
const MIN_PAGES_PER_PRODUCT = 200;

const outFile = DATA_PATHS.bundledIndex;
rmSync(dirname(outFile), { recursive: true, force: true });
// The packer's folder means nothing on a user's machine: `stats` shows where the docs came from instead.
const source = { ...openLocalSource(DATA_PATHS.docsSnapshot), origin: `${DEFAULT_DOCS_REPOSITORY} (the snapshot bundled in the package)` };
let report;
try {
  report = await buildIndex({ source, products: [...PRODUCTS], outFile });
} finally {
  source.dispose();
}
const problems: string[] = [];
if (report.unresolvedShortcodes > 0) problems.push(`${report.unresolvedShortcodes} unresolved Hugo shortcodes`);

const index = openIndex(outFile);
try {
  const stats = readIndexStats(index);
  const engine = createSearchEngine({ index, vocabulary: loadVocabulary(DATA_PATHS.searchData) });
  for (const product of PRODUCTS) {
    const pages = stats.products.find((entry) => entry.product === product)?.pages ?? 0;
    if (pages < MIN_PAGES_PER_PRODUCT) problems.push(`${product} has ${pages} pages (expected at least ${MIN_PAGES_PER_PRODUCT})`);
    const hit = engine.search({ query: 'define a mount', product, limit: 1 }).results[0];
    if (!hit?.url.startsWith(PRODUCT_INFO[product].baseUrl)) problems.push(`a ${product} search for "define a mount" found ${hit ? hit.url : 'nothing'}`);
  }
} finally {
  index.close();
}
if (problems.length > 0) {
  rmSync(outFile, { force: true });
  throw new Error(`The bundled index failed its checks and was removed: ${problems.join('; ')}.`);
}
console.error(`Bundled index: ${report.pages} pages of ${report.products.join(', ')}, ${summarizeWarnings(report.warnings, false)} → ${outFile}`);
