import { statSync, type Stats } from 'node:fs';
import type { Vocabulary } from '../search/vocabulary.js';
import { loadIndex, type LoadedIndex } from './loaded-index.js';

export interface IndexHolderOptions {
  /** Synonyms and stop words for the search engine of every index the holder opens. */
  vocabulary: Vocabulary;
  /** Where swap and failure lines go (stderr for stdio, the app log for HTTP). */
  log: (line: string) => void;
  /**
   * Look at the file at most this often, from inside `current()` (default 2 s). A `stat` costs
   * microseconds; the interval only keeps a busy server from making thousands a second. 0 looks on
   * every call.
   */
  checkIntervalMs?: number;
  /**
   * How long a replaced index stays open after the switch (default 120 s): longer than any request
   * may take, see `retire` below.
   */
  closeDelayMs?: number;
  /** The clock, in ms (default `Date.now`): tests step it instead of sleeping. */
  now?: () => number;
}

export interface IndexHolder {
  /**
   * The index to answer from. Every `checkIntervalMs` it compares the file on disk with the one it
   * serves and, when the file was replaced, opens and checks the new one and returns it from then on.
   */
  current(): LoadedIndex;
  /** Look at the file now, whatever the interval; true when a new index was switched to. */
  reload(): boolean;
  /** Close the index and every replaced one still open. */
  close(): void;
}

/**
 * Serve an index file that may be replaced while the server runs.
 *
 * The indexer and `refresh` publish a new index by renaming a finished file over the old path, so a new
 * index is a new inode at the same path. A cheap `stat` inside `current()` notices it. `fs.watch` is not
 * used: on Upsun the index lives on a `storage` mount shared by instances over the network, where a
 * rename made by another host raises no local file event, while `stat` sees it on every host.
 *
 * An index that fails to open or check (wrong schema version, corrupt file, an engine that cannot be
 * built) is logged and skipped: the old one keeps serving, and the next change of the file is tried.
 */
export function createIndexHolder(file: string, options: IndexHolderOptions): IndexHolder {
  const { vocabulary, log } = options;
  const checkIntervalMs = options.checkIntervalMs ?? 2_000;
  const closeDelayMs = options.closeDelayMs ?? 120_000;
  const now = options.now ?? Date.now;

  // Taken before opening: if the file is replaced between this stat and the open, the identity on
  // record is older than the file served, and the next check reloads once more; never the reverse.
  // A missing file gets no identity here and fails in loadIndex with the command that builds it.
  let servedIdentity = identifyFile(file);
  let serving = loadIndex(file, vocabulary);
  let lastCheck = now();
  let skippedIdentity: string | undefined;
  let closed = false;
  const retiring = new Set<{ index: LoadedIndex; timer: NodeJS.Timeout }>();

  /**
   * Close a replaced index after `closeDelayMs`, not at once. Every reader in src/mcp calls `getIndex()`
   * per request and uses the result synchronously (better-sqlite3 and the search engine never yield), so
   * no request still holds the old index once the call that switched returns; the delay covers a reader
   * that keeps it across an `await` (a streamed HTTP response), up to the request timeout, which it
   * exceeds. Reference counting would need a release from every reader, and `getIndex()` has none.
   * On Linux the open file stays readable after the rename (the old inode lives until closed), so the
   * delay costs only the disk space of one old index for two minutes.
   */
  const retire = (index: LoadedIndex) => {
    const entry = {
      index,
      timer: setTimeout(() => {
        retiring.delete(entry);
        index.close();
      }, closeDelayMs),
    };
    // A replaced index must not keep a process alive that is otherwise done (stdio after stdin closes).
    entry.timer.unref();
    retiring.add(entry);
  };

  const reload = (): boolean => {
    if (closed) return false;
    lastCheck = now();
    let identity: string | undefined;
    try {
      identity = identifyFile(file);
    } catch (error) {
      // A failed stat (EIO on a network mount) must not fail the request that happened to look: the
      // index in hand still works, and the next look tries again.
      log(`upsun-docs-mcp: ${(error as Error).message}; still serving the index built at ${serving.handle.meta.builtAt}.`);
      return false;
    }
    if (identity === undefined) {
      // Between a delete and a rename (an operator moving files by hand): keep serving, look again later.
      if (skippedIdentity !== MISSING) log(`upsun-docs-mcp: the index ${file} is gone; still serving the one built at ${serving.handle.meta.builtAt}.`);
      skippedIdentity = MISSING;
      return false;
    }
    if (identity === servedIdentity || identity === skippedIdentity) return false;
    let next: LoadedIndex;
    try {
      next = loadIndex(file, vocabulary);
    } catch (error) {
      skippedIdentity = identity;
      log(`upsun-docs-mcp: a new index at ${file} could not be opened, still serving the one built at ${serving.handle.meta.builtAt}: ${(error as Error).message}`);
      return false;
    }
    try {
      // Build the engine before switching: a file that opens but cannot be searched is not served, and
      // the first search after the swap does not pay for the build.
      void next.search;
    } catch (error) {
      next.close();
      skippedIdentity = identity;
      log(`upsun-docs-mcp: the new index at ${file} cannot be searched, still serving the one built at ${serving.handle.meta.builtAt}: ${(error as Error).message}`);
      return false;
    }
    const previous = serving;
    serving = next;
    servedIdentity = identity;
    skippedIdentity = undefined;
    retire(previous);
    log(
      `upsun-docs-mcp: switched to the index built at ${next.handle.meta.builtAt} from docs commit ${next.handle.meta.docsCommit || 'unknown'} ` +
        `(${next.handle.meta.pageCount} pages; was ${previous.handle.meta.docsCommit || 'unknown'}).`,
    );
    return true;
  };

  return {
    current() {
      if (!closed && now() - lastCheck >= checkIntervalMs) reload();
      return serving;
    },
    reload,
    close() {
      if (closed) return;
      closed = true;
      for (const entry of retiring) {
        clearTimeout(entry.timer);
        entry.index.close();
      }
      retiring.clear();
      serving.close();
    },
  };
}

const MISSING = 'missing';

/**
 * What changes when a file is renamed over the path: the inode, and with it size and mtime (an inode
 * number can be reused once the old file is gone). Undefined when there is no file.
 */
function identifyFile(file: string): string | undefined {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot stat the index ${file}: ${(error as Error).message}`, { cause: error });
  }
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}
