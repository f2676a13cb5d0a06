import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Product } from '../src/products.js';
import { createChunkPool } from './markdown/chunk-pool.js';
import { loadSharedData } from './hugo/site.js';
import { planProduct, type RenderedProduct } from './render-product.js';
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
   * Worker threads that parse and chunk pages; 0 does it in this thread. Default: one per core when there is no
   * previous index or at least MIN_PAGES_FOR_THREADS pages need parsing (a refresh that reuses the rest parses
   * them faster itself).
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
  const planOptions = {
    source: options.source,
    previousFile: options.previousFile ?? options.outFile,
    indexerVersion: INDEXER_VERSION,
    // Every product's site mounts the same data files: parsed once (about 0.13 s of YAML), not once a product.
    ...(options.products.length > 1 && { sharedData: loadSharedData(options.source.root) }),
  };
  // Without a previous index every page is parsed, so the pool pays: its threads start now and load the parser
  // while this one reads the pages, and each product's pages go to them as soon as that product is read.
  // Otherwise every product is read first, to learn how many pages changed.
  const threadsUpFront = options.parseThreads ?? (existsSync(planOptions.previousFile) ? undefined : availableParallelism());
  let pool = threadsUpFront === undefined ? undefined : createChunkPool({ threads: threadsUpFront });
  const renderings: Array<Promise<RenderedProduct>> = [];
  let pageQuestions: PageQuestions | undefined;
  try {
    const plans = pool ? [] : options.products.map((product) => planProduct(planOptions, product));
    if (!pool) {
      const toParse = plans.reduce((sum, plan) => sum + plan.toRender, 0);
      pool = createChunkPool({ threads: toParse >= MIN_PAGES_FOR_THREADS ? availableParallelism() : 0 });
    }
    for (const [i, product] of options.products.entries()) {
      // The next product is read and its shortcodes resolved while the pool parses this one's pages.
      const { rendered } = await (plans[i] ?? planProduct(planOptions, product)).dispatch(pool, options.onProgress);
      // Awaited below with the others; a failure meanwhile is not an unhandled rejection.
      rendered.catch(() => undefined);
      renderings.push(rendered);
    }
    // Read while the pool parses, when this thread would only wait: it is on the way to the write otherwise.
    pageQuestions = options.pageQuestions ?? loadPageQuestions(DATA_PATHS.pageQuestions);
    for (const built of await Promise.all(renderings)) {
      pages.push(...built.pages);
      warnings.push(...built.warnings);
      reused += built.reused;
    }
  } finally {
    await pool?.close();
  }
  const threads = pool.threads;
  const questions = matchPageQuestions(pageQuestions ?? loadPageQuestions(DATA_PATHS.pageQuestions), pages);
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
