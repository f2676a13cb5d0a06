import { readIndexStats, type IndexStats } from '../../src/db/index-stats.js';
import { openIndex, openIndexIfReadable } from '../../src/db/open-index.js';
import { isProduct } from '../../src/products.js';
import { createSearchEngine } from '../../src/search/search-engine.js';
import type { Vocabulary } from '../../src/search/vocabulary.js';

/** A query and the page it must find: a search that cannot find the crons page on "cron job" is broken. */
export interface SmokeQuery {
  query: string;
  /** Source path of the expected page; both products have it. */
  path: string;
}

/**
 * Pages every complete docs tree has under both products, each with a query that ranks it high. The
 * check looks in the top `SMOKE_DEPTH` results: it guards against a broken index, not ranking changes.
 */
export const DEFAULT_SMOKE_QUERIES: readonly SmokeQuery[] = [
  { query: 'cron job', path: 'create-apps/image-properties/crons.md' },
  { query: 'build hook', path: 'create-apps/hooks/hooks-comparison.md' },
  { query: 'set environment variables', path: 'development/variables/set-variables.md' },
  { query: 'define routes', path: 'define-routes/_index.md' },
];

const SMOKE_DEPTH = 10;

export interface NewIndexCheckOptions {
  /** The index being replaced; its page counts are the baseline. Absent or unreadable: no baseline. */
  currentFile: string;
  vocabulary: Vocabulary;
  /** The new index must keep at least this share of each product's pages (default 0.9). */
  minPageRatio?: number;
  smokeQueries?: readonly SmokeQuery[];
}

export interface NewIndexCheck {
  stats: IndexStats;
  /** The serving index's stats, when it could be read. */
  baseline?: IndexStats;
}

/** The new index failed a check; the message says which and by how much. */
export class IndexCheckError extends Error {
  override name = 'IndexCheckError';
}

/**
 * Decide whether a freshly built index may replace the serving one: it opens with this code's schema
 * version, every product the serving index has is there with at least `minPageRatio` of its pages (a
 * docs repository half deleted upstream, or a clone of the wrong branch, builds a valid but useless
 * index), and the smoke queries find their pages.
 */
export function checkNewIndex(file: string, options: NewIndexCheckOptions): NewIndexCheck {
  const minPageRatio = options.minPageRatio ?? 0.9;
  const baseline = readBaseline(options.currentFile);
  // openIndex checks the schema version, with the message that says which version and the fix.
  const handle = openIndex(file);
  try {
    const stats = readIndexStats(handle);
    const problems: string[] = [];
    for (const old of baseline?.products ?? []) {
      const now = stats.products.find((product) => product.product === old.product);
      if (!now) {
        problems.push(`${old.product} is missing (the serving index has ${old.pages} pages of it; pass --product all to keep both products)`);
      } else if (now.pages < old.pages * minPageRatio) {
        problems.push(`${old.product} has ${now.pages} pages, down from ${old.pages} (below ${Math.round(minPageRatio * 100)}%)`);
      }
    }
    const engine = createSearchEngine({ index: handle, vocabulary: options.vocabulary });
    for (const { product } of stats.products) {
      if (!isProduct(product)) continue;
      for (const smoke of options.smokeQueries ?? DEFAULT_SMOKE_QUERIES) {
        const found = engine.search({ query: smoke.query, product, limit: SMOKE_DEPTH, maxTokens: 0 });
        if (!found.results.some((result) => result.path === smoke.path)) {
          problems.push(`${product}: "${smoke.query}" does not find ${smoke.path} in its top ${SMOKE_DEPTH}`);
        }
      }
    }
    if (problems.length > 0) throw new IndexCheckError(`The new index failed its checks: ${problems.join('; ')}.`);
    return { stats, ...(baseline && { baseline }) };
  } finally {
    handle.close();
  }
}

function readBaseline(file: string): IndexStats | undefined {
  // An index this code cannot read (older schema, corrupt) is being replaced for that very reason.
  const handle = openIndexIfReadable(file);
  if (!handle) return undefined;
  try {
    return readIndexStats(handle);
  } finally {
    handle.close();
  }
}
