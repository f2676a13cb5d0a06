import { isIndexWord, stemWord } from './analyze.js';
import type { AlternativeKind, QueryConcept } from './parse-query.js';
import type { PostingsIndex } from './postings-index.js';
import type { WeightedConcept } from './score-bm25f.js';
import type { SearchTuning } from './search-tuning.js';

/** A concept's index terms: the user's words first, vocabulary alternatives and prefix matches weighed less; all times the concept's weight. */
export function weighConcept(
  concept: QueryConcept,
  postings: PostingsIndex,
  tuning: SearchTuning,
  prefixTerms: (postings: PostingsIndex, prefix: string) => string[],
  conceptWeight = 1,
): WeightedConcept {
  const weightOf: Record<AlternativeKind, number> = { own: 1, synonym: tuning.synonymWeight, expansion: tuning.expansionWeight, correction: tuning.correctionWeight };
  const alternatives = concept.alternatives.map((words, i) => ({
    terms: words.filter(isIndexWord).map((word) => (postings.analyzer === 'stemmed' ? stemWord(word) : word)),
    weight: weightOf[concept.kinds[i] ?? 'synonym'] * conceptWeight,
  }));
  const own = concept.alternatives[0];
  if (tuning.prefixWeight > 0 && own?.length === 1 && (own[0]?.length ?? 0) >= 4) {
    const prefix = postings.analyzer === 'stemmed' ? stemWord(own[0] ?? '') : (own[0] ?? '');
    for (const term of prefixTerms(postings, prefix)) alternatives.push({ terms: [term], weight: tuning.prefixWeight * conceptWeight });
  }
  return { alternatives };
}
