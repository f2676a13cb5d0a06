// 2026-07-28 messages go straight to the SDK's modern handler (they are never legacy): its checks of the
// envelope and the standard headers must still answer them, as they did when every message was classified twice.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { JSON_HEADERS, rawRequest, rpc, startTestHttpServer, type TestHttpServer } from './start-http-server.js';

let server: TestHttpServer;
beforeAll(async () => {
  const indexError = inject('indexError');
  if (indexError) throw new Error(indexError);
  server = await startTestHttpServer();
});
afterAll(async () => {
  await server?.close();
});

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 't', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};
const MODERN_HEADERS = { ...JSON_HEADERS, 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'search_docs' };
const searchParams = (meta: Record<string, unknown>) => ({ name: 'search_docs', arguments: { query: 'configure a cron job', limit: 1 }, _meta: meta });

test('a well-formed 2026-07-28 search is answered with results', async () => {
  const response = await rawRequest(server.port, { headers: MODERN_HEADERS, body: rpc('tools/call', searchParams(META), 7) });
  expect(response.status).toBe(200);
  expect(response.json()).toMatchObject({ id: 7, result: { structuredContent: { results: [{ product: 'upsun' }] } } });
});

test('an Mcp-Method header that disagrees with the body is refused with 400, naming both', async () => {
  const response = await rawRequest(server.port, { headers: { ...MODERN_HEADERS, 'mcp-method': 'tools/list' }, body: rpc('tools/call', searchParams(META), 8) });
  expect(response.status).toBe(400);
  expect((response.json() as { error: { message: string } }).error.message).toMatch(/tools\/call.*tools\/list|tools\/list.*tools\/call/);
});

test('an envelope whose protocol version is not a string is refused with 400, naming the key', async () => {
  const response = await rawRequest(server.port, { headers: MODERN_HEADERS, body: rpc('tools/call', searchParams({ ...META, 'io.modelcontextprotocol/protocolVersion': 20260728 }), 9) });
  expect(response.status).toBe(400);
  expect((response.json() as { error: { message: string } }).error.message).toMatch(/_meta envelope.*protocolVersion/);
});

test('an MCP-Protocol-Version header that disagrees with the envelope is refused with 400', async () => {
  const response = await rawRequest(server.port, { headers: { ...MODERN_HEADERS, 'mcp-protocol-version': '2025-11-25' }, body: rpc('tools/call', searchParams(META), 10) });
  expect(response.status).toBe(400);
});
