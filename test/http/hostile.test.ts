// Requests an attacker would send, against a real server on port 0: each is refused or bounded with the
// protocol's error, the server stays up, another client's search is still answered, and no answer shows a
// stack, a file path or SQLite's text. Longer runs with latency figures: scripts/hostile.ts (npm run hostile).
import { copyFileSync, mkdtempSync, renameSync, rmSync, truncateSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { readHttpConfig } from '../../src/config.js';
import { createIndexHolder } from '../../src/docs/index-holder.js';
import { createDocsServer } from '../../src/mcp/create-server.js';
import { createDocsServerDeps } from '../../src/mcp/server-deps.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { createDocsHttpServer } from '../../src/transports/http/create-http-server.js';
import { readFileSync } from 'node:fs';
import { openTestDeps } from '../mcp/connect-clients.js';
import { HTTP_CLIENT_KINDS, JSON_HEADERS, rawRequest, rpc, startTestHttpServer, type RawResponse, type TestHttpServer } from './start-http-server.js';

/** What must never reach a client: a stack frame, a path of this machine, SQLite's own words. */
function expectNoLeak(text: string): void {
  expect(text).not.toMatch(/\n\s+at |node_modules|\.[cm]?[jt]s:\d|SQLITE_|SqliteError|no such table|disk image is malformed/);
  expect(text).not.toContain(PACKAGE_ROOT);
  expect(text).not.toContain(tmpdir());
}

const callTool = (name: string, args: Record<string, unknown>, id: number | string = 1) => rpc('tools/call', { name, arguments: args }, id);
const SEARCH = callTool('search_docs', { query: 'mounts', limit: 1 });

/** While `hostile` is in flight, another client searches; both answers are returned. */
async function alongsideSearch(server: TestHttpServer, hostile: Promise<RawResponse>): Promise<RawResponse> {
  const [answer, search] = await Promise.all([hostile, rawRequest(server.port, { headers: { ...JSON_HEADERS, 'x-client-ip': '192.0.2.200' }, body: SEARCH })]);
  expect(search.status).toBe(200);
  expect((search.json() as { result: { isError?: boolean } }).result.isError).toBeFalsy();
  expectNoLeak(answer.text);
  return answer;
}

/** A mapping merged into the next level many times: 5 KB of text, billions of values once expanded. */
function mergeBomb(levels = 12, merges = 10): string {
  const lines = ['base: &l0', ...Array.from({ length: 50 }, (_, i) => `  k${i}: value${i}`)];
  for (let level = 1; level <= levels; level++) {
    lines.push(`l${level}: &l${level}`);
    for (let j = 0; j < merges; j++) lines.push(`  <<: *l${level - 1}`, `  x${j}:`, `    <<: *l${level - 1}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('heavy input to the config check and completion', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    // A deadline no loaded test machine reaches: what is tested here is the finding, not the deadline (below).
    server = await startTestHttpServer({ trustProxy: 'x-client-ip' }, { configCheck: { timeoutMs: 60_000 } });
  });
  afterAll(() => server.close());

  test('a config of nested << merges is refused with a finding that says why, by the tool and by the prompt', async () => {
    const config = mergeBomb();
    const tool = await alongsideSearch(server, rawRequest(server.port, { headers: JSON_HEADERS, body: callTool('explain_config', { config }) }));
    const result = (tool.json() as { result: { structuredContent: { valid: boolean; findings: Array<{ message: string }> } } }).result;
    expect(result.structuredContent.valid).toBe(false);
    expect(result.structuredContent.findings[0]!.message).toMatch(/copies more than [\d,]+ values through its anchors, aliases and `<<` merges/);

    const prompt = await alongsideSearch(server, rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('prompts/get', { name: 'explain-config', arguments: { config } }) }));
    expect(prompt.status).toBe(200);
    expect(prompt.text).toMatch(/copies more than [\d,]+ values/);
  });

  test('a completion value of 280 KB gets Invalid params (-32602) over HTTP, and from the server itself', async () => {
    const value = 'mount '.repeat(280_000 / 6);
    const complete = rpc('completion/complete', { ref: { type: 'ref/resource', uri: 'upsun-docs://{product}/{+path}' }, argument: { name: 'path', value } });
    const response = await alongsideSearch(server, rawRequest(server.port, { headers: JSON_HEADERS, body: complete }));
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: -32602, message: expect.stringContaining('at most 512') } });

    // The same bound holds where no HTTP layer checks first (stdio, in memory).
    const { deps, index } = openTestDeps();
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const served = serveStdio(() => createDocsServer(deps), { transport: serverSide });
    const client = new Client({ name: 'hostile-test', version: '1.0.0' });
    try {
      await client.connect(clientSide);
      const refused = await client.complete({ ref: { type: 'ref/resource', uri: 'upsun-docs://{product}/{+path}' }, argument: { name: 'path', value } }).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: -32602 });
      const normal = await client.complete({ ref: { type: 'ref/resource', uri: 'upsun-docs://{product}/{+path}' }, argument: { name: 'path', value: 'moutns' } });
      expect(normal.completion.values).toContain('create-apps/image-properties/mounts.md');
    } finally {
      await client.close();
      await served.close();
      index.close();
    }
  });

  test('JSON nested 80,000 levels deep gets 400 with -32600, not 500', async () => {
    const body = `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"x":${'['.repeat(80_000)}${']'.repeat(80_000)}}}`;
    const response = await alongsideSearch(server, rawRequest(server.port, { headers: JSON_HEADERS, body }));
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: -32600, message: expect.stringContaining('levels deep') } });
  });

  test('a resource URI of 100,000 characters gets -32602', async () => {
    const response = await alongsideSearch(server, rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('resources/read', { uri: `upsun-docs://upsun/${'a/'.repeat(50_000)}x.md` }) }));
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: -32602, message: expect.stringContaining('2048') } });
  });
});

