import type Database from 'better-sqlite3';
import { stemWord } from './analyze.js';
import { buildMatch } from './fts-match.js';
import { mayMatchAll } from './may-match.js';
import type { QueryConcept } from './parse-query.js';
import { lowerBound, type PostingsIndex } from './postings-index.js';
import type { RowRange } from './row-ranges.js';

/**
 * How many sections of a range hold a concept (any of its alternatives): what the engine asks to know whether
 * the docs contain a word at all and how rare it is. FTS5 counts by walking the word's whole doclist, ~0.2 µs a
 * matching row: 100 to 700 µs for a common word ("app", "deploy", "the"), which made these counts the largest
 * first-time cost of a long question. A concept whose alternatives are all one plain word is counted in the
 * stemmed postings instead, by binary search (both store the same five fields, Porter-stemmed).
 *
 * Measured on the 8,285 distinct words of both products, the two agree on every word save those holding a digit
 * ("10s": FTS5's porter makes it "10", ours keeps it) and one section that writes "speciﬁc" with a ligature, which
 * the postings fold (NFKD) and FTS5 does not. Words with digits, phrases and anything but ASCII letters still go
 * to FTS5, which stays the reference, unless the postings show that no section can hold the concept (may-match.ts).
 */
export function createConceptFrequency(
  db: Database.Database,
  postings: PostingsIndex,
  cacheSize: number,
): (concept: QueryConcept, range: RowRange) => number {
  const count = db.prepare('SELECT count(*) AS n FROM sections_fts WHERE sections_fts MATCH ? AND rowid BETWEEN ? AND ?');
  // The index never changes under an engine: each concept is counted once per range.
  const cache = new Map<string, number>();
  return (concept, range) => {
    const match = buildMatch([concept], 'any');
    const key = `${range.lo}:${range.hi}:${match}`;
    let n = cache.get(key);
    if (n === undefined) {
      n = match === null || !mayMatchAll(postings, [concept], range)
        ? 0
        : (countInPostings(postings, concept, range) ?? (count.get(match, range.lo, range.hi) as { n: number }).n);
      if (cache.size >= cacheSize) cache.clear();
      cache.set(key, n);
    }
    return n;
  };
}

/** A word both stemmers treat alike: ASCII letters only, at least two (FTS5 keeps lone letters, the postings do not). */
const PLAIN_WORD = /^[a-z]{2,40}$/;

/** The sections of the range holding any alternative of the concept, or undefined when FTS5 must count them. */
function countInPostings(postings: PostingsIndex, concept: QueryConcept, range: RowRange): number | undefined {
  const lists: Array<{ at: number; end: number }> = [];
  for (const words of concept.alternatives) {
    const word = words[0];
    if (words.length !== 1 || word === undefined || !PLAIN_WORD.test(word)) return undefined;
    const entry = postings.terms.get(stemWord(word));
    if (!entry) continue;
    const end = entry[0] + entry[1];
    const at = lowerBound(postings.docs, entry[0], end, range.lo);
    const last = lowerBound(postings.docs, at, end, range.hi + 1);
    if (at < last) lists.push({ at, end: last });
  }
  if (lists.length === 0) return 0;
  const [only] = lists;
  if (lists.length === 1 && only) return only.end - only.at;
  // Several alternatives: sections holding more than one count once (a merge of the sorted doc ids).
  let sections = 0;
  for (;;) {
    let next = Infinity;
    for (const list of lists) if (list.at < list.end) next = Math.min(next, postings.docs[list.at] ?? 0);
    if (next === Infinity) return sections;
    sections++;
    for (const list of lists) if (list.at < list.end && postings.docs[list.at] === next) list.at++;
  }
}
