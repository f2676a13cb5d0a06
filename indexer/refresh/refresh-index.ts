import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openIndexIfReadable } from '../../src/db/open-index.js';
import { PRODUCTS, isProduct, type Product } from '../../src/products.js';
import type { Vocabulary } from '../../src/search/vocabulary.js';
import { buildIndex } from '../build-index.js';
import type { PageQuestionCoverage } from '../page-question-coverage.js';
import { sweepDeadClones } from '../sources/git-source.js';
import { openDocsSource } from '../sources/open-source.js';
import { checkNewIndex, type NewIndexCheck, type SmokeQuery } from './check-new-index.js';
import { keepPreviousIndex } from './previous-index-file.js';
import { acquireRefreshLock, type LockOwner } from './refresh-lock.js';

/** Where the docs come from when `--source` is not given: the only network use of the product at run time. */
export const DEFAULT_DOCS_REPOSITORY = 'https://github.com/platformsh/platformsh-docs';

export interface RefreshIndexOptions {
  /** The serving index to replace. */
  outFile: string;
  /** A git URL (shallow-cloned) or a local docs folder (default DEFAULT_DOCS_REPOSITORY). */
  source?: string;
  /** Branch, tag or commit of a git source. */
  ref?: string;
  /** Products to index (default: those of the serving index, or all when there is none). */
  products?: Product[];
  vocabulary: Vocabulary;
  /** Who runs the refresh, and how to tell whether another holder's process still runs (see acquireRefreshLock). */
  owner: LockOwner;
  isProcessAlive: (pid: number) => boolean;
  /** A lock older than this is taken over (default 1 h). */
  lockStaleAfterMs?: number;
  /** Least share of each product's pages the new index keeps (default 0.9). */
  minPageRatio?: number;
  smokeQueries?: readonly SmokeQuery[];
  /** Where git sources are cloned (default the system's temp folder); clones left there by killed runs are swept. */
  tmpDir?: string;
  log: (line: string) => void;
}

export interface RefreshReport {
  outFile: string;
  /** Where the replaced index is kept, when there was one. */
  previousFile?: string;
  docsCommit: string | null;
  previousDocsCommit?: string;
  products: Product[];
  pages: number;
  /** Pages whose source did not change, copied from the old index. */
  reused: number;
  warnings: number;
  /** Which sections of the new index have page questions, and which entries it dropped and why. */
  pageQuestions: PageQuestionCoverage;
  seconds: number;
}

/** Where the lock of refreshes of `outFile` lives: beside it, so that instances sharing the folder share the lock. */
export function refreshLockFile(outFile: string): string {
  return `${outFile}.refresh.lock`;
}

/**
 * Fetch the docs, build a new index beside the serving one, check it, keep the serving one as
 * `<file>.previous`, then rename the new one into place. Any failure (clone, build, check, lock) throws
 * before the rename, and the serving index is untouched; a run killed at any point leaves either the
 * old index or the new one at the path, because the only change to it is one rename(2).
 */
