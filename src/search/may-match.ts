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
  return walkCandidates(postings, concepts, range, () => false) !== 'none';
}

/**
 * The sections of the range that may hold every concept (same loose test as mayMatchAll), in ascending order,
 * when there are at most `max` of them; undefined when there are more, or when a concept constrains nothing.
 * FTS5 answers `MATCH ? AND rowid IN (…)` by a look-up per listed row instead of reading each word's whole
 * doclist, and the rows FTS5 would match all lie in this list: so the answer is the same, for less work.
 */
export function candidateSections(postings: PostingsIndex, concepts: readonly QueryConcept[], range: RowRange, max: number): number[] | undefined {
  const found: number[] = [];
  const walked = walkCandidates(postings, concepts, range, (doc) => {
    found.push(doc);
    return found.length <= max;
  });
  if (walked === 'none') return [];
  return walked === 'all' ? found : undefined;
}

/**
 * Calls `visit` with each section that may hold every concept, ascending, until it returns false.
 * Returns 'none' when no section can match, 'anywhere' when the concepts constrain nothing (visit is not
 * called), 'stopped' when visit stopped the walk, 'all' when every candidate was visited.
 */
function walkCandidates(
  postings: PostingsIndex,
  concepts: readonly QueryConcept[],
  range: RowRange,
  visit: (doc: number) => boolean,
): 'none' | 'anywhere' | 'stopped' | 'all' {
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
    if (alternatives.length === 0) return 'none';
    if (!anywhere) needs.push(alternatives);
  }
  if (needs.length === 0) return 'anywhere';
  // Walk the candidates of the concept with the fewest postings; every other concept is checked by binary search.
  // A concept of several alternatives is walked alternative by alternative, so its candidates are merged in order.
  const size = (alternatives: Array<Array<{ start: number; end: number }>>) =>
    alternatives.reduce((sum, lists) => sum + Math.min(...lists.map((list) => list.end - list.start)), 0);
  needs.sort((a, b) => size(a) - size(b));
  const [first = [], ...rest] = needs;
  const shortest = first.map((lists) => lists.reduce((best, list) => (list.end - list.start < best.end - best.start ? list : best)));
  const at = shortest.map((list) => list.start);
  let any = false;
  for (;;) {
    let doc = Infinity;
    for (let i = 0; i < shortest.length; i++) if ((at[i] ?? 0) < (shortest[i]?.end ?? 0)) doc = Math.min(doc, postings.docs[at[i] ?? 0] ?? Infinity);
    if (doc === Infinity) return any ? 'all' : 'none';
    for (let i = 0; i < shortest.length; i++) if (postings.docs[at[i] ?? 0] === doc && (at[i] ?? 0) < (shortest[i]?.end ?? 0)) at[i] = (at[i] ?? 0) + 1;
    const holdsAll = first.some((lists) => lists.every((list) => holds(postings.docs, list, doc)))
      && rest.every((alternatives) => alternatives.some((other) => other.every((list) => holds(postings.docs, list, doc))));
    if (holdsAll) {
      any = true;
      if (!visit(doc)) return 'stopped';
    }
  }
}

/** A word both indexes turn into the same term: ASCII letters, at least two. */
const CONSTRAINING_WORD = /^[a-z]{2,40}$/;

function holds(docs: Int32Array, list: { start: number; end: number }, doc: number): boolean {
  const at = lowerBound(docs, list.start, list.end, doc);
  return at < list.end && docs[at] === doc;
}
