import { isIndexWord, stemWord } from './analyze.js';
import type { QueryConcept } from './parse-query.js';
import type { PostingsIndex } from './postings-index.js';

/**
 * How well a section answers a query: the share of the query's concepts it holds, each weighed by its
 * inverse document frequency (a rare word says more about what is asked than a common one). A concept is
 * held when the section has all the words of the user's own wording, a synonym or an expansion; a typo's
 * correction does not count, since it is a guess. Concepts the engine added (the error catalogue's words)
 * are left out: they are not the user's. `unknownWords` plain words of the query that no section holds
 * count against it at the weight of the rarest word (a topic the docs lack: "helm chart for cassandra").
 */
export function matchShare(
  postings: PostingsIndex,
  concepts: readonly QueryConcept[],
  frequencyOf: (concept: QueryConcept) => number,
  section: number,
  unknownWords = 0,
): number {
  return createMatchShare(postings, concepts, frequencyOf, unknownWords)(section);
}

/**
 * matchShare for many sections of one query: the concepts' weights and stemmed terms are worked out once
 * (stemming is the costly part), then each section costs one binary search per term.
 */
export function createMatchShare(
  postings: PostingsIndex,
  concepts: readonly QueryConcept[],
  frequencyOf: (concept: QueryConcept) => number,
  unknownWords = 0,
): (section: number) => number {
  let total = unknownWords * Math.log(1 + postings.docCount);
  // Each alternative as its terms' postings ([first, count]), looked up once per query, not once per section;
  // an alternative with a term the index lacks is held by no section.
  const weighed: Array<{ weight: number; alternatives: Array<ReadonlyArray<readonly [number, number]>> }> = [];
  for (const concept of concepts) {
    if (concept.kinds[0] !== 'own') continue;
    const weight = Math.log(1 + postings.docCount / (1 + frequencyOf(concept)));
    total += weight;
    const alternatives = concept.alternatives
      .filter((_, i) => concept.kinds[i] !== 'correction')
      .map((words) => words.filter(isIndexWord).map(stemWord))
      .filter((terms) => terms.length > 0)
      .map((terms) => terms.map((term) => postings.terms.get(term)))
      .filter((entries): entries is Array<readonly [number, number]> => entries.every((entry) => entry !== undefined));
    weighed.push({ weight, alternatives });
  }
  return (section) => {
    if (total === 0) return 0;
    let held = 0;
    for (const { weight, alternatives } of weighed) {
      if (alternatives.some((entries) => entries.every((entry) => hasPosting(postings, entry, section)))) held += weight;
    }
    return held / total;
  };
}

/** Whether a section holds a term: binary search in the term's postings (sorted by section id). */
function hasPosting(postings: PostingsIndex, entry: readonly [number, number], section: number): boolean {
  let lo = entry[0];
  let hi = entry[0] + entry[1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const doc = postings.docs[mid] ?? 0;
    if (doc === section) return true;
    if (doc < section) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
