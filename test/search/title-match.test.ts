import { afterAll, describe, expect, it } from 'vitest';
import { DATA_PATHS } from '../../src/paths.js';
import { createSearchEngine } from '../../src/search/search-engine.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { openTestEngine } from './open-test-engine.js';

const { engine, index } = openTestEngine();
afterAll(() => index.close());
const firstPage = (query: string) => engine.search({ query, limit: 5 }).results[0]?.path;

describe('a long question that names a page by its title', () => {
  // Written for this test: the subject is one word among many about the user's setup, which other pages hold.
  it('puts the page named for its subject first, above pages that share the story around it', () => {
    expect(firstPage('we followed the whole guide for our Laravel project, set up the build and deploy hooks and the routes, and now want to step through a failing request with Xdebug')).toBe('languages/php/xdebug.md');
    expect(firstPage('planning the project structure for an app that stores embeddings: environment variables, relationships and the deploy hook are clear, but where would Qdrant fit')).toBe('add-services/qdrant.md');
  });

  it('leaves short queries and titles of common words alone', () => {
    const plain = createSearchEngine({ index, vocabulary: loadVocabulary(DATA_PATHS.searchData), tuning: { titleMatch: { weight: 1, maxSections: 40, from: 8 } } });
    // "PHP" and "hooks" are page titles too, but of words hundreds of sections hold: no boost.
    for (const query of ['php hooks', 'configure the php build hook to install dependencies before the deploy hook runs migrations']) {
      expect(engine.search({ query, limit: 5 }).results.map((r) => r.url)).toEqual(plain.search({ query, limit: 5 }).results.map((r) => r.url));
    }
  });
});
