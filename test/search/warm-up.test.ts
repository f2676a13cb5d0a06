import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openIndex } from '../../src/db/open-index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { createSearchEngine } from '../../src/search/search-engine.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';

const vocabulary = loadVocabulary(DATA_PATHS.searchData);

describe('warming an engine', () => {
  it('never rejects when the index is closed while it warms (an index swap): the server keeps running', async () => {
    const index = openIndex(inject('indexFile'));
    const engine = createSearchEngine({ index, vocabulary });
    const warming = engine.warm();
    index.close();
    await expect(warming).resolves.toBeUndefined();
  });
});
