import { inject } from 'vitest';
import { openIndex, type IndexHandle } from '../../src/db/open-index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { createSearchEngine, type SearchEngine } from '../../src/search/search-engine.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';

/** The search engine over the index that test/global-setup.ts built from the bundled snapshot. */
export function openTestEngine(): { engine: SearchEngine; index: IndexHandle } {
  const error = inject('indexError');
  if (error) throw new Error(error);
  const index = openIndex(inject('indexFile'));
  return { engine: createSearchEngine({ index, vocabulary: loadVocabulary(DATA_PATHS.searchData) }), index };
}