export async function refreshIndex(options: RefreshIndexOptions): Promise<RefreshReport> {
  const started = performance.now();
  const { outFile, log } = options;
  // The first refresh of a fresh mount creates the folder the lock and the index live in.
  mkdirSync(dirname(outFile), { recursive: true });
  const lock = acquireRefreshLock(refreshLockFile(outFile), {
    owner: options.owner,
    isProcessAlive: options.isProcessAlive,
    ...(options.lockStaleAfterMs !== undefined && { staleAfterMs: options.lockStaleAfterMs }),
  });
  try {
    if (lock.replaced) log(`Took over a stale refresh lock (${lock.replaced}).`);
    const olderThanMs = options.lockStaleAfterMs ?? 60 * 60 * 1000;
    sweepTempFiles(outFile, { isProcessAlive: options.isProcessAlive, olderThanMs, log });
    for (const clone of sweepDeadClones({ isProcessAlive: options.isProcessAlive, olderThanMs, ...(options.tmpDir && { tmpDir: options.tmpDir }) })) {
      log(`Removed ${clone}, a docs clone left by an interrupted run.`);
    }
    const serving = readServingMeta(outFile);
    const products = options.products ?? serving?.products ?? [...PRODUCTS];
    const sourceName = options.source ?? DEFAULT_DOCS_REPOSITORY;
    log(`Fetching the docs from ${sourceName}${options.ref ? ` at ${options.ref}` : ''}…`);
    const source = await openDocsSource(sourceName, { ownerPid: options.owner.pid, ...(options.ref && { ref: options.ref }), ...(options.tmpDir && { tmpDir: options.tmpDir }) });
    try {
      log(`Building the index of ${products.join(', ')} from commit ${source.commit ?? 'unknown'}…`);
      let checked: NewIndexCheck | undefined;
      let previousFile: string | undefined;
      const report = await buildIndex({
        source,
        products,
        outFile,
        onProgress: logQuarterProgress(log),
        // Runs on the finished temp file, before the rename: throwing here leaves the serving index as it was.
        check: (tempFile) => {
          log(`Checking the new index (${basename(tempFile)})…`);
          checked = checkNewIndex(tempFile, {
            currentFile: outFile,
            vocabulary: options.vocabulary,
            ...(options.minPageRatio !== undefined && { minPageRatio: options.minPageRatio }),
            ...(options.smokeQueries && { smokeQueries: options.smokeQueries }),
          });
          lock.assertHeld();
          previousFile = keepPreviousIndex(outFile, { pid: options.owner.pid });
        },
      });
      return {
        outFile,
        ...(previousFile && { previousFile }),
        docsCommit: report.docsCommit,
        ...(checked?.baseline && { previousDocsCommit: checked.baseline.meta.docsCommit }),
        products,
        pages: report.pages,
        reused: report.reused,
        warnings: report.warnings.length,
        pageQuestions: report.pageQuestions,
        seconds: (performance.now() - started) / 1000,
      };
    } finally {
      source.dispose();
    }
  } finally {
    lock.release();
  }
}

/**
 * Log rendering at each quarter of a product's pages: an unattended run's log shows how far a slow or
 * killed refresh got, at four lines a product.
 */
function logQuarterProgress(log: (line: string) => void): (event: { product: Product; done: number; total: number }) => void {
  const logged = new Map<Product, number>();
  return ({ product, done, total }) => {
    const quarter = Math.floor((done * 4) / total);
    if (quarter <= (logged.get(product) ?? 0)) return;
    logged.set(product, quarter);
    log(`Rendered ${done} of ${total} ${product} pages…`);
  };
}

/** The serving index's products, or undefined when there is none this code can read. */
function readServingMeta(file: string): { products: Product[] } | undefined {
  // Missing or of another schema version: the refresh builds a first (or replacement) index.
  const handle = openIndexIfReadable(file);
  if (!handle) return undefined;
  try {
    const products = handle.meta.products.filter(isProduct);
    return products.length > 0 ? { products } : undefined;
  } finally {
    handle.close();
  }
}

/**
 * Remove temporary files beside the index that a killed run left (the index writer's
 * `.<name>.tmp-<pid>-<hex>` with its journal, and the `.previous`/rollback links): those whose process is gone, or older
 * than the lock timeout. Runs under the lock, so no other refresh is writing one. A file from another
 * host whose process id happens to be free here may go too; that writer then fails at its rename and
 * leaves the serving index alone.
 */
function sweepTempFiles(outFile: string, options: { isProcessAlive: (pid: number) => boolean; olderThanMs: number; log: (line: string) => void }): void {
  const dir = dirname(outFile);
  const prefix = `.${basename(outFile)}.`;
  for (const name of readdirSync(dir)) {
    // SQLite's `-journal` beside a temp file goes with it.
    const match = /tmp-(\d+)-[0-9a-f]+(-journal)?$/.exec(name);
    if (!name.startsWith(prefix) || !match) continue;
    const path = join(dir, name);
    const old = Date.now() - statSync(path).mtimeMs > options.olderThanMs;
    if (old || !options.isProcessAlive(Number(match[1]))) {
      rmSync(path, { force: true });
      options.log(`Removed ${path}, left by an interrupted run.`);
    }
  }
}
