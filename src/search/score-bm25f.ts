import { FIELD_COUNT, type PostingsIndex } from './postings-index.js';
import type { RowRange } from './row-ranges.js';
import { takeTop } from './top-k.js';

export interface Bm25fParams {
  /** Field weights, in POSTING_FIELDS order: title, headings, body, code, asked (page questions). */
  weights: readonly [number, number, number, number, number];
  /** Length normalisation per field (0: none, 1: full). */
  b: readonly [number, number, number, number, number];
  /** Term-frequency saturation. */
  k1: number;
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
  /** Average field lengths per filter range, computed once per range. */
  averages: Map<string, Float64Array>;
  /** Per params, analyzer and range: each doc's weight over length norm per field (see fieldFactors). */
  factors: WeakMap<Bm25fParams, Map<string, Float32Array>>;
  /** The current posting's per-field frequencies (a phrase's are the minimum over its words). */
  phraseFreqs: Float64Array;
}

export function createScoreScratch(size: number): ScoreScratch {
  return {
    total: new Float64Array(size),
    concept: new Float64Array(size),
    touched: new Int32Array(size),
    touchedConcept: new Int32Array(size),
    phraseFreqs: new Float64Array(FIELD_COUNT),
    averages: new Map(),
    factors: new WeakMap(),
  };
}

/**
 * BM25F (Robertson & Zaragoza, "The Probabilistic Relevance Framework", 2009, §3.7): per-field
 * frequencies are length-normalised and weighted before one saturation, so a word in a heading
 * counts more than in prose without double-counting a word found in both. A concept scores its
 * best alternative (a synonym cannot add to its original); concepts add up. Returns the `limit`
 * best docs within `range`, best first.
 */
export function scoreBm25f(
  index: PostingsIndex,
  concepts: WeightedConcept[],
  range: RowRange,
  params: Bm25fParams,
  scratch: ScoreScratch,
  limit: number,
): { ids: number[]; scores: number[] } {
  const { total, concept: best, touched, touchedConcept, phraseFreqs } = scratch;
  const { docs, freqs } = index;
  const k1 = params.k1;
  // Statistics of the filtered collection (one product, maybe one docs section): IDF and average
  // lengths from another product's pages would skew the ranking of this one's.
  const n = range.hi - range.lo + 1;
  const factors = fieldFactors(index, range, params, scratch);
  let touchedCount = 0;

  for (const { alternatives } of concepts) {
    let conceptCount = 0;
    for (const { terms, weight } of alternatives) {
      const single = terms.length === 1 ? index.terms.get(terms[0] ?? '') : undefined;
      const phrase = terms.length > 1 ? intersect(index, terms) : undefined;
      const df = single ? countInRange(docs, single[0], single[0] + single[1], range) : (phrase?.filter((p) => p.doc >= range.lo && p.doc <= range.hi).length ?? 0);
      if (df === 0) continue;
      const factor = weight * Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (k1 + 1);
      const count = single ? single[1] : (phrase?.length ?? 0);
      for (let i = 0; i < count; i++) {
        let doc: number;
        if (single) {
          const at = single[0] + i;
          doc = docs[at] ?? 0;
          if (doc < range.lo || doc > range.hi) continue;
          const base = at * FIELD_COUNT;
          for (let f = 0; f < FIELD_COUNT; f++) phraseFreqs[f] = freqs[base + f] ?? 0;
        } else {
          const posting = phrase?.[i];
          if (!posting) continue;
          doc = posting.doc;
          if (doc < range.lo || doc > range.hi) continue;
          for (let f = 0; f < FIELD_COUNT; f++) phraseFreqs[f] = minFreq(freqs, posting.at, f);
        }
        let tf = 0;
        const factorBase = (doc - range.lo) * FIELD_COUNT;
        for (let f = 0; f < FIELD_COUNT; f++) {
          const freq = phraseFreqs[f] ?? 0;
          if (freq !== 0) tf += freq * (factors[factorBase + f] ?? 0);
        }
        const score = (factor * tf) / (tf + k1);
        const previous = best[doc] ?? 0;
        if (previous === 0) touchedConcept[conceptCount++] = doc;
        if (score > previous) best[doc] = score;
      }
    }
    for (let i = 0; i < conceptCount; i++) {
      const doc = touchedConcept[i] ?? 0;
      if (total[doc] === 0) touched[touchedCount++] = doc;
      total[doc] = (total[doc] ?? 0) + (best[doc] ?? 0);
      best[doc] = 0;
    }
  }
  return takeTop(total, touched, touchedCount, limit);
}

/** Postings of docs within the range, by binary search: postings are sorted by doc id. */
function countInRange(docs: Int32Array, start: number, end: number, range: RowRange): number {
  return lowerBound(docs, start, end, range.hi + 1) - lowerBound(docs, start, end, range.lo);
}

function lowerBound(docs: Int32Array, start: number, end: number, value: number): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((docs[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * w_f / (1 - b_f + b_f * len_f / avg_f) for every doc of the range and field: the part of BM25F that
 * depends on the doc but not on the term, computed once per range instead of once per posting (scoring
 * is half of a search at 10x corpus; this took that p50 from 2.30 to 2.17 ms). Ranges are the products and
 * their top-level sections, so the cache stays small.
 */
function fieldFactors(index: PostingsIndex, range: RowRange, params: Bm25fParams, scratch: ScoreScratch): Float32Array {
  let byRange = scratch.factors.get(params);
  if (!byRange) scratch.factors.set(params, (byRange = new Map()));
  const key = `${index.analyzer}:${range.lo}:${range.hi}`;
  let factors = byRange.get(key);
  if (!factors) {
    const averages = averageLengths(index, range, scratch);
    factors = new Float32Array((range.hi - range.lo + 1) * FIELD_COUNT);
    for (let doc = range.lo; doc <= range.hi; doc++) {
      for (let f = 0; f < FIELD_COUNT; f++) {
        const b = params.b[f] ?? 0;
        const norm = 1 - b + (b * (index.lengths[doc * FIELD_COUNT + f] ?? 0)) / (averages[f] || 1);
        factors[(doc - range.lo) * FIELD_COUNT + f] = (params.weights[f] ?? 0) / norm;
      }
    }
    byRange.set(key, factors);
  }
  return factors;
}

function averageLengths(index: PostingsIndex, range: RowRange, scratch: ScoreScratch): Float64Array {
  const key = `${range.lo}:${range.hi}`;
  let averages = scratch.averages.get(key);
  if (!averages) {
    averages = new Float64Array(FIELD_COUNT);
    for (let doc = range.lo; doc <= range.hi; doc++) {
      for (let f = 0; f < FIELD_COUNT; f++) averages[f] = (averages[f] ?? 0) + (index.lengths[doc * FIELD_COUNT + f] ?? 0);
    }
    for (let f = 0; f < FIELD_COUNT; f++) averages[f] = (averages[f] ?? 0) / Math.max(1, range.hi - range.lo + 1);
    scratch.averages.set(key, averages);
  }
  return averages;
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
function minFreq(freqs: Uint8Array, at: number[], field: number): number {
  let min = 255;
  for (const posting of at) min = Math.min(min, freqs[posting * FIELD_COUNT + field] ?? 0);
  return min;
}
