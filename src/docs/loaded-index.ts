import { openIndex, type IndexHandle } from '../db/open-index.js';
import { createPageStore, type PageStore } from '../db/page-store.js';
import { createSearchEngine, type SearchEngine } from '../search/search-engine.js';
import type { Vocabulary } from '../search/vocabulary.js';

/** One open index with everything the server reads through it. Immutable: a newer index is a new LoadedIndex. */
export interface LoadedIndex {
  handle: IndexHandle;
  search: SearchEngine;
  pages: PageStore;
  /**
   * Build the search engine now and warm it without pauses (typo index, then V8's code and the page cache):
   * for a server before it listens, when no request waits for the CPU. Resolves when done, never rejects;
   * the background warming that building the engine schedules then has nothing left to do.
   */
  warmUp(): Promise<void>;
  close(): void;
}

/** How long after the engine is built its typo index starts loading. */
const WARM_DELAY_MS = 250;

/**
 * Open an index for serving. The search engine is built on first use: opening the file and reading its
 * meta takes a few milliseconds, the engine's typo index most of a start-up budget, and a
 * `server/discover` probe process (spawned by 2026-era clients) or a session that only reads pages never
 * needs it. Reading `search` once builds it ahead of time and starts loading its typo index in the background (the stdio transport does after its first
 * reply, the index holder before it switches to a new file).
 */
export function loadIndex(file: string, vocabulary: Vocabulary): LoadedIndex {
  const handle = openIndex(file);
  let pages: PageStore;
  try {
    pages = createPageStore(handle);
  } catch (error) {
    handle.close();
    throw error;
  }
  let engine: SearchEngine | undefined;
  // One warming per engine, whoever asks first: the background timer or warmUp().
  let warming: Promise<void> | undefined;
  const warm = (built: SearchEngine, options?: { pauseMs?: number }) => (warming ??= built.warm(options));
  const searchEngine = (): SearchEngine => {
    if (!engine) {
      const built = (engine = createSearchEngine({ index: handle, vocabulary }));
      // The typo index loads in the background, so the first query with an unknown word after start-up or
      // an index swap does not pay 100+ ms for it (issue 10). Loading it holds the event loop for that long
      // once, so it waits until the swap's or the start's own work and timers have run.
      setTimeout(() => void warm(built), WARM_DELAY_MS).unref();
    }
    return engine;
  };
  return {
    handle,
    pages,
    get search() {
      return searchEngine();
    },
    warmUp: () => warm(searchEngine(), { pauseMs: 0 }),
    close: () => handle.close(),
  };
}
