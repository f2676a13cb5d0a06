import { openIndex, type IndexHandle } from '../db/open-index.js';
import { createPageStore, type PageStore } from '../db/page-store.js';
import { createSearchEngine, type SearchEngine } from '../search/search-engine.js';
import type { Vocabulary } from '../search/vocabulary.js';

/** One open index with everything the server reads through it. Immutable: a newer index is a new LoadedIndex. */
export interface LoadedIndex {
  handle: IndexHandle;
  search: SearchEngine;
  pages: PageStore;
  close(): void;
}

export function loadIndex(file: string, vocabulary: Vocabulary): LoadedIndex {
  const handle = openIndex(file);
  try {
    return { handle, search: createSearchEngine({ index: handle, vocabulary }), pages: createPageStore(handle), close: () => handle.close() };
  } catch (error) {
    handle.close();
    throw error;
  }
}
