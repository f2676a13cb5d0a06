import { FIELD_COUNT, type PostingsIndex } from './postings-index.js';
import type { RowRange } from './row-ranges.js';

/** Where the title (page title and keywords) and headings frequencies sit in a posting's FIELD_COUNT frequencies. */
const TITLE_FIELD = 0;
const HEADINGS_FIELD = 1;

/**
 * Whether a term names a topic of the docs: it occurs in some page's title or keywords, or in some
 * heading, within the range. The docs name what they explain in titles and headings; a question's
 * words that only ever occur in prose ("built", "rest", "called", "appears") mostly tell the
 * user's situation, not what to look up. Cached per term and range (the index never changes).
 */
export function createTopicTermTest(index: PostingsIndex, cacheSize: number): (term: string, range: RowRange) => boolean {
  const cache = new Map<string, boolean>();
  return (term, range) => {
    const key = `${range.lo}:${range.hi}:${term}`;
    let topic = cache.get(key);
    if (topic === undefined) {
      topic = false;
      const entry = index.terms.get(term);
      if (entry) {
        for (let at = entry[0]; at < entry[0] + entry[1]; at++) {
          const doc = index.docs[at] ?? 0;
          if (doc < range.lo || doc > range.hi) continue;
          const base = at * FIELD_COUNT;
          if ((index.freqs[base + TITLE_FIELD] ?? 0) > 0 || (index.freqs[base + HEADINGS_FIELD] ?? 0) > 0) {
            topic = true;
            break;
          }
        }
      }
      if (cache.size >= cacheSize) cache.clear();
      cache.set(key, topic);
    }
    return topic;
  };
}
