import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Product } from '../src/products.js';
import { createChunkPool } from './markdown/chunk-pool.js';
import { planProduct } from './render-product.js';
import type { DocsSource } from './sources/docs-source.js';
import type { IndexedPage, IndexWarning } from './types.js';
import { writeIndex } from './write/write-index.js';
import { loadPageQuestions, matchPageQuestions, type PageQuestions } from './page-questions.js';
import type { PageQuestionCoverage } from './page-question-coverage.js';
import { buildSearchBlobs } from './search-blobs.js';
import { DATA_PATHS } from '../src/paths.js';

/**
 * Bump when the indexer's output changes for the same input (a resolver fix, new chunking), so
 * that content-hash reuse does not keep pages rendered by the old code.
 */
export const INDEXER_VERSION = 5;

export interface BuildIndexOptions {
  source: DocsSource;
  products: Product[];
  outFile: string;
  /** An existing index whose unchanged pages may be reused (defaults to `outFile`). */
  previousFile?: string;
  /** Called as pages are rendered, for a progress bar. */
  onProgress?: (event: { product: Product; done: number; total: number }) => void;
  /** Extra check on the finished temp file before it replaces `outFile`; throw to abort. */
  check?: (tempFile: string) => void;
  /** Questions users ask per section, indexed beside them (default: the product's data/search/page-questions/). */
  pageQuestions?: PageQuestions;
  /**
   * Worker threads that parse and chunk pages; 0 does it in this thread. Default: one per core when at least
   * MIN_PAGES_FOR_THREADS pages need parsing (a refresh that reuses the rest parses them faster itself).
   */
  parseThreads?: number;
}

/** Below this many pages to parse, starting worker threads (about 0.2 s each, loading remark) costs more than it saves. */
const MIN_PAGES_FOR_THREADS = 40;

export interface BuildReport {
  products: Product[];
  pages: number;
  sections: number;
  reused: number;
  warnings: IndexWarning[];
  /** Shortcode tags still present in stored text (the target is zero). */
  unresolvedShortcodes: number;
  /** Which sections have page questions, and which entries were dropped and why. */
  pageQuestions: PageQuestionCoverage;
  seconds: number;
  docsCommit: string | null;
  outFile: string;
}

/** Build an index of the given products from a docs tree and publish it atomically. */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildReport> {
  const started = performance.now();
  const warnings: IndexWarning[] = [];
  const pages: IndexedPage[] = [];
  let reused = 0;
  const plans = options.products.map((product) =>
    planProduct({ source: options.source, previousFile: options.previousFile ?? options.outFile, indexerVersion: INDEXER_VERSION }, product),
  );
  const toParse = plans.reduce((sum, plan) => sum + plan.toRender, 0);
  const threads = options.parseThreads ?? (toParse >= MIN_PAGES_FOR_THREADS ? availableParallelism() : 0);
  const pool = createChunkPool({ threads });
  try {
    // Products render at once: one resolves its shortcodes while the pool parses the other's pages.
    for (const built of await Promise.all(plans.map((plan) => plan.render(pool, options.onProgress)))) {
      pages.push(...built.pages);
      warnings.push(...built.warnings);
      reused += built.reused;
    }
  } finally {
    await pool.close();
  }
  const questions = matchPageQuestions(options.pageQuestions ?? loadPageQuestions(DATA_PATHS.pageQuestions), pages);
  warnings.push(...questions.warnings);
  await writeIndex(
    pages,
    { docsCommit: options.source.commit, docsSource: options.source.origin, products: options.products, warningCount: warnings.length },
    options.outFile,
    {
      // A worker thread builds part of the search state while this one stores the rows, when the parse was worth threads.
      deriveBlobs: (sections) => buildSearchBlobs(sections, { thread: threads > 0 }),
      questionsFor: questions.questionsFor,
      ...(options.check && { check: options.check }),
    },
  );
  const unresolvedShortcodes = countShortcodeTags(pages);
  return {
    products: options.products,
    pages: pages.length,
    sections: pages.reduce((sum, page) => sum + page.sections.length, 0),
    reused,
    warnings,
    unresolvedShortcodes,
    pageQuestions: questions.coverage,
    seconds: (performance.now() - started) / 1000,
    docsCommit: options.source.commit,
    outFile: options.outFile,
  };
}

function countShortcodeTags(pages: IndexedPage[]): number {
  let count = 0;
  for (const page of pages) count += (page.markdown.match(/\{\{[<%]/g) ?? []).length;
  return count;
}
