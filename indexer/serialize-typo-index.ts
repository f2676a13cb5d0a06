import type MiniSearch from 'minisearch';

/**
 * The fields of a MiniSearch 7 instance that its `toJSON` reads (lib/MiniSearch.ts). They are private in its
 * types; this module reads them so that it can write the same JSON without the copy `toJSON` makes.
 */
interface MiniSearchState {
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
  _index: Iterable<[string, Map<number, Map<number, number>>]>;
}

/** How the small part of the object ends: the index (written as 0 there) and the format version come last. */
const TAIL = ',"index":0,"serializationVersion":2}';

/**
 * `JSON.stringify(index)`, byte for byte, without the peak it costs. MiniSearch's `toJSON` copies the whole
 * inverted index into plain objects keyed by document number before any of it is written: for 2,300 Upsun
 * sections that copy holds about 70 MB at once (an object keyed by sparse integers gets an array as long as its
 * largest key), which set the build's peak RSS (BENCHMARKS.md, issue 11). Here each term is copied and written
 * on its own, so the copies die young. When the instance does not look like the MiniSearch 7 this was written
 * against, the plain `JSON.stringify` is used; a test compares both outputs on real sections.
 */
export function serializeTypoIndex<T>(index: MiniSearch<T>): string {
  const state = index as unknown as Partial<MiniSearchState>;
  if (!hasKnownShape(state)) return JSON.stringify(index);
  const terms: string[] = [];
  for (const [term, fieldIndex] of state._index) terms.push(`[${JSON.stringify(term)},${writeIntegerKeyed(fieldIndex, (freqs) => writeIntegerKeyed(freqs, (freq) => JSON.stringify(freq)))}]`);
  // The key order of MiniSearch 7's toJSON, which JSON.stringify keeps.
  const head = JSON.stringify({
    documentCount: state._documentCount,
    nextId: state._nextId,
    documentIds: Object.fromEntries(state._documentIds),
    fieldIds: state._fieldIds,
    fieldLength: Object.fromEntries(state._fieldLength),
    averageFieldLength: state._avgFieldLength,
    storedFields: Object.fromEntries(state._storedFields),
    dirtCount: state._dirtCount,
    index: 0,
    serializationVersion: 2,
  });
  return `${head.slice(0, -TAIL.length)},"index":[${terms.join(',')}],"serializationVersion":2}`;
}

/**
 * A Map with integer keys written as `JSON.stringify(Object.fromEntries(map))` writes it, without the object:
 * integer-like keys come in ascending order, whatever the order they were set in.
 */
function writeIntegerKeyed<V>(map: Map<number, V>, write: (value: V) => string): string {
  const keys = [...map.keys()].sort((a, b) => a - b);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    out += `${i === 0 ? '' : ','}"${key}":${write(map.get(key) as V)}`;
  }
  return `${out}}`;
}

function hasKnownShape(state: Partial<MiniSearchState>): state is MiniSearchState {
  return (
    typeof state._documentCount === 'number' &&
    typeof state._nextId === 'number' &&
    state._documentIds instanceof Map &&
    typeof state._fieldIds === 'object' &&
    state._fieldLength instanceof Map &&
    Array.isArray(state._avgFieldLength) &&
    state._storedFields instanceof Map &&
    typeof state._dirtCount === 'number' &&
    typeof state._index?.[Symbol.iterator] === 'function'
  );
}