describe('config checks past their budget', () => {
  test('a check over its deadline is stopped, and the answer says what to send instead', async () => {
    // A deadline of 1 ms and a config that takes far longer on any machine (a thousand apps, each with a
    // misspelt key the schema reports): the stop is what is tested. A three-line config can finish inside 1 ms
    // on a fast machine, so it cannot test this.
    const server = await startTestHttpServer({}, { configCheck: { timeoutMs: 1 } });
    const config = `applications:\n${Array.from({ length: 1_000 }, (_, i) => `  app${i}:\n    type: nodejs:24\n    hoks: {build: npm ci}\n`).join('')}`;
    try {
      const response = await alongsideSearch(server, rawRequest(server.port, { headers: JSON_HEADERS, body: callTool('explain_config', { config }) }));
      const result = (response.json() as { result: { isError: boolean; content: Array<{ text: string }> } }).result;
      expect(result.isError).toBe(true);
      expect(result.content[0]!.text).toMatch(/took longer than .* s.*was stopped\. Send .upsun\/config\.yaml alone/);
    } finally {
      await server.close();
    }
  });

  test('a check past its memory limit is stopped and answered, and the next check works', async () => {
    const server = await startTestHttpServer({}, { configCheck: { maxHeapMb: 24, threads: 1, timeoutMs: 120_000 } });
    try {
      // ~190 KB that parses into a YAML document of ~80 bytes per character: well past 24 MB.
      const config = `applications:\n  app:\n    type: nodejs:24\n    variables:\n      env:\n${Array.from({ length: 8_000 }, (_, i) => `        V${i}: [a, b, c]\n`).join('')}`;
      const response = await alongsideSearch(server, rawRequest(server.port, { headers: JSON_HEADERS, body: callTool('explain_config', { config }) }));
      const result = (response.json() as { result: { isError?: boolean; content: Array<{ text: string }> } }).result;
      expect(result.isError).toBe(true);
      expect(result.content[0]!.text).toMatch(/needed more than the 24 MB of memory one check may use/);
      const small = await rawRequest(server.port, { headers: JSON_HEADERS, body: callTool('explain_config', { config: 'applications:\n  app:\n    type: nodejs:24\n' }) });
      expect((small.json() as { result: { isError?: boolean } }).result.isError).toBeFalsy();
    } finally {
      await server.close();
    }
  });
});

