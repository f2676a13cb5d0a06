import { isIndexWord, splitWords, stemWord, type Analyzer } from './analyze.js';

/**
 * An in-memory inverted index over sections for BM25F ranking. FTS5 stays the store and answers
 * the strict all-words and phrase queries, but its bm25() reads each matching row's sizes from
 * disk pages, which costs milliseconds on long OR queries; scoring from typed arrays costs tens of
 * microseconds and grows with the postings read, not with the table. Built at index time and
 * stored as blobs; the key carries a format version so a server never misreads an older layout.
 */
const POSTINGS_FORMAT = 'postings-v2';

/** Blob keys of one postings index; an index exists once per analyzer. */
export function postingsKeys(analyzer: Analyzer) {
  const prefix = `${POSTINGS_FORMAT}:${analyzer}`;
  return { meta: `${prefix}:meta`, docs: `${prefix}:docs`, freqs: `${prefix}:freqs`, lengths: `${prefix}:lengths` };
}

/** The fields of a section, in the order of the per-posting frequencies. */
export const POSTING_FIELDS = ['title', 'headings', 'body', 'code', 'asked'] as const;
export const FIELD_COUNT = POSTING_FIELDS.length;

/** 256 ** field: the place of each field's frequency in a packed posting (see buildPostingsBlobs). */
const FIELD_UNITS = POSTING_FIELDS.map((_, f) => 256 ** f);

function unpackFrequency(packed: number, field: number): number {
  return Math.floor(packed / (FIELD_UNITS[field] ?? 1)) % 256;
}

export type PostingFields = Record<(typeof POSTING_FIELDS)[number], string>;

interface PostingsMeta {
  /** One more than the largest doc id (doc ids are section rowids). */
  size: number;
  docCount: number;
  averageLengths: number[];
  /** Term → [first posting, posting count]. */
  terms: Record<string, [number, number]>;
}

/** Term → [first posting, posting count]; undefined for a term the index lacks. */
export interface TermTable {
  get(term: string): readonly [number, number] | undefined;
}

export interface PostingsIndex {
  analyzer: Analyzer;
  size: number;
  docCount: number;
  averageLengths: Float64Array;
  terms: TermTable;
  /** Every term, sorted, for prefix look-ups. */
  sortedTerms: string[];
  docs: Int32Array;
  /** FIELD_COUNT frequencies per posting, capped at 255. */
  freqs: Uint8Array;
  /** FIELD_COUNT lengths (in terms) per doc id. */
  lengths: Uint16Array;
}

/**
 * Build the blobs of each analyzer from the sections' fields, keyed by section rowid. Each field is split into
 * words once for all analyzers (splitting is most of the cost); lengths count index words, the same for each.
 */
