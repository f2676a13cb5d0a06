import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IndexUnavailableError, openIndex, type IndexMeta } from '../../src/db/open-index.js';

/** Where the index that a refresh replaced is kept, for `upsun-docs-mcp rollback`. */
export function previousIndexFile(file: string): string {
  return `${file}.previous`;
}

/**
 * Keep the serving index as `<file>.previous` without touching it: a hard link is made under a temporary
 * name and renamed over the old `.previous`, so `.previous` is always a whole index and the serving path
 * never changes. Index files are never written in place, so sharing the inode is safe. A file system
 * without hard links gets a copy instead.
 */
export function keepPreviousIndex(file: string, options: { pid: number }): string | undefined {
  if (!existsSync(file)) return undefined;
  const previous = previousIndexFile(file);
  const temp = tempNameBeside(file, 'previous', options.pid);
  try {
    linkOrCopy(file, temp);
    renameSync(temp, previous);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new Error(`Cannot keep the serving index as ${previous}: ${(error as Error).message}`, { cause: error });
  }
  return previous;
}

export interface RollbackReport {
  /** What serves now: the index that was `.previous`. */
  restored: IndexMeta;
  /** What served before, now kept as `.previous` (rolling back twice undoes the rollback). */
  replaced?: IndexMeta;
}

/**
 * Swap `<file>.previous` back in. It is opened and checked first (schema version), then renamed over the
 * serving path in one step, so servers see the old index or the restored one and nothing between; the
 * index it replaces becomes the new `.previous`.
 */
export function rollbackIndex(file: string, options: { pid: number }): RollbackReport {
  const previous = previousIndexFile(file);
  if (!existsSync(previous)) {
    throw new Error(`No previous index at ${previous}: rollback needs an index kept by an earlier refresh.`);
  }
  const restored = readMeta(previous);
  const replaced = existsSync(file) ? readMetaIfValid(file) : undefined;
  const temp = tempNameBeside(file, 'rollback', options.pid);
  try {
    if (existsSync(file)) linkOrCopy(file, temp);
    renameSync(previous, file);
    if (existsSync(temp)) renameSync(temp, previous);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new Error(`Rollback of ${file} failed: ${(error as Error).message}`, { cause: error });
  }
  return { restored, ...(replaced && { replaced }) };
}

/**
 * Temporary files beside the index share one pattern with the index writer's (`.<name>.…tmp-<pid>-<hex>`),
 * so a refresh can sweep those left by a killed run (see sweepTempFiles).
 */
function tempNameBeside(file: string, purpose: string, pid: number): string {
  return join(dirname(file), `.${basename(file)}.${purpose}.tmp-${pid}-${randomBytes(4).toString('hex')}`);
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    // Some network and FUSE file systems have no hard links; a copy takes longer but is as good here.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    copyFileSync(from, to);
  }
}

function readMeta(file: string): IndexMeta {
  const handle = openIndex(file);
  try {
    return handle.meta;
  } finally {
    handle.close();
  }
}

function readMetaIfValid(file: string): IndexMeta | undefined {
  try {
    return readMeta(file);
  } catch (error) {
    // An unreadable serving index is the usual reason to roll back; it is kept as `.previous` all the same.
    if (error instanceof IndexUnavailableError) return undefined;
    throw error;
  }
}