describe('rate limits and batches', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startTestHttpServer({ rateLimitPerMinute: 60, rateLimitBurst: 30, trustProxy: 'x-client-ip' });
  });
  afterAll(() => server.close());
  const from = (client: string) => ({ ...JSON_HEADERS, 'x-client-ip': client });

  test('prompts/get, completion/complete and resources/read are charged one call each; lists and ping are free', async () => {
    const charged = [
      rpc('prompts/get', { name: 'troubleshoot-deploy', arguments: { symptom: 'build fails' } }),
      rpc('completion/complete', { ref: { type: 'ref/resource', uri: 'upsun-docs://{product}/{+path}' }, argument: { name: 'path', value: 'mou' } }),
      rpc('resources/read', { uri: 'upsun-docs://upsun/create-apps/image-properties/mounts.md' }),
    ];
    for (const [i, body] of charged.entries()) {
      const response = await rawRequest(server.port, { headers: from(`203.0.113.${i + 1}`), body });
      expect(response.status, body).toBe(200);
      expect(response.headers['ratelimit-remaining'], body).toBe('29');
    }
    for (const method of ['tools/list', 'prompts/list', 'resources/list', 'resources/templates/list', 'ping']) {
      const response = await rawRequest(server.port, { headers: from('203.0.113.9'), body: rpc(method) });
      expect(response.status, method).toBe(200);
      expect(response.headers['ratelimit-remaining'], method).toBeUndefined();
    }
  });

  test('every message of a batch is charged wherever it sits, explain_config by its size', async () => {
    const config = `applications:\n  app:\n    type: nodejs:24\n${'    # padding\n'.repeat(3000)}`;
    const batch = [
      JSON.parse(rpc('tools/list', undefined, 1)),
      JSON.parse(callTool('search_docs', { query: 'redis' }, 2)),
      JSON.parse(callTool('explain_config', { config }, 3)), // 45,000 characters: 1 + 2 calls
      JSON.parse(rpc('resources/read', { uri: 'upsun-docs://upsun/create-apps/image-properties/mounts.md' }, 4)),
      JSON.parse(rpc('prompts/get', { name: 'explain-config', arguments: { config } }, 5)), // 1 + 2 calls
    ];
    const response = await rawRequest(server.port, { headers: from('198.51.100.1'), body: JSON.stringify(batch) });
    expect(response.status).toBe(200);
    expect(response.json()).toHaveLength(5);
    expect(response.headers['ratelimit-remaining']).toBe(String(30 - (0 + 1 + 3 + 1 + 3)));
  });

  test('a batch that costs more than a bucket holds is refused whole, saying to split it', async () => {
    // 16 calls of 1 + 1 (25,000 characters each): 32 calls, more than the bucket's 30.
    const batch = Array.from({ length: 16 }, (_, i) => JSON.parse(callTool('explain_config', { config: `# ${'x'.repeat(25_000)}\napplications: {}\n` }, i)));
    const response = await rawRequest(server.port, { headers: from('198.51.100.2'), body: JSON.stringify(batch) });
    expect(response.status).toBe(429);
    expect(response.json()).toMatchObject({ error: { message: expect.stringMatching(/this batch costs 32 calls.*smaller batches/) } });
  });

  test('batches are refused on revisions without them and past 16 messages', async () => {
    const pings = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'ping' })));
    const modern = await rawRequest(server.port, { headers: { ...from('198.51.100.3'), 'mcp-protocol-version': '2025-06-18' }, body: pings(2) });
    expect(modern.status).toBe(400);
    expect(modern.json()).toMatchObject({ error: { code: -32600, message: expect.stringContaining('2025-03-26 only') } });
    const old = await rawRequest(server.port, { headers: { ...from('198.51.100.3'), 'mcp-protocol-version': '2025-03-26' }, body: pings(2) });
    expect(old.status).toBe(200);
    const long = await rawRequest(server.port, { headers: from('198.51.100.3'), body: pings(17) });
    expect(long.status).toBe(400);
    expect(long.json()).toMatchObject({ error: { code: -32600, message: expect.stringContaining('at most 16') } });
  });

  test('a batch whose answers pass 1 MiB is refused, and the next request is served', async () => {
    const largest = server.index.handle.db
      .prepare("SELECT path FROM pages WHERE product = 'upsun' ORDER BY tokens DESC LIMIT 16")
      .all() as Array<{ path: string }>;
    const batch = largest.map(({ path }, i) => JSON.parse(callTool('read_page', { path_or_url: path, max_tokens: 20_000 }, i)));
    const response = await rawRequest(server.port, { headers: from('198.51.100.4'), body: JSON.stringify(batch) });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/total [\d,]+ bytes; a batch may return at most 1,048,576/) } });
    const next = await rawRequest(server.port, { headers: from('198.51.100.4'), body: SEARCH });
    expect(next.status).toBe(200);
  });
});

