import { hostname } from 'node:os';
import { DATA_PATHS } from '../../src/paths.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { rollbackIndex, type RollbackReport } from '../../indexer/refresh/previous-index-file.js';
import { refreshIndex, refreshLockFile, type RefreshReport } from '../../indexer/refresh/refresh-index.js';
import { acquireRefreshLock, type LockOwner } from '../../indexer/refresh/refresh-lock.js';
import { parseProducts } from './index-command.js';
import { describePageQuestionCoverage } from '../../indexer/page-question-coverage.js';
import { assertWritableIndexFolder } from './writable-index-folder.js';

export interface RefreshCommandOptions {
  source?: string;
  ref?: string;
  /** upsun, platformsh or all; default: the products of the serving index. */
  product?: string;
  out: string;
}

/** `upsun-docs-mcp refresh`: fetch, build, check and publish a new index over `out`. */
export async function runRefreshCommand(options: RefreshCommandOptions, log: (line: string) => void): Promise<RefreshReport> {
  assertWritableIndexFolder(options.out);
  const report = await refreshIndex({
    outFile: options.out,
    ...(options.source && { source: options.source }),
    ...(options.ref && { ref: options.ref }),
    ...(options.product && { products: parseProducts(options.product) }),
    vocabulary: loadVocabulary(DATA_PATHS.searchData),
    owner: currentOwner(),
    isProcessAlive,
    log,
  });
  log(
    `Refreshed ${report.outFile}: ${report.pages} pages of ${report.products.join(', ')} from docs commit ${report.docsCommit ?? 'unknown'} ` +
      `(was ${report.previousDocsCommit || 'none'}; ${report.reused} pages unchanged, ${report.warnings} warnings) in ${report.seconds.toFixed(1)} s.` +
      (report.previousFile ? ` The replaced index is kept as ${report.previousFile} (upsun-docs-mcp rollback).` : ''),
  );
  log(describePageQuestionCoverage(report.pageQuestions));
  return report;
}

/** `upsun-docs-mcp rollback`: swap `<index>.previous` back in, under the refresh lock. */
export function runRollbackCommand(options: { index: string }, log: (line: string) => void): RollbackReport {
  const lock = acquireRefreshLock(refreshLockFile(options.index), { owner: currentOwner(), isProcessAlive });
  try {
    const report = rollbackIndex(options.index, { pid: process.pid });
    log(
      `Rolled back ${options.index} to the index built at ${report.restored.builtAt} from docs commit ${report.restored.docsCommit || 'unknown'}` +
        (report.replaced ? `; the one built at ${report.replaced.builtAt} is now ${options.index}.previous (rollback again to undo).` : '.'),
    );
    return report;
  } finally {
    lock.release();
  }
}

function currentOwner(): LockOwner {
  return { pid: process.pid, host: hostname() };
}

/** Signal 0 tests for a process without touching it: ESRCH means there is none, EPERM one we may not signal. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    if ((error as NodeJS.ErrnoException).code === 'EPERM') return true;
    throw new Error(`Cannot tell whether process ${pid} runs: ${(error as Error).message}`, { cause: error });
  }
}
