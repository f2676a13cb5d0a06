import { analyzeText, type Analyzer } from './analyze.js';

/**
 * An in-memory inverted index over sections for BM25F ranking. FTS5 stays the store and answers
 * the strict all-words and phrase queries, but its bm25() reads each matching row's sizes from
 * disk pages, which costs milliseconds on long OR queries; scoring from typed arrays costs tens of
 * microseconds and grows with the postings read, not with the table. Built at index time and
 * stored as blobs; the key carries a format version so a server never misreads an older layout.
 */
const POSTINGS_FORMAT = 'postings-v1';

/** Blob keys of one postings index; an index exists once per analyzer. */
export function postingsKeys(analyzer: Analyzer) {
  const prefix = `${POSTINGS_FORMAT}:${analyzer}`;
  return { meta: `${prefix}:meta`, docs: `${prefix}:docs`, freqs: `${prefix}:freqs`, lengths: `${prefix}:lengths` };
}

/** The fields of a section, in the order of the per-posting frequencies. */
export const POSTING_FIELDS = ['title', 'headings', 'body', 'code'] as const;
const FIELD_COUNT = POSTING_FIELDS.length;

export type PostingFields = Record<(typeof POSTING_FIELDS)[number], string>;

interface PostingsMeta {
  /** One more than the largest doc id (doc ids are section rowids). */
  size: number;
  docCount: number;
  averageLengths: number[];
  /** Term → [first posting, posting count]. */
  terms: Record<string, [number, number]>;
}

export interface PostingsIndex {
  analyzer: Analyzer;
  size: number;
  docCount: number;
  averageLengths: Float64Array;
  terms: Map<string, [number, number]>;
  /** Every term, sorted, for prefix look-ups. */
  sortedTerms: string[];
  docs: Int32Array;
  /** FIELD_COUNT frequencies per posting, capped at 255. */
  freqs: Uint8Array;
  /** FIELD_COUNT lengths (in terms) per doc id. */
  lengths: Uint16Array;
}

/** Build the blobs from the sections' fields, keyed by section rowid. */
export function buildPostingsBlobs(docs: Array<{ id: number; fields: PostingFields }>, analyzer: Analyzer): Record<string, Buffer | string> {
  const keys = postingsKeys(analyzer);
  const size = docs.reduce((max, doc) => Math.max(max, doc.id + 1), 0);
  const lengths = new Uint16Array(size * FIELD_COUNT);
  const totals = new Array<number>(FIELD_COUNT).fill(0);
  const postings = new Map<string, Array<{ doc: number; freqs: number[] }>>();
  for (const { id, fields } of [...docs].sort((a, b) => a.id - b.id)) {
    const counts = new Map<string, number[]>();
    POSTING_FIELDS.forEach((field, f) => {
      const terms = analyzeText(fields[field], analyzer);
      lengths[id * FIELD_COUNT + f] = Math.min(terms.length, 65_535);
      totals[f] = (totals[f] ?? 0) + terms.length;
      for (const term of terms) {
        const freqs = counts.get(term) ?? new Array<number>(FIELD_COUNT).fill(0);
        freqs[f] = (freqs[f] ?? 0) + 1;
        counts.set(term, freqs);
      }
    });
    for (const [term, freqs] of counts) {
      const list = postings.get(term) ?? [];
      list.push({ doc: id, freqs });
      postings.set(term, list);
    }
  }
  const total = [...postings.values()].reduce((sum, list) => sum + list.length, 0);
  const docIds = new Int32Array(total);
  const freqs = new Uint8Array(total * FIELD_COUNT);
  const terms: PostingsMeta['terms'] = {};
  let at = 0;
  for (const term of [...postings.keys()].sort()) {
    const list = postings.get(term) ?? [];
    terms[term] = [at, list.length];
    for (const posting of list) {
      docIds[at] = posting.doc;
      posting.freqs.forEach((n, f) => (freqs[at * FIELD_COUNT + f] = Math.min(n, 255)));
      at++;
    }
  }
  const meta: PostingsMeta = { size, docCount: docs.length, averageLengths: totals.map((sum) => sum / Math.max(1, docs.length)), terms };
  return {
    [keys.meta]: JSON.stringify(meta),
    [keys.docs]: Buffer.from(docIds.buffer),
    [keys.freqs]: Buffer.from(freqs.buffer),
    [keys.lengths]: Buffer.from(lengths.buffer),
  };
}

/** Load the blobs written by buildPostingsBlobs. */
export function loadPostingsIndex(blob: (key: string) => Buffer | undefined, analyzer: Analyzer): PostingsIndex {
  const keys = postingsKeys(analyzer);
  const read = (key: string): Buffer => {
    const value = blob(key);
    if (!value) throw new Error(`The index has no ${key} search state; rebuild it with \`upsun-docs-mcp index\`.`);
    return value;
  };
  const meta = JSON.parse(read(keys.meta).toString()) as PostingsMeta;
  // Copy into fresh ArrayBuffers: typed arrays need aligned memory, SQLite's buffers need not be.
  const copy = (buffer: Buffer) => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  return {
    analyzer,
    size: meta.size,
    docCount: meta.docCount,
    averageLengths: Float64Array.from(meta.averageLengths),
    terms: new Map(Object.entries(meta.terms)),
    sortedTerms: Object.keys(meta.terms).sort(),
    docs: new Int32Array(copy(read(keys.docs))),
    freqs: new Uint8Array(copy(read(keys.freqs))),
    lengths: new Uint16Array(copy(read(keys.lengths))),
  };
}

/** Index terms that start with `prefix` (itself excluded), most frequent first, at most `limit`. */
export function findPrefixTerms(index: PostingsIndex, prefix: string, limit: number): string[] {
  const terms = index.sortedTerms;
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((terms[mid] ?? '') < prefix) lo = mid + 1;
    else hi = mid;
  }
  const found: string[] = [];
  for (let i = lo; i < terms.length && (terms[i] ?? '').startsWith(prefix); i++) if (terms[i] !== prefix) found.push(terms[i] ?? '');
  return found.sort((a, b) => (index.terms.get(b)?.[1] ?? 0) - (index.terms.get(a)?.[1] ?? 0)).slice(0, limit);
}
