// The answer cache: a repeated request is answered from the cache with its own id and the same result a
// fresh server would give; failures are never kept; a new index empties it; it can be turned off.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { loadIndex, type LoadedIndex } from '../../src/docs/loaded-index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { JSON_HEADERS, rawRequest, rpc, startTestHttpServer, type TestHttpServer } from './start-http-server.js';

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'answer-cache-test', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

function modernSearch(id: number | string, query: string): { headers: Record<string, string>; body: string } {
  return {
    headers: { ...JSON_HEADERS, 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'search_docs' },
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'search_docs', arguments: { query }, _meta: MODERN_META } }),
  };
}

const searchBody = (id: number | string, query: string) => rpc('tools/call', { name: 'search_docs', arguments: { query, limit: 3 } }, id);
const lastLog = (server: TestHttpServer) => server.logs.at(-1)!;

describe('answer cache', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startTestHttpServer();
  });
  afterAll(() => server.close());

  test('a repeated search is answered from the cache, with its own id and the same result', async () => {
    const first = await rawRequest(server.port, { headers: JSON_HEADERS, body: searchBody(1, 'cache answer test: persistent mounts') });
    expect(lastLog(server)).toMatchObject({ tool: 'search_docs', cache: 'miss', status: 200 });
    const again = await rawRequest(server.port, { headers: JSON_HEADERS, body: searchBody('second-call', 'cache answer test: persistent mounts') });
    expect(lastLog(server)).toMatchObject({ tool: 'search_docs', cache: 'hit', status: 200 });
    expect(again.status).toBe(200);
    expect(again.headers['content-type']).toBe('application/json');
    const firstJson = first.json() as { id: unknown; result: unknown };
    const againJson = again.json() as { jsonrpc: string; id: unknown; result: unknown };
    expect(againJson.jsonrpc).toBe('2.0');
    expect(againJson.id).toBe('second-call');
    expect(firstJson.id).toBe(1);
    expect(againJson.result).toEqual(firstJson.result);
  });

  test('each protocol era has its own entries, and the modern one replays too', async () => {
    await rawRequest(server.port, { headers: JSON_HEADERS, body: searchBody(1, 'cache era test redis') });
    const first = await rawRequest(server.port, modernSearch(7, 'cache era test redis'));
    expect(lastLog(server)).toMatchObject({ cache: 'miss' });
    const again = await rawRequest(server.port, modernSearch(8, 'cache era test redis'));
    expect(lastLog(server)).toMatchObject({ cache: 'hit' });
    expect((again.json() as { id: unknown }).id).toBe(8);
    expect((again.json() as { result: unknown }).result).toEqual((first.json() as { result: unknown }).result);
  });

  test('different arguments are different entries', async () => {
    await rawRequest(server.port, { headers: JSON_HEADERS, body: searchBody(1, 'cache args test cron') });
    await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('tools/call', { name: 'search_docs', arguments: { query: 'cache args test cron', limit: 4 } }, 2) });
    expect(lastLog(server)).toMatchObject({ cache: 'miss' });
  });

  test('tool errors and protocol errors are not kept: each repeat is answered afresh', async () => {
    const badArguments = rpc('tools/call', { name: 'search_docs', arguments: { query: 'x', limit: 500 } });
    for (let i = 0; i < 2; i++) {
      const response = await rawRequest(server.port, { headers: JSON_HEADERS, body: badArguments });
      expect(response.json()).toMatchObject({ result: { isError: true } });
      expect(lastLog(server)).toMatchObject({ cache: 'miss' });
    }
    const unknownPage = rpc('resources/read', { uri: 'upsun-docs://upsun/no/such/page.md' });
    for (let i = 0; i < 2; i++) {
      const response = await rawRequest(server.port, { headers: JSON_HEADERS, body: unknownPage });
      expect(response.json()).toMatchObject({ error: { message: expect.stringContaining('search_docs') } });
      expect(lastLog(server)).toMatchObject({ cache: 'miss' });
    }
  });

  test('config explanations and notifications are never cached', async () => {
    const explain = rpc('tools/call', { name: 'explain_config', arguments: { config: 'applications:\n  app:\n    type: nodejs:24\n' } });
    await rawRequest(server.port, { headers: JSON_HEADERS, body: explain });
    await rawRequest(server.port, { headers: JSON_HEADERS, body: explain });
    expect(lastLog(server).cache).toBeUndefined();
  });

  test('/healthz reports the cache: entries, bytes, budget, hits and misses', async () => {
    const health = (await rawRequest(server.port, { method: 'GET', path: '/healthz' })).json() as { answerCache: Record<string, number> };
    expect(health.answerCache).toMatchObject({ maxBytes: 16 * 1024 * 1024 });
    expect(health.answerCache.hits).toBeGreaterThanOrEqual(2);
    expect(health.answerCache.entries).toBeGreaterThanOrEqual(3);
    expect(health.answerCache.bytes).toBeGreaterThan(1000);
  });
});

describe('answer cache and a refreshed index', () => {
  let server: TestHttpServer;
  let fresh: LoadedIndex | undefined;
  beforeAll(async () => {
    server = await startTestHttpServer();
  });
  afterAll(async () => {
    await server.close();
    fresh?.close();
  });

  test('answers kept for the old index are not served from the new one', async () => {
    let current = server.index;
    // The index holder swaps by returning a new LoadedIndex from getIndex after a refresh; do the same here.
    server.deps.getIndex = () => current;
    await rawRequest(server.port, { headers: JSON_HEADERS, body: searchBody(1, 'cache swap test backups') });
    await rawRequest(server.port, { headers: JSON_HEADERS, body: searchBody(2, 'cache swap test backups') });
    expect(lastLog(server)).toMatchObject({ cache: 'hit' });
    fresh = loadIndex(inject('indexFile'), loadVocabulary(DATA_PATHS.searchData));
    current = fresh;
    await rawRequest(server.port, { headers: JSON_HEADERS, body: searchBody(3, 'cache swap test backups') });
    expect(lastLog(server)).toMatchObject({ cache: 'miss' });
  });
});

describe('answer cache turned off', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startTestHttpServer({ answerCacheBytes: 0 });
  });
  afterAll(() => server.close());

  test('a fresh answer states its length, as a replayed one does, instead of arriving in chunks', async () => {
    const answer = await rawRequest(server.port, { headers: JSON_HEADERS, body: searchBody(1, 'content length test mounts') });
    expect(answer.status).toBe(200);
    expect(answer.headers['transfer-encoding']).toBeUndefined();
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.text));
  });

  test('UPSUN_DOCS_ANSWER_CACHE_MB=0: every request is answered afresh', async () => {
    await rawRequest(server.port, { headers: JSON_HEADERS, body: searchBody(1, 'cache off test') });
    await rawRequest(server.port, { headers: JSON_HEADERS, body: searchBody(2, 'cache off test') });
    expect(lastLog(server).cache).toBeUndefined();
  });
});
