import type { IncomingHttpHeaders } from 'node:http';

/**
 * Answers to repeated MCP requests, kept for one index. Everything the endpoint serves is read-only and
 * idempotent: the same request (its `id` aside, with the same protocol headers) against the same index
 * gets the same result. Replaying a stored result with the new request's id skips building a server
 * instance, searching, validating and serializing again, which is most of a request's cost; a hosted docs
 * endpoint sees the same questions and pages again and again (the pages a search points to, the lists
 * every client asks for on connect).
 *
 * Only successful results are kept (no JSON-RPC errors, no tool results flagged `isError`), within a byte
 * budget, least recently used first out. A different index (after a refresh) empties the cache.
 */
export interface AnswerCache {
  /** The cache key of a request body that may be answered from the cache, or undefined when it may not be. */
  keyOf(body: unknown, headers: IncomingHttpHeaders): string | undefined;
  /** The full JSON-RPC response for `id`, when `key`'s result is stored for `generation`. */
  lookup(generation: object, key: string, id: string | number): CachedAnswer | undefined;
  /** Keep the result of a response the SDK produced, if it is a success. */
  store(generation: object, key: string, response: StoredResponse): void;
  stats(): AnswerCacheStats;
}

export interface CachedAnswer {
  /** The response body in pieces, written as they are: the stored result is not copied per answer. */
  chunks: Buffer[];
  headers: Record<string, string>;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  /** The response body as the SDK wrote it. */
  body: Buffer;
}

export interface AnswerCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
}

/**
 * Methods whose answers depend only on their parameters and the index. `explain_config` is left out:
 * its argument is a whole config file, rarely sent twice, and would crowd out the answers that repeat.
 */
const CACHEABLE_METHODS = new Set(['tools/call', 'resources/read', 'resources/list', 'resources/templates/list', 'tools/list', 'prompts/list', 'prompts/get']);
const CACHEABLE_TOOLS = new Set(['search_docs', 'read_page', 'list_versions']);

/** Request headers the SDK reads to decide an answer: content negotiation and every MCP header (era, method, name, session). */
function isKeyHeader(name: string): boolean {
  return name === 'accept' || name === 'content-type' || name.startsWith('mcp-');
}

export function createAnswerCache({ maxBytes }: { maxBytes: number }): AnswerCache {
  // Map iteration order is insertion order: re-inserting on a hit keeps the least recently used first.
  let entries = new Map<string, { result: Buffer; headers: Record<string, string> }>();
  let generation: object | undefined;
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const forGeneration = (current: object) => {
    if (current !== generation) {
      entries = new Map();
      bytes = 0;
      generation = current;
    }
  };

  return {
    keyOf(body, headers) {
      if (maxBytes === 0 || !isRecord(body) || body.jsonrpc !== '2.0' || typeof body.method !== 'string') return undefined;
      if (typeof body.id !== 'string' && typeof body.id !== 'number') return undefined;
      if (!CACHEABLE_METHODS.has(body.method)) return undefined;
      if (body.method === 'tools/call') {
        const name = isRecord(body.params) ? body.params.name : undefined;
        if (typeof name !== 'string' || !CACHEABLE_TOOLS.has(name)) return undefined;
      }
      const keyHeaders: string[] = [];
      for (const name of Object.keys(headers).sort()) {
        if (isKeyHeader(name)) keyHeaders.push(name, String(headers[name]));
      }
      const { id: _id, ...request } = body;
      return JSON.stringify([keyHeaders, request]);
    },

    lookup(current, key, id) {
      forGeneration(current);
      const entry = entries.get(key);
      if (!entry) {
        misses += 1;
        return undefined;
      }
      hits += 1;
      entries.delete(key);
      entries.set(key, entry);
      const chunks = [Buffer.from(`{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":`), entry.result, CLOSE_BRACE];
      const length = chunks[0]!.length + entry.result.length + CLOSE_BRACE.length;
      return { chunks, headers: { ...entry.headers, 'content-length': String(length) } };
    },

    store(current, key, response) {
      forGeneration(current);
      if (response.status !== 200 || !(response.headers['content-type'] ?? '').startsWith('application/json')) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(response.body.toString('utf8'));
      } catch {
        return;
      }
      if (!isRecord(parsed) || !isRecord(parsed.result) || 'error' in parsed || parsed.result.isError === true) return;
      const result = Buffer.from(JSON.stringify(parsed.result));
      const size = result.length + key.length;
      if (size > maxBytes / 4) return; // One huge page must not flush everything else.
      const previous = entries.get(key);
      if (previous) {
        bytes -= previous.result.length + key.length;
        entries.delete(key);
      }
      entries.set(key, { result, headers: { 'content-type': response.headers['content-type']! } });
      bytes += size;
      for (const [oldKey, old] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(oldKey);
        bytes -= old.result.length + oldKey.length;
      }
    },

    stats: () => ({ entries: entries.size, bytes, maxBytes, hits, misses }),
  };
}

const CLOSE_BRACE = Buffer.from('}');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
