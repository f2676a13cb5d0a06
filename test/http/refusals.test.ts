// What the endpoint refuses, and that it keeps serving after refusing: Origin/Host, sizes, media types,
// methods, rate limits and overload, each with the protocol's status and a JSON-RPC error body.
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HTTP_CLIENT_KINDS, JSON_HEADERS, rawRequest, rpc, startTestHttpServer, type TestHttpServer } from './start-http-server.js';

describe('Host and Origin', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startTestHttpServer({ allowedOrigins: ['https://inspector.example.com'] });
  });
  afterAll(() => server.close());

  test('a foreign Origin gets 403 with a JSON-RPC error', async () => {
    const response = await rawRequest(server.port, { headers: { ...JSON_HEADERS, origin: 'https://evil.example' }, body: rpc('tools/list') });
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000, message: expect.stringContaining('Origin') }, id: null });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('a rebinding Host on a loopback-bound server gets 403', async () => {
    const response = await rawRequest(server.port, { headers: { ...JSON_HEADERS, host: 'evil.example:1234' }, body: rpc('tools/list') });
    expect(response.status).toBe(403);
  });

  test('an allowlisted Origin is served with CORS headers that expose the MCP and rate-limit headers', async () => {
    const response = await rawRequest(server.port, { headers: { ...JSON_HEADERS, origin: 'https://inspector.example.com' }, body: rpc('tools/list') });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('https://inspector.example.com');
    expect(response.headers['access-control-expose-headers']).toMatch(/Mcp-Session-Id.*MCP-Protocol-Version/);
    expect(response.headers['access-control-expose-headers']).toMatch(/Retry-After/);
  });

  test('a preflight from an allowed origin lists the MCP request headers; from a foreign one it is refused', async () => {
    const allowed = await rawRequest(server.port, {
      method: 'OPTIONS',
      headers: { origin: 'https://inspector.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, mcp-protocol-version, mcp-method, mcp-param-region' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-methods']).toContain('POST');
    expect(allowed.headers['access-control-allow-headers']).toContain('mcp-protocol-version');
    expect(allowed.headers['access-control-allow-headers']).toContain('mcp-param-region');
    const foreign = await rawRequest(server.port, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(foreign.status).toBe(403);
  });

  test('a localhost page (such as the MCP Inspector) may call a loopback server', async () => {
    const response = await rawRequest(server.port, { headers: { ...JSON_HEADERS, origin: 'http://localhost:6274' }, body: rpc('tools/list') });
    expect(response.status).toBe(200);
  });
});

describe('malformed and unwelcome requests', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startTestHttpServer({ maxBodyBytes: 16 * 1024 });
  });
  afterAll(() => server.close());

  test('malformed JSON gets 400 with the JSON-RPC parse error', async () => {
    const response = await rawRequest(server.port, { headers: JSON_HEADERS, body: '{"jsonrpc": "2.0", "id": 1, "method": ' });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: -32700 }, id: null });
  });

  test('a body over the limit gets 413, by Content-Length or as it streams', async () => {
    const big = rpc('tools/call', { name: 'search_docs', arguments: { query: 'x'.repeat(20 * 1024) } });
    const declared = await rawRequest(server.port, { headers: JSON_HEADERS, body: big });
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ error: { code: -32000, message: expect.stringContaining('16384 bytes') } });
    const chunked = await rawRequest(server.port, { headers: { ...JSON_HEADERS, 'transfer-encoding': 'chunked' }, body: big });
    expect(chunked.status).toBe(413);
  });

  test('a body that is not JSON by its media type gets 415', async () => {
    const response = await rawRequest(server.port, { headers: { ...JSON_HEADERS, 'content-type': 'text/plain' }, body: rpc('tools/list') });
    expect(response.status).toBe(415);
  });

  test('GET and DELETE on the stateless endpoint get 405 with Allow', async () => {
    for (const method of ['GET', 'DELETE', 'PUT']) {
      const response = await rawRequest(server.port, { method, headers: { accept: 'text/event-stream' } });
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toContain('POST');
    }
  });

  test('a JSON-RPC request that is not one gets -32600 or a parse error, not a crash', async () => {
    for (const body of ['[]', '42', '{"jsonrpc":"1.0","method":7}', 'null', '{"jsonrpc":"2.0","id":{},"method":"tools/list"}']) {
      const response = await rawRequest(server.port, { headers: JSON_HEADERS, body });
      expect(response.status, body).toBeGreaterThanOrEqual(400);
      expect(response.status, body).toBeLessThan(500);
      expect((response.json() as { error: { code: number } }).error.code, body).toBeLessThan(-32000);
    }
  });

  test('errors carry no stack traces or file paths', async () => {
    const responses = await Promise.all([
      rawRequest(server.port, { headers: JSON_HEADERS, body: '{' }),
      rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('resources/read', { uri: 'upsun-docs://upsun/../../etc/passwd' }) }),
      rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('tools/call', { name: 'read_page', arguments: { path_or_url: '/etc/passwd' } }) }),
      rawRequest(server.port, { method: 'GET', path: '/no/such/page' }),
    ]);
    for (const response of responses) {
      expect(response.text).not.toMatch(/\n\s+at |\/work\/|node_modules|\.ts:\d/);
    }
  });

  test('a few thousand bad requests later, a good one is still answered', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const bad = [
      { headers: JSON_HEADERS, body: '{"jsonrpc":' },
      { headers: JSON_HEADERS, body: rpc('no/such/method') },
      { headers: JSON_HEADERS, body: rpc('tools/call', { name: 'search_docs', arguments: { limit: -1 } }) },
      { headers: { ...JSON_HEADERS, 'content-type': 'text/plain' }, body: 'hello' },
      { headers: { ...JSON_HEADERS, origin: 'https://evil.example' }, body: rpc('tools/list') },
      { headers: JSON_HEADERS, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x'.repeat(10_000) } }) },
      { method: 'GET', headers: {} },
      { headers: JSON_HEADERS, body: 'x'.repeat(20_000) },
    ];
    const total = 3_000;
    const statuses = new Map<number, number>();
    try {
      // 16 at a time, a fixed count: bounded in load and in time.
      for (let sent = 0; sent < total; sent += 16) {
        const batch = Array.from({ length: Math.min(16, total - sent) }, (_, i) => bad[(sent + i) % bad.length]!);
        const responses = await Promise.all(batch.map((options) => rawRequest(server.port, { ...options, agent })));
        for (const { status } of responses) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    } finally {
      agent.destroy();
    }
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    const good = await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('tools/call', { name: 'search_docs', arguments: { query: 'redis', limit: 1 } }) });
    expect(good.status).toBe(200);
    expect((good.json() as { result: { isError?: boolean } }).result.isError).toBeFalsy();
  });
});