export function buildPostingsBlobs(docs: Array<{ id: number; fields: PostingFields }>, analyzers: readonly Analyzer[]): Record<string, Buffer | string> {
  const size = docs.reduce((max, doc) => Math.max(max, doc.id + 1), 0);
  const lengths = new Uint16Array(size * FIELD_COUNT);
  const totals = new Array<number>(FIELD_COUNT).fill(0);
  // Per term, a flat list of (doc, packed frequencies) pairs: far less memory and garbage than an object
  // or an array per posting, which matters with ~100k postings per analyzer. The FIELD_COUNT frequencies
  // (each capped at 255) are packed base 256 into one number, exact below 2^53.
  const builds = analyzers.map((analyzer) => ({ analyzer, postings: new Map<string, number[]>(), counts: new Map<string, number>() }));
  const stems = new Map<string, string>();
  const stem = (word: string) => {
    let stemmed = stems.get(word);
    if (stemmed === undefined) stems.set(word, (stemmed = stemWord(word)));
    return stemmed;
  };
  for (const { id, fields } of [...docs].sort((a, b) => a.id - b.id)) {
    for (const build of builds) build.counts.clear();
    POSTING_FIELDS.forEach((field, f) => {
      const unit = FIELD_UNITS[f] ?? 1;
      let length = 0;
      for (const word of splitWords(fields[field])) {
        if (!isIndexWord(word)) continue;
        length++;
        for (const { analyzer, counts } of builds) {
          const term = analyzer === 'exact' ? word : stem(word);
          const packed = counts.get(term) ?? 0;
          if (unpackFrequency(packed, f) < 255) counts.set(term, packed + unit);
        }
      }
      lengths[id * FIELD_COUNT + f] = Math.min(length, 65_535);
      totals[f] = (totals[f] ?? 0) + length;
    });
    for (const { postings, counts } of builds) {
      for (const [term, packed] of counts) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = []));
        list.push(id, packed);
      }
    }
  }
  const averageLengths = totals.map((sum) => sum / Math.max(1, docs.length));
  const blobs: Record<string, Buffer | string> = {};
  for (const { analyzer, postings } of builds) {
    const keys = postingsKeys(analyzer);
    const total = [...postings.values()].reduce((sum, list) => sum + list.length / 2, 0);
    const docIds = new Int32Array(total);
    const freqs = new Uint8Array(total * FIELD_COUNT);
    const terms: PostingsMeta['terms'] = {};
    let at = 0;
    for (const term of [...postings.keys()].sort()) {
      const list = postings.get(term) ?? [];
      terms[term] = [at, list.length / 2];
      for (let i = 0; i < list.length; i += 2) {
        docIds[at] = list[i] ?? 0;
        for (let f = 0; f < FIELD_COUNT; f++) freqs[at * FIELD_COUNT + f] = unpackFrequency(list[i + 1] ?? 0, f);
        at++;
      }
    }
    const meta: PostingsMeta = { size, docCount: docs.length, averageLengths, terms };
    blobs[keys.meta] = JSON.stringify(meta);
    blobs[keys.docs] = Buffer.from(docIds.buffer);
    blobs[keys.freqs] = Buffer.from(freqs.buffer);
    blobs[keys.lengths] = Buffer.from(lengths.buffer);
  }
  return blobs;
}

export function loadPostingsIndex(blob: (key: string) => Buffer | undefined, analyzer: Analyzer): PostingsIndex {
  const keys = postingsKeys(analyzer);
  const read = (key: string): Buffer => {
    const value = blob(key);
    if (!value) throw new Error(`The index has no ${key} search state; rebuild it with \`upsun-docs-mcp index\`.`);
    return value;
  };
  const meta = JSON.parse(read(keys.meta).toString()) as PostingsMeta;
  // The parsed object is the table: copying its ~6-8k entries into a Map cost more than the parse, on the stdio
  // server's way to its first answer. Own properties only, so `constructor` or `__proto__` is a term like any other.
  const table = meta.terms;
  const terms: TermTable = { get: (term) => (Object.hasOwn(table, term) ? table[term] : undefined) };
  return {
    analyzer,
    size: meta.size,
    docCount: meta.docCount,
    averageLengths: Float64Array.from(meta.averageLengths),
    terms,
    sortedTerms: Object.keys(table).sort(),
    docs: typedView(read(keys.docs), Int32Array),
    freqs: typedView(read(keys.freqs), Uint8Array),
    lengths: typedView(read(keys.lengths), Uint16Array),
  };
}

/**
 * A typed array over a blob's bytes: the blob's own memory when it is aligned for the type (better-sqlite3 copies
 * each blob into a Buffer of its own, which is), else a copy; the blobs are megabytes, read on every start.
 */
function typedView<T extends Int32Array | Uint8Array | Uint16Array>(
  buffer: Buffer,
  type: { new (buffer: ArrayBuffer, byteOffset?: number, length?: number): T; BYTES_PER_ELEMENT: number },
): T {
  const size = type.BYTES_PER_ELEMENT;
  if (buffer.byteOffset % size === 0 && buffer.byteLength % size === 0) return new type(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength / size);
  return new type(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer);
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

/** The first posting in docs[start, end) (sorted by doc id) whose doc is at least `value`: where a doc range begins. */
export function lowerBound(docs: Int32Array, start: number, end: number, value: number): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((docs[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
