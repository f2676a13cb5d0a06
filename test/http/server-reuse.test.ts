// Requests of both eras are served by MCP server instances reused one request at a time (server-pool.ts): each
// request still reads the index current when it starts, and requests at once never share an instance. A 2025
// `initialize` leaves the client's identity in its instance, so that one is never served again.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { McpServer } from '@modelcontextprotocol/server';
import { loadIndex, type LoadedIndex } from '../../src/docs/loaded-index.js';
import { createDocsServer } from '../../src/mcp/create-server.js';
import { createMcpEndpoint } from '../../src/transports/http/mcp-endpoint.js';
import { createServerPool } from '../../src/transports/http/server-pool.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { JSON_HEADERS, rawRequest, rpc, startTestHttpServer, type TestHttpServer } from './start-http-server.js';

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'server-reuse-test', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

function modern(id: number, method: string, name: string, params: Record<string, unknown>) {
  return {
    headers: { ...JSON_HEADERS, 'mcp-protocol-version': '2026-07-28', 'mcp-method': method, 'mcp-name': name },
    body: JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta: MODERN_META } }),
  };
}

/** A 2025-11-25 request as a client sends it to a stateless server: no envelope, the revision in a header. */
function legacy(id: number, method: string, _name: string, params: Record<string, unknown>) {
  return { headers: { ...JSON_HEADERS, 'mcp-protocol-version': '2025-11-25' }, body: rpc(method, params, id) };
}

const INDEX_URI = 'upsun-docs://index';

describe.each([
  ['2026-07-28', modern],
  ['2025-11-25', legacy],
])('reused server instances (%s)', (_revision, request) => {
  let server: TestHttpServer;
  let dir: string;
  let rebuilt: LoadedIndex | undefined;
  beforeAll(async () => {
    server = await startTestHttpServer({ answerCacheBytes: 0 });
    dir = mkdtempSync(join(tmpdir(), 'upsun-docs-reuse-'));
  });
  afterAll(async () => {
    await server.close();
    rebuilt?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function builtAt(id: number): Promise<string> {
    const response = await rawRequest(server.port, request(id, 'resources/read', INDEX_URI, { uri: INDEX_URI }));
    expect(response.status, response.text).toBe(200);
    const result = (response.json() as { result: { contents: Array<{ text: string }> } }).result;
    return (JSON.parse(result.contents[0]!.text) as { built_at: string }).built_at;
  }

  test('each request reads the index current when it starts, after a refresh and back', async () => {
    const original = await builtAt(1);
    expect(await builtAt(2)).toBe(original);

    // A refreshed index: a real copy of the file, rebuilt "later" (its build time is all that differs).
    const file = join(dir, 'refreshed.sqlite');
    copyFileSync(inject('indexFile'), file);
    const db = new Database(file);
    db.prepare("UPDATE meta SET value = '2031-01-01T00:00:00.000Z' WHERE key = 'built_at'").run();
    db.close();
    rebuilt = loadIndex(file, loadVocabulary(DATA_PATHS.searchData));
    const served = server.deps.getIndex;
    let current: LoadedIndex = rebuilt;
    server.deps.getIndex = () => current;
    try {
      expect(await builtAt(3)).toBe('2031-01-01T00:00:00.000Z');
      expect(await builtAt(4)).toBe('2031-01-01T00:00:00.000Z');
      current = server.index;
      expect(await builtAt(5)).toBe(original);
    } finally {
      server.deps.getIndex = served;
    }
  });

  test('requests at once each get their own answer, while config checks are still running', async () => {
    // explain_config answers after a worker thread has checked the config: its instance is still serving when
    // the searches sent beside it arrive.
    const checks = Array.from({ length: 4 }, (_, i) => {
      const config = `applications:\n  app${i}:\n    type: nodejs:24\n`;
      return rawRequest(server.port, request(200 + i, 'tools/call', 'explain_config', { name: 'explain_config', arguments: { config } }));
    });
    const queries = Array.from({ length: 24 }, (_, i) => `mounts for uploads variant ${i}`);
    const searches = queries.map((query, i) => rawRequest(server.port, request(100 + i, 'tools/call', 'search_docs', { name: 'search_docs', arguments: { query, limit: 1 } })));
    const answers = await Promise.all(searches);
    answers.forEach((answer, i) => {
      expect(answer.status, answer.text).toBe(200);
      const json = answer.json() as { id: number; result: { isError?: boolean; structuredContent: { query: string } } };
      expect(json.id).toBe(100 + i);
      expect(json.result.isError).toBeFalsy();
      expect(json.result.structuredContent.query).toBe(queries[i]);
    });
    // Each check is answered on its own instance too: an explanation of its own app, or (on a machine too busy
    // to check within the deadline) the tool's error saying so; never the SDK's "still serving" failure.
    for (const [i, check] of (await Promise.all(checks)).entries()) {
      expect(check.status, check.text).toBe(200);
      const json = check.json() as { id: number; result: { isError?: boolean; content: Array<{ text: string }> } };
      expect(json.id).toBe(200 + i);
      if (!json.result.isError) expect(json.result.content[0]!.text).toContain(`app${i}`);
    }
  });
});

describe('which requests may reuse an instance', () => {
  test('a 2025 initialize gets an instance of its own; other requests of either era a pooled one', async () => {
    const server = await startTestHttpServer({ answerCacheBytes: 0 });
    const pool = createServerPool(server.deps, { maxIdle: 4 });
    const served: Array<{ era: string; keepsState: boolean; pooled: boolean }> = [];
    const pooledInstances = new Set<McpServer>();
    const endpoint = createMcpEndpoint({
      createServer: (era, { keepsState }) => {
        const instance = keepsState ? createDocsServer(server.deps) : pool.take();
        if (!keepsState) pooledInstances.add(instance);
        served.push({ era, keepsState, pooled: !keepsState });
        return instance;
      },
      maxBodyBytes: 1 << 20,
      onerror: () => undefined,
    });
    const post = async (headers: Record<string, string>, body: string) => {
      const response = await endpoint.handle(new Request('http://localhost/mcp', { method: 'POST', headers }), JSON.parse(body));
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as unknown;
    };
    try {
      const init = legacy(1, 'initialize', '', { protocolVersion: '2025-03-26', capabilities: { sampling: {} }, clientInfo: { name: 'old-client', version: '1' } });
      expect(await post(init.headers, init.body)).toMatchObject({ result: { protocolVersion: '2025-03-26' } });
      for (let id = 2; id <= 4; id++) {
        const call = legacy(id, 'tools/call', 'search_docs', { name: 'search_docs', arguments: { query: 'mounts', limit: 1 } });
        expect(await post(call.headers, call.body)).toMatchObject({ id, result: { structuredContent: { query: 'mounts' } } });
      }
      const modernCall = modern(5, 'tools/call', 'search_docs', { name: 'search_docs', arguments: { query: 'mounts', limit: 1 } });
      expect(await post(modernCall.headers, modernCall.body)).toMatchObject({ id: 5, result: { structuredContent: { query: 'mounts' } } });

      expect(served).toEqual([
        { era: 'legacy', keepsState: true, pooled: false },
        { era: 'legacy', keepsState: false, pooled: true },
        { era: 'legacy', keepsState: false, pooled: true },
        { era: 'legacy', keepsState: false, pooled: true },
        { era: 'modern', keepsState: false, pooled: true },
      ]);
      // One at a time, the three 2025 calls were served by one instance, handed back after each.
      expect(pooledInstances.size).toBe(1);
    } finally {
      await endpoint.close();
      await server.close();
    }
  });
});
