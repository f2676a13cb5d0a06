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

/** The typo indexes of an open index, one per product: loaded in the background by `warm`, or on first `get`. */
export interface TypoIndexStore {
  /** The product's typo index, loaded now if warming has not done it yet. Throws when the index has none. */
  get(product: string): MiniSearch<TypoDocument>;
  /**
   * Load every product's typo index, each in a turn of the event loop of its own after the caller's work,
   * so that the first query with an unknown word after start-up or an index swap does not pay 100+ ms for
   * it. Never rejects: a state that cannot be loaded is reported by the first `get` that needs it.
   */
  warm(): Promise<void>;
}

export function createTypoIndexStore(readBlob: (key: string) => Buffer | undefined, products: readonly string[]): TypoIndexStore {
  const loaded = new Map<string, MiniSearch<TypoDocument>>();
  /** Why warming could not load a product's typo index. */
  const failures = new Map<string, unknown>();
  const stored = (product: string): string => {
    const value = readBlob(typoIndexKey(product));
    if (!value) throw new Error(`The index has no ${typoIndexKey(product)} search state; rebuild it with \`upsun-docs-mcp index\`.`);
    return value.toString();
  };
  return {
    get(product) {
      let index = loaded.get(product);
      if (!index) {
        const failure = failures.get(product);
        if (failure) throw new Error(`The index's ${typoIndexKey(product)} search state cannot be loaded; rebuild it with \`upsun-docs-mcp index\`.`, { cause: failure });
        loaded.set(product, (index = loadTypoIndex(stored(product))));
      }
      return index;
    },
    async warm() {
      for (const product of products) {
        // Yield first: the caller (start-up, an index swap) finishes its own work before this starts.
        await new Promise((resolve) => setImmediate(resolve));
        if (loaded.has(product)) continue;
        try {
          // Loaded in one go in its own turn of the event loop. MiniSearch's loadJSONAsync would not yield
          // either: its chunks wait on 1 ms timers, which Node runs back to back in one timers phase,
          // holding back every other timer (an index holder's close delay) until the whole load is done.
          if (!loaded.has(product)) loaded.set(product, loadTypoIndex(stored(product)));
        } catch (error) {
          // Off any request: kept for the first query that needs this index, which reports it (see get).
          failures.set(product, error);
        }
      }
    },
  };
}
