// A real docs HTTP server on a loopback port 0 over the run's test index, and raw-request helpers.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyStreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { readHttpConfig, type HttpConfig } from '../../src/config.js';
import type { LoadedIndex } from '../../src/docs/loaded-index.js';
import type { DocsServerDeps } from '../../src/mcp/server-deps.js';
import { createDocsHttpServer, type DocsHttpServer } from '../../src/transports/http/create-http-server.js';
import { openTestDeps, type TestClient } from '../mcp/connect-clients.js';

export interface TestHttpServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  mcpUrl: URL;
  port: number;
  http: DocsHttpServer;
  /** What the server reads; a test may replace `getIndex` to simulate a refresh. */
  deps: DocsServerDeps;
  index: LoadedIndex;
  /** Request log lines, parsed. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Defaults for tests: no rate limit unless a test asks for one; loopback; everything else as shipped. */
export async function startTestHttpServer(overrides: Partial<HttpConfig> = {}, depsOptions: Parameters<typeof openTestDeps>[0] = {}): Promise<TestHttpServer> {
  const { deps, index } = openTestDeps(depsOptions);
  const logs: Array<Record<string, unknown>> = [];
  const config: HttpConfig = { ...readHttpConfig({}), port: 0, host: '127.0.0.1', rateLimitPerMinute: 0, ...overrides };
  const http = createDocsHttpServer({ deps, config, log: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  const { port } = await http.listen();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    mcpUrl: new URL(`${origin}/mcp`),
    port,
    http,
    deps,
    index,
    logs,
    close: async () => {
      await http.close(1_000);
      await deps.configChecker.close();
      index.close();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

/** One request with exactly the headers given (fetch would add or forbid some, such as Host and Origin). */
export function rawRequest(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: import('node:http').Agent }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/mcp', headers: options.headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** A 2025-era JSON-RPC POST body (no handshake needed: the endpoint is stateless). */
export function rpc(method: string, params?: Record<string, unknown>, id: number | string = 1): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method, ...(params && { params }) });
}

const clientInfo = { name: 'upsun-docs-mcp-http-tests', version: '1.0.0' };

export interface HttpClientKind {
  name: string;
  expectedVersion: string;
  connect(url: URL, headers?: Record<string, string>): Promise<{ client: TestClient; protocolVersion: string | undefined; close(): Promise<void> }>;
}

export const HTTP_CLIENT_KINDS: readonly HttpClientKind[] = [
  {
    name: '2.x client, 2026-07-28',
    expectedVersion: '2026-07-28',
    async connect(url, headers) {
      const client = new Client(clientInfo, { versionNegotiation: { mode: 'auto' } });
      await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: headers ?? {} } }));
      return { client, protocolVersion: client.getNegotiatedProtocolVersion(), close: () => client.close() };
    },
  },
  {
    name: '1.x client, 2025-11-25',
    expectedVersion: '2025-11-25',
    async connect(url, headers) {
      const transport = new LegacyStreamableHTTPClientTransport(url, { requestInit: { headers: headers ?? {} } });
      const client = new LegacyClient(clientInfo);
      await client.connect(transport);
      // The cast: the 1.x Client has the same methods, typed by the 1.x package.
      return { client: client as unknown as TestClient, protocolVersion: transport.protocolVersion, close: () => client.close() };
    },
  },
];
