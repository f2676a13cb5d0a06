import type { PostingsIndex } from './postings-index.js';
import type { RowRange } from './row-ranges.js';

const FIELD_COUNT = 4;

export interface Bm25fParams {
  /** Field weights: title, headings, body, code. */
  weights: readonly [number, number, number, number];
  /** Length normalisation per field (0: none, 1: full). */
  b: readonly [number, number, number, number];
  /** Term-frequency saturation. */
  k1: number;
  /**
   * 'bm25f': one saturation over the weighted fields; 'fields': a BM25 score per field, weighted
   * and added (as MiniSearch scores), which rewards a word found in several fields more.
   */
  mode?: 'bm25f' | 'fields';
}

/** One concept of the query: alternatives whose best match counts, each a list of index terms with a weight. */
export interface WeightedConcept {
  alternatives: Array<{ terms: string[]; weight: number }>;
}

/** Scratch memory for one engine, reused by every query so that scoring allocates nothing per doc. */
export interface ScoreScratch {
  total: Float64Array;
  concept: Float64Array;
  touched: Int32Array;
  touchedConcept: Int32Array;
}

export function createScoreScratch(size: number): ScoreScratch {
  return { total: new Float64Array(size), concept: new Float64Array(size), touched: new Int32Array(size), touchedConcept: new Int32Array(size) };
}

/**
 * BM25F (Robertson & Zaragoza, "The Probabilistic Relevance Framework", 2009, §3.7): per-field
 * frequencies are length-normalised and weighted before one saturation, so a word in a heading
 * counts more than in prose without double-counting a word found in both. A concept scores its
 * best alternative (a synonym cannot add to its original); concepts add up.
 */
export function scoreBm25f(
  index: PostingsIndex,
  concepts: WeightedConcept[],
  range: RowRange,
  params: Bm25fParams,
  scratch: ScoreScratch,
  limit: number,
): { ids: number[]; scores: number[] } {
  const { total, concept: best, touched, touchedConcept } = scratch;
  let touchedCount = 0;
  const n = index.docCount;
  for (const { alternatives } of concepts) {
    let conceptCount = 0;
    for (const { terms, weight } of alternatives) {
      const single = terms.length === 1 ? index.terms.get(terms[0] ?? '') : undefined;
      const phrase = terms.length === 1 ? [] : intersect(index, terms);
      const df = single ? single[1] : phrase.length;
      if (df === 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const addDoc = (doc: number, at: number | number[]) => {
        if (doc < range.lo || doc > range.hi) return;
        let tf = 0;
        let perField = 0;
        for (let f = 0; f < FIELD_COUNT; f++) {
          const freq = typeof at === 'number' ? (index.freqs[at * FIELD_COUNT + f] ?? 0) : minFreq(index, at, f);
          if (freq === 0) continue;
          const length = index.lengths[doc * FIELD_COUNT + f] ?? 0;
          const bf = params.b[f] ?? 0.75;
          const normalized = freq / (1 - bf + (bf * length) / (index.averageLengths[f] || 1));
          tf += (params.weights[f] ?? 1) * normalized;
          perField += ((params.weights[f] ?? 1) * normalized * (params.k1 + 1)) / (normalized + params.k1);
        }
        const score = weight * idf * (params.mode === 'fields' ? perField : (tf * (params.k1 + 1)) / (tf + params.k1));
        if (best[doc] === 0) touchedConcept[conceptCount++] = doc;
        if (score > (best[doc] ?? 0)) best[doc] = score;
      };
      if (single) for (let at = single[0]; at < single[0] + single[1]; at++) addDoc(index.docs[at] ?? 0, at);
      else for (const posting of phrase) addDoc(posting.doc, posting.at);
    }
    for (let i = 0; i < conceptCount; i++) {
      const doc = touchedConcept[i] ?? 0;
      if (total[doc] === 0) touched[touchedCount++] = doc;
      total[doc] = (total[doc] ?? 0) + (best[doc] ?? 0);
      best[doc] = 0;
    }
  }
  const ranked: Array<[number, number]> = [];
  for (let i = 0; i < touchedCount; i++) {
    const doc = touched[i] ?? 0;
    ranked.push([doc, total[doc] ?? 0]);
    total[doc] = 0;
  }
  ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const top = ranked.slice(0, limit);
  return { ids: top.map(([doc]) => doc), scores: top.map(([, score]) => score) };
}

/** A posting of a phrase: the doc, and the posting index of each term there (to read frequencies). */
interface PhrasePosting {
  doc: number;
  at: number[];
}

/**
 * Docs holding every term of an alternative. Several terms (`web.locations`, "env var") are
 * matched as words of one passage, not checked for adjacency: FTS5's phrase query does that in
 * the all-words list, and this keeps scoring free of position data.
 */
function intersect(index: PostingsIndex, terms: string[]): PhrasePosting[] {
  const lists = terms.map((term) => index.terms.get(term));
  if (lists.length === 0 || lists.some((entry) => entry === undefined)) return [];
  const ranges = (lists as Array<[number, number]>).map(([start, count]) => ({ start, end: start + count, at: start }));
  ranges.sort((a, b) => a.end - a.start - (b.end - b.start));
  const [first, ...rest] = ranges;
  if (!first) return [];
  const out: PhrasePosting[] = [];
  outer: for (let i = first.start; i < first.end; i++) {
    const doc = index.docs[i] ?? 0;
    const at = [i];
    for (const list of rest) {
      while (list.at < list.end && (index.docs[list.at] ?? 0) < doc) list.at++;
      if (list.at >= list.end) break outer;
      if (index.docs[list.at] !== doc) continue outer;
      at.push(list.at);
    }
    out.push({ doc, at });
  }
  return out;
}

/** A phrase occurs in a field at most as often as its rarest word there. */
function minFreq(index: PostingsIndex, at: number[], field: number): number {
  let min = 255;
  for (const posting of at) min = Math.min(min, index.freqs[posting * FIELD_COUNT + field] ?? 0);
  return min;
}
