// What the leakage guard of test/eval/questions.test.ts compares: texts as the search engine sees them.
import { isIndexWord, splitWords, stemWord } from '../../src/search/analyze.js';

/**
 * The terms the engine matches a text on: its words as FTS5's unicode61 splits them (so `max_request_size`
 * and `web.locations` are several words), lone letters and stop words dropped, Porter-stemmed.
 */
export function toSearchTerms(text: string, stopWords: ReadonlySet<string>): Set<string> {
  return new Set(
    splitWords(text)
      .filter((word) => isIndexWord(word) && !stopWords.has(word))
      .map(stemWord),
  );
}

/** How two texts' terms overlap: Jaccard, and whether the smaller set lies wholly inside the larger. */
export function compareTerms(a: ReadonlySet<string>, b: ReadonlySet<string>): { jaccard: number; contained: boolean; smaller: number } {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  const smaller = Math.min(a.size, b.size);
  return { jaccard: shared / (a.size + b.size - shared || 1), contained: smaller > 0 && shared === smaller, smaller };
}
