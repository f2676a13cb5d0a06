// Real MCP clients of both eras over Streamable HTTP against the docs server on a loopback port.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { firstText } from '../mcp/connect-clients.js';
import { HTTP_CLIENT_KINDS, JSON_HEADERS, rawRequest, rpc, startTestHttpServer, type TestHttpServer } from './start-http-server.js';

let server: TestHttpServer;
beforeAll(async () => {
  server = await startTestHttpServer();
});
afterAll(() => server.close());

describe.each(HTTP_CLIENT_KINDS)('the $name over HTTP', (kind) => {
  test('negotiates its protocol revision, lists the tools and calls search_docs and read_page', async () => {
    const connected = await kind.connect(server.mcpUrl);
    try {
      expect(connected.protocolVersion).toBe(kind.expectedVersion);
      const { tools } = await connected.client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['search_docs', 'read_page', 'explain_config', 'list_versions']);

      const search = await connected.client.callTool({ name: 'search_docs', arguments: { query: 'add a persistent mount', limit: 3 } });
      expect(search.isError, firstText(search)).toBeFalsy();
      const results = (search.structuredContent as { results: Array<{ url: string; path: string }> }).results;
      expect(results.length).toBeGreaterThan(0);
      expect(results[0]!.url).toMatch(/^https:\/\/docs\.upsun\.com\//);

      const page = await connected.client.callTool({ name: 'read_page', arguments: { path_or_url: results[0]!.path } });
      expect(page.isError, firstText(page)).toBeFalsy();
      expect(firstText(page).length).toBeGreaterThan(100);
    } finally {
      await connected.close();
    }
  });

  test('reads a page resource and lists prompts', async () => {
    const connected = await kind.connect(server.mcpUrl);
    try {
      const read = await connected.client.readResource({ uri: 'upsun-docs://upsun/create-apps/image-properties/mounts.md' });
      expect((read.contents[0] as { text?: string }).text).toContain('mount');
      const { prompts } = await connected.client.listPrompts();
      expect(prompts.length).toBeGreaterThan(0);
    } finally {
      await connected.close();
    }
  });

  test('invalid arguments come back as a tool error that says what to pass', async () => {
    const connected = await kind.connect(server.mcpUrl);
    try {
      const result = await connected.client.callTool({ name: 'search_docs', arguments: { limit: 'many' } });
      expect(result.isError).toBe(true);
      expect(firstText(result)).toMatch(/query/);
    } finally {
      await connected.close();
    }
  });
});

describe('protocol errors on the raw wire', () => {
  test('an unknown method gets JSON-RPC -32601 with the request id', async () => {
    const response = await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('no/such/method', {}, 41) });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ id: 41, error: { code: -32601 } });
  });

  test('an unknown tool gets JSON-RPC -32602', async () => {
    const response = await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('tools/call', { name: 'drop_tables', arguments: {} }, 42) });
    expect(response.json()).toMatchObject({ id: 42, error: { code: -32602 } });
  });

  test('responses are JSON, not event streams, in both eras', async () => {
    const legacy = await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('tools/list') });
    expect(legacy.headers['content-type']).toMatch(/^application\/json/);
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 't', version: '1' },
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const modern = await rawRequest(server.port, {
      headers: { ...JSON_HEADERS, 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
      body: rpc('tools/list', { _meta: meta }),
    });
    expect(modern.status).toBe(200);
    expect(modern.headers['content-type']).toMatch(/^application\/json/);
    expect((modern.json() as { result: { tools: unknown[] } }).result.tools).toHaveLength(4);
  });

  test('each request is logged as one line with method, tool, status and time, and a capped query', async () => {
    const longQuery = `configure a cron job ${'x'.repeat(500)}`;
    await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('tools/call', { name: 'search_docs', arguments: { query: longQuery } }, 'log-me') });
    const line = [...server.logs].reverse().find((entry) => entry.tool === 'search_docs');
    expect(line).toMatchObject({ http: 'POST', path: '/mcp', rpc: 'tools/call', tool: 'search_docs', status: 200 });
    expect(line!.ms).toBeTypeOf('number');
    expect(String(line!.query).length).toBeLessThanOrEqual(41);
  });

  test('explain_config payloads never reach the log', async () => {
    const secret = 'applications:\n  app:\n    type: python:3.13\n    # secret-marker-7f3a\n';
    await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('tools/call', { name: 'explain_config', arguments: { config: secret } }) });
    expect(JSON.stringify(server.logs)).not.toContain('secret-marker-7f3a');
    expect([...server.logs].reverse().find((entry) => entry.tool === 'explain_config')).toMatchObject({ status: 200 });
  });
});
