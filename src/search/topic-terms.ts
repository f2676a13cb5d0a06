import { FIELD_COUNT, lowerBound, type PostingsIndex } from './postings-index.js';
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
        // Only the range's postings: they are sorted by doc id, so the other product's are skipped by binary search.
        const end = entry[0] + entry[1];
        for (let at = lowerBound(index.docs, entry[0], end, range.lo); at < end && (index.docs[at] ?? 0) <= range.hi; at++) {
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