describe('rate limiting per client', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    // Behind a proxy we trust, the client is the X-Client-IP it sets (Upsun's router does).
    server = await startTestHttpServer({ rateLimitPerMinute: 60, rateLimitBurst: 5, trustProxy: 'x-client-ip' });
  });
  afterAll(() => server.close());

  const search = (clientIp: string, id: number) =>
    rawRequest(server.port, { headers: { ...JSON_HEADERS, 'x-client-ip': clientIp }, body: rpc('tools/call', { name: 'search_docs', arguments: { query: 'cron', limit: 1 } }, id) });

  test('a burst from one client gets 429 with Retry-After while another client is still served', async () => {
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => search('203.0.113.7', i)));
    const served = burst.filter((response) => response.status === 200);
    const limited = burst.filter((response) => response.status === 429);
    expect(served).toHaveLength(5);
    expect(limited).toHaveLength(7);
    const refusal = limited[0]!;
    expect(Number(refusal.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refusal.headers['ratelimit-limit']).toBe('5');
    expect(refusal.headers['ratelimit-remaining']).toBe('0');
    expect(refusal.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000, message: expect.stringContaining('Retry after') } });
    expect(served[0]!.headers['ratelimit-remaining']).toBeDefined();

    const other = await search('198.51.100.20', 99);
    expect(other.status).toBe(200);
  });

  test('a large config check costs more calls than a search: one per 20,000 characters', async () => {
    const client = { ...JSON_HEADERS, 'x-client-ip': '203.0.113.99' };
    const config = `applications:\n  app:\n    type: nodejs:24\n${'    # padding\n'.repeat(3000)}`;
    const check = await rawRequest(server.port, { headers: client, body: rpc('tools/call', { name: 'explain_config', arguments: { config } }) });
    expect(check.status).toBe(200);
    // About 45,000 characters of request (each line is 15 once JSON-escaped): 1 + 2 calls of a bucket of 5.
    expect(check.headers['ratelimit-remaining']).toBe('2');
    const small = await rawRequest(server.port, { headers: { ...client, 'x-client-ip': '203.0.113.98' }, body: rpc('tools/call', { name: 'explain_config', arguments: { config: 'applications:\n  app:\n    type: nodejs:24\n' } }) });
    expect(small.headers['ratelimit-remaining']).toBe('4');
  });

  test('listing tools is not charged; only tool calls are', async () => {
    for (let i = 0; i < 10; i++) {
      const response = await rawRequest(server.port, { headers: { ...JSON_HEADERS, 'x-client-ip': '203.0.113.7' }, body: rpc('tools/list') });
      expect(response.status).toBe(200);
    }
  });

  test('a real client sees the 429 as an error it can report', async () => {
    const kind = HTTP_CLIENT_KINDS[0]!;
    const connected = await kind.connect(server.mcpUrl, { 'x-client-ip': '192.0.2.55' });
    try {
      const calls = await Promise.allSettled(Array.from({ length: 7 }, () => connected.client.callTool({ name: 'search_docs', arguments: { query: 'mounts', limit: 1 } })));
      expect(calls.filter((call) => call.status === 'fulfilled')).toHaveLength(5);
      const rejected = calls.find((call) => call.status === 'rejected') as PromiseRejectedResult;
      expect(String(rejected.reason)).toMatch(/429|Too Many Requests/);
    } finally {
      await connected.close();
    }
  });
});

describe('bounded concurrency', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startTestHttpServer({ maxConcurrency: 1, maxQueue: 1 });
  });
  afterAll(() => server.close());

  test('past the slots and the queue, requests are shed with 503 and Retry-After, then served again', async () => {
    // A request whose body never finishes holds the only slot; a second one queues; the third is shed.
    const holder = httpRequest({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/mcp', headers: { ...JSON_HEADERS, 'content-length': '1000' } });
    // Destroyed by the test below; the reset it causes is expected.
    holder.on('error', () => undefined);
    holder.write('{"jsonrpc":"2.0",');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const queued = rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('tools/list') });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const shed = await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('tools/list') });
    expect(shed.status).toBe(503);
    expect(shed.headers['retry-after']).toBe('1');
    holder.destroy();
    expect((await queued).status).toBe(200);
    const after = await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('tools/list') });
    expect(after.status).toBe(200);
  });
});