describe('connections', () => {
  test('a connection that never sends a byte is closed, and the server still answers', async () => {
    const server = await startTestHttpServer({ requestTimeoutMs: 500 });
    try {
      const silent = connect(server.port, '127.0.0.1');
      // Read what arrives: Node's own header timeout may answer 408 before closing, and a socket whose
      // data is never read never emits 'end' or 'close' (this made the test flaky).
      silent.resume();
      const closed = await new Promise<boolean>((resolve) => {
        silent.once('close', () => resolve(true));
        // Far past the server's first-byte timeout (500 ms): without it the socket would stay open.
        setTimeout(() => resolve(false), 20_000).unref();
      });
      silent.destroy();
      expect(closed).toBe(true);
      expect((await rawRequest(server.port, { headers: JSON_HEADERS, body: SEARCH })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('subscriptions', () => {
  test('one client keeps at most 4 subscriptions/listen streams open; another client still opens one', async () => {
    const server = await startTestHttpServer({ trustProxy: 'x-client-ip' });
    const kind = HTTP_CLIENT_KINDS[0]!;
    const greedy = await kind.connect(server.mcpUrl, { 'x-client-ip': '203.0.113.50' });
    const other = await kind.connect(server.mcpUrl, { 'x-client-ip': '203.0.113.51' });
    type Listening = { listen(filter: object): Promise<{ close(): Promise<void> }> };
    const streams: Array<{ close(): Promise<void> }> = [];
    try {
      for (let i = 0; i < 4; i++) streams.push(await (greedy.client as unknown as Listening).listen({ resourcesListChanged: true }));
      const refused = await (greedy.client as unknown as Listening).listen({ resourcesListChanged: true }).catch((error: unknown) => error);
      expect(String(refused)).toMatch(/429|at most 4 subscriptions\/listen streams/);
      streams.push(await (other.client as unknown as Listening).listen({ resourcesListChanged: true }));
    } finally {
      for (const stream of streams) await stream.close();
      await greedy.close();
      await other.close();
      await server.close();
    }
  });
});

describe('a damaged index', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'upsun-docs-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('truncated in place: /healthz is 503 unhealthy and tools, resources and routes say the index is unavailable', async () => {
    const file = join(dir, 'truncated.sqlite');
    copyFileSync(inject('indexFile'), file);
    const server = await startTestHttpServer({}, { indexFile: file });
    try {
      truncateSync(file, 0);
      const health = await rawRequest(server.port, { method: 'GET', path: '/healthz' });
      expect(health.status).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unhealthy', index: { loaded: false, error: expect.stringContaining('index is unavailable') } });
      expectNoLeak(health.text);

      const read = await rawRequest(server.port, { headers: JSON_HEADERS, body: callTool('read_page', { path_or_url: 'create-apps/image-properties/mounts.md' }) });
      expect((read.json() as { result: { isError: boolean; content: Array<{ text: string }> } }).result).toMatchObject({ isError: true, content: [{ text: expect.stringMatching(/index is unavailable.*rebuild it/) }] });
      const answers = [
        read,
        await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('resources/read', { uri: 'upsun-docs://index' }) }),
        await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('resources/read', { uri: 'upsun-docs://upsun/create-apps/image-properties/mounts.md' }) }),
        await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('resources/list') }),
        await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('prompts/get', { name: 'migrate-from-platformsh', arguments: { app: 'type: php:8.3' } }) }),
        await rawRequest(server.port, { method: 'GET', path: '/llms.txt' }),
        await rawRequest(server.port, { method: 'GET', path: '/api/search?q=mounts' }),
      ];
      for (const answer of answers) {
        expect(answer.status === 503 || answer.status < 500, answer.text).toBe(true);
        expectNoLeak(answer.text);
      }
    } finally {
      await server.close();
    }
  });

  test('a damaged file renamed over the index is not switched to: the open index keeps serving', async () => {
    const file = join(dir, 'served.sqlite');
    copyFileSync(inject('indexFile'), file);
    const holder = createIndexHolder(file, { vocabulary: loadVocabulary(DATA_PATHS.searchData), log: () => undefined, checkIntervalMs: 0 });
    const deps = createDocsServerDeps({
      getIndex: () => holder.current(),
      registry: loadImageRegistry(DATA_PATHS.imageRegistry),
      configSchema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
      version: '0.0.0-test',
    });
    const http = createDocsHttpServer({ deps, config: { ...readHttpConfig({}), port: 0, rateLimitPerMinute: 0 }, log: () => undefined });
    const { port } = await http.listen();
    try {
      const damaged = join(dir, 'damaged.sqlite');
      copyFileSync(inject('indexFile'), damaged);
      truncateSync(damaged, 8192);
      renameSync(damaged, file);
      expect((await rawRequest(port, { method: 'GET', path: '/healthz' })).status).toBe(200);
      const read = await rawRequest(port, { headers: JSON_HEADERS, body: callTool('read_page', { path_or_url: 'create-apps/image-properties/mounts.md' }) });
      expect((read.json() as { result: { isError?: boolean } }).result.isError).toBeFalsy();
    } finally {
      await http.close(1_000);
      await deps.configChecker.close();
      holder.close();
    }
  });

  test('upsun-docs://index names where the docs came from without a path of the server', async () => {
    const server = await startTestHttpServer();
    try {
      const response = await rawRequest(server.port, { headers: JSON_HEADERS, body: rpc('resources/read', { uri: 'upsun-docs://index' }) });
      const freshness = JSON.parse((response.json() as { result: { contents: Array<{ text: string }> } }).result.contents[0]!.text) as { docs_source: string };
      expect(freshness.docs_source).toMatch(/^a local folder named platformsh-docs$|^https:\/\//);
      expectNoLeak(response.text);
    } finally {
      await server.close();
    }
  });
});
