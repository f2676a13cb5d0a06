import { stemWord } from './analyze.js';
import type { QueryConcept } from './parse-query.js';
import { lowerBound, type PostingsIndex } from './postings-index.js';
import type { RowRange } from './row-ranges.js';

/**
 * Whether FTS5 could find a section of the range holding every concept (each by one of its alternatives,
 * a phrase's words side by side): false only when the stemmed postings show that none can, so the caller
 * may skip the FTS5 query. FTS5 reads every word's whole doclist, with positions, for a phrase: a long
 * question naming a file (`.platform.app.yaml`, `services.yaml`) cost milliseconds there, and all its words
 * together almost never occur in one section.
 *
 * The test is loose where the two indexes may differ, so that "false" is always right: words with digits
 * (FTS5's porter makes "300s" "300", the postings keep it), lone letters (not in the postings) and any word
 * not made of ASCII letters constrain nothing. Adjacency is not checked: a phrase needs its words in one section.
 */
export function mayMatchAll(postings: PostingsIndex, concepts: readonly QueryConcept[], range: RowRange): boolean {
  // Each concept as the postings lists that an alternative needs; a concept with an unconstrained alternative
  // may match anywhere and is left out.
  const needs: Array<Array<Array<{ start: number; end: number }>>> = [];
  for (const concept of concepts) {
    const alternatives: Array<Array<{ start: number; end: number }>> = [];
    let anywhere = false;
    for (const words of concept.alternatives) {
      const lists: Array<{ start: number; end: number }> = [];
      let possible = true;
      for (const word of words) {
        if (!CONSTRAINING_WORD.test(word)) continue;
        const entry = postings.terms.get(stemWord(word));
        const start = entry ? lowerBound(postings.docs, entry[0], entry[0] + entry[1], range.lo) : 0;
        const end = entry ? lowerBound(postings.docs, start, entry[0] + entry[1], range.hi + 1) : 0;
        if (start === end) {
          possible = false;
          break;
        }
        lists.push({ start, end });
      }
      if (!possible) continue;
      if (lists.length === 0) anywhere = true;
      alternatives.push(lists);
    }
    if (alternatives.length === 0) return false;
    if (!anywhere) needs.push(alternatives);
  }
  if (needs.length === 0) return true;
  // Walk the candidates of the concept with the fewest postings; every other concept is checked by binary search.
  const size = (alternatives: Array<Array<{ start: number; end: number }>>) =>
    alternatives.reduce((sum, lists) => sum + Math.min(...lists.map((list) => list.end - list.start)), 0);
  needs.sort((a, b) => size(a) - size(b));
  const [first, ...rest] = needs;
  for (const lists of first ?? []) {
    const shortest = lists.reduce((best, list) => (list.end - list.start < best.end - best.start ? list : best));
    for (let at = shortest.start; at < shortest.end; at++) {
      const doc = postings.docs[at] ?? 0;
      if (lists.every((list) => holds(postings.docs, list, doc)) && rest.every((alternatives) => alternatives.some((other) => other.every((list) => holds(postings.docs, list, doc))))) {
        return true;
      }
    }
  }
  return false;
}

/** A word both indexes turn into the same term: ASCII letters, at least two. */
const CONSTRAINING_WORD = /^[a-z]{2,40}$/;

function holds(docs: Int32Array, list: { start: number; end: number }, doc: number): boolean {
  const at = lowerBound(docs, list.start, list.end, doc);
  return at < list.end && docs[at] === doc;
}
