import type { Bm25fParams } from './score-bm25f.js';
import type { PageEvidenceOptions } from './page-evidence.js';

/** The ranking's knobs. The defaults are what `npm run eval` measured best; see BENCHMARKS.md. */
export interface SearchTuning {
  /** FTS5 bm25() column weights for the all-concepts query: title (page title + keywords), headings, body, code, asked (page questions). */
  bm25: readonly [number, number, number, number, number];
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
  fusion: 'rank' | 'score';
  rrfK: number;
  /**
   * Weight of each ranked list in the fusion: BM25F over stemmed words, BM25F over words as written,
   * FTS5 with every concept required (phrases checked for adjacency), MiniSearch with fuzzy and
   * prefix matching (off by default: +0.02 MRR for +1.2 ms a query, see BENCHMARKS.md).
   */
  weights: { bm25f: number; exact: number; all: number; typo: number; errors: number };
  /** BM25F parameters for the words-as-written list (no stemming: precision beside the stemmed list's recall). */
  exactBm25f: Bm25fParams;
  /** In-memory BM25F: field weights, length normalisation, saturation, and the weight of vocabulary alternatives against the user's own words. */
  bm25f: Bm25fParams;
  synonymWeight: number;
  /** Weight of one-way expansions (a symptom's word → the mechanism that explains it: "uploads" → mounts). */
  expansionWeight: number;
  /** Weight of a typo's corrections. */
  correctionWeight: number;
  /**
   * Correct words the docs never contain only in queries of at most this many concepts. In a short query
   * every word counts and an unknown one is most likely a typo; in a longer one the other words carry the
   * meaning and an unknown word is most likely the user's own name (an app, a path, a class, a product),
   * whose nearest index words are unrelated ("genius" → "genuine").
   */
  correctUpTo: number;
  /** Weight of index words that merely start with a query word ("config" → "configuration"); 0: off. */
  prefixWeight: number;

  /**
   * Score factor for a section of a page about one language, service or framework that the query
   * does not name (1: off). Such pages repeat the general docs for their technology, so they match
   * general questions as well as the general page does.
   */
  subjectWeight: number;

  /**
   * Weight of a query word that no title, keyword or heading of the docs holds (1: off): such words
   * mostly tell the user's situation ("a project I built", "the rest of the month"), while the
   * docs name what they explain in titles and headings. Identifiers and vocabulary phrases keep 1.
   */
  situationWeight: number;

  /**
   * Below this match quality (the IDF-weighted share of the query's concepts that the best of the first
   * three results holds, see match-quality.ts) the answer says that nothing matches well.
   */
  weakBelow: number;

  /** Weight of a concept named in a leading bracketed tag, as issue titles name their subject ("[Varnish] …"). */
  tagWeight: number;

  /** Page-level evidence: the share of a page's other best sections' scores added to each of its sections (see page-evidence.ts). */
  pageEvidence: PageEvidenceOptions;

  /**
   * Coordination for long questions: from `from` concepts on, each section's fused score is multiplied by the
   * IDF-weighted share of the query's concepts it holds (match-quality.ts) to the power `power` (0: off). In a
   * long, noisy question BM25's sum lets a section that matches one rare word of the user's situation
   * ("google", a product name) outrank one that holds most of what is asked; short queries keep plain BM25.
   */
  coverage: { from: number; power: number };

  /**
   * Title match (title-match.ts): in a question of at least `from` concepts, the sections of a page whose title
   * it names (every word of the title, each held by at most `maxSections` sections) score `weight` times more (1: off).
   */
  titleMatch: { weight: number; maxSections: number; from: number };

  /** At most this many sections of one page in the results. */
  perPage: number;

  /** MiniSearch ranking options: edit distance as a share of word length (false: none), prefix matching, field boosts. */
  typoFuzzy: number | false;
  typoPrefix: boolean;
  typoBoost: { title: number; headings: number; body: number };
}

export const DEFAULT_TUNING: SearchTuning = {
  bm25: [4, 6, 1, 0.6, 1.5],
  candidates: 60,
  fusion: 'score',
  rrfK: 60,
  weights: { bm25f: 1, exact: 0.5, all: 1, typo: 0, errors: 1 },
  // The fifth field is the page questions (data/search/page-questions): weighted like a title, and barely
  // length-normalised, since a section asked about in more ways is not a longer, vaguer text.
  exactBm25f: { weights: [2, 3, 1, 0.6, 1.5], b: [0.75, 0.75, 0.75, 0.75, 0.3], k1: 1.2 },
  bm25f: { weights: [2, 3, 1, 0.6, 1.5], b: [0.75, 0.75, 0.75, 0.75, 0.3], k1: 1.2 },
  synonymWeight: 0.6,
  expansionWeight: 0.8,
  correctionWeight: 0.6,
  correctUpTo: 4,
  prefixWeight: 0.5,

  subjectWeight: 0.8,
  situationWeight: 0.8,
  weakBelow: 0.25,
  tagWeight: 1.5,
  pageEvidence: { weight: 0.1, others: 1 },
  coverage: { from: 8, power: 0.3 },
  titleMatch: { weight: 1.5, maxSections: 40, from: 8 },
  perPage: 2,
  typoFuzzy: 0.2,
  typoPrefix: true,
  typoBoost: { title: 2, headings: 3, body: 1 },
};
