import MiniSearch, { type Options, type SearchOptions } from 'minisearch';

/**
 * The MiniSearch index stored beside the FTS5 tables: it brings what FTS5 lacks, typo tolerance
 * and prefix matching ("postgre", "moutns"). The indexer builds it with these options and the
 * server loads it with the same ones; the key carries a version so a server never loads a
 * serialization made with other options (see MiniSearch's DESIGN_DOCUMENT on serialization).
 */
const TYPO_INDEX_FORMAT = 'minisearch-v3';

/** One MiniSearch index per product, so that its scores and corrections come from that product's words alone. */
export function typoIndexKey(product: string): string {
  return `${TYPO_INDEX_FORMAT}:${product}`;
}

export interface TypoDocument {
  id: number;
  /** Page title and keywords. */
  title: string;
  /** Headings above and of the section. */
  headings: string;
  /** Prose of the section. */
  body: string;
  product: string;
}

export const TYPO_INDEX_OPTIONS: Options<TypoDocument> = {
  fields: ['title', 'headings', 'body'],
  storeFields: [],
  // The same splitting as FTS5 unicode61: letters and digits, diacritics folded.
  tokenize: (text) => text.normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u),
  processTerm: (term) => (term.length > 1 || /\d/.test(term) ? term.toLowerCase() : null),
};

export const TYPO_SEARCH_OPTIONS: SearchOptions = {
  boost: { headings: 3, title: 2, body: 1 },
  // Short words have too many neighbours at edit distance 1 to fix reliably.
  fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
  prefix: (term) => term.length >= 4,
  combineWith: 'OR',
  weights: { fuzzy: 0.3, prefix: 0.5 },
};

export function createTypoIndex(): MiniSearch<TypoDocument> {
  return new MiniSearch<TypoDocument>(TYPO_INDEX_OPTIONS);
}

export function loadTypoIndex(json: string): MiniSearch<TypoDocument> {
  return MiniSearch.loadJSON<TypoDocument>(json, TYPO_INDEX_OPTIONS);
}
