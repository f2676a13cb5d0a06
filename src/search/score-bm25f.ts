import { FIELD_COUNT, lowerBound, type PostingsIndex } from './postings-index.js';
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
  /** A phrase's matching docs and, FIELD_COUNT per doc, its per-field frequencies (see intersect); grown as needed. */
  phrase: { docs: Int32Array; freqs: Uint8Array };
}

export function createScoreScratch(size: number): ScoreScratch {
  return {
    total: new Float64Array(size),
    concept: new Float64Array(size),
    touched: new Int32Array(size),
    touchedConcept: new Int32Array(size),
    phrase: { docs: new Int32Array(0), freqs: new Uint8Array(0) },
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
  const { total, concept: best, touched, touchedConcept } = scratch;
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
      const phraseCount = terms.length > 1 ? intersect(index, terms, range, scratch) : 0;
      const phrase = scratch.phrase;
      // A term's postings within the range (they are sorted by doc id: the other products' are skipped by
      // binary search, not one by one), or the docs intersect found for a phrase, each with FIELD_COUNT frequencies.
      const first = single ? lowerBound(docs, single[0], single[0] + single[1], range.lo) : 0;
      const end = single ? lowerBound(docs, first, single[0] + single[1], range.hi + 1) : phraseCount;
      const df = end - first;
      if (df === 0) continue;
      const factor = weight * Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (k1 + 1);
      const postingDocs = single ? docs : phrase.docs;
      const postingFreqs = single ? freqs : phrase.freqs;
      for (let at = first; at < end; at++) {
        const doc = postingDocs[at] ?? 0;
        let tf = 0;
        const base = at * FIELD_COUNT;
        const factorBase = (doc - range.lo) * FIELD_COUNT;
        for (let f = 0; f < FIELD_COUNT; f++) {
          const freq = postingFreqs[base + f] ?? 0;
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

/**
 * Docs holding every term of an alternative. Several terms (`web.locations`, "env var") are
 * matched as words of one passage, not checked for adjacency: FTS5's phrase query does that in
 * the all-words list, and this keeps scoring free of position data. Returns how many docs of the range match; the
 * scratch's phrase arrays hold them, with their per-field frequencies.
 */
function intersect(index: PostingsIndex, terms: string[], range: RowRange, scratch: ScoreScratch): number {
  const cursors: Array<{ start: number; end: number; at: number }> = [];
  for (const term of terms) {
    const entry = index.terms.get(term);
    if (entry === undefined) return 0;
    // Only the postings within the range (sorted by doc id, so found by binary search).
    const start = lowerBound(index.docs, entry[0], entry[0] + entry[1], range.lo);
    const end = lowerBound(index.docs, start, entry[0] + entry[1], range.hi + 1);
    cursors.push({ start, end, at: start });
  }
  cursors.sort((a, b) => a.end - a.start - (b.end - b.start));
  const [first, ...rest] = cursors;
  if (!first) return 0;
  const { docs, freqs } = index;
  // Written into the scratch arrays, not an object per posting: phrases of common words ("env var") match
  // thousands of postings, and their garbage was a tenth of what a search allocated.
  const phrase = growPhraseScratch(scratch, first.end - first.start);
  let count = 0;
  outer: for (let i = first.start; i < first.end; i++) {
    const doc = docs[i] ?? 0;
    for (const list of rest) {
      while (list.at < list.end && (docs[list.at] ?? 0) < doc) list.at++;
      if (list.at >= list.end) break outer;
      if (docs[list.at] !== doc) continue outer;
    }
    phrase.docs[count] = doc;
    // A phrase occurs in a field at most as often as its rarest word there.
    for (let f = 0; f < FIELD_COUNT; f++) {
      let min = freqs[i * FIELD_COUNT + f] ?? 0;
      for (const list of rest) min = Math.min(min, freqs[list.at * FIELD_COUNT + f] ?? 0);
      phrase.freqs[count * FIELD_COUNT + f] = min;
    }
    count++;
  }
  return count;
}

function growPhraseScratch(scratch: ScoreScratch, postings: number): ScoreScratch['phrase'] {
  if (scratch.phrase.docs.length < postings) {
    const size = Math.max(postings, 2 * scratch.phrase.docs.length);
    scratch.phrase = { docs: new Int32Array(size), freqs: new Uint8Array(size * FIELD_COUNT) };
  }
  return scratch.phrase;
}
