import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HttpConfig } from '../../config.js';
import { createDocsServer } from '../../mcp/create-server.js';
import type { DocsServerDeps } from '../../mcp/server-deps.js';
import { groupThousands } from '../../mcp/tools/group-thousands.js';
import { createAnswerCache } from './answer-cache.js';
import { readClientAddress } from './client-address.js';
import { createLocalRateLimiter, type ClientRateLimiter } from './client-rate-limiter.js';
import type { ClusterStatus } from './cluster/cluster-messages.js';
import { createConcurrencyLimiter } from './concurrency-limiter.js';
import { corsHeaders, preflightHeaders } from './cors-headers.js';
import { capText, describeRpcBody, LOGGED_QUERY_LENGTH } from './describe-rpc-body.js';
import { INDEX_UNREADABLE_MESSAGE, isIndexReadFailure } from '../../db/index-read-failure.js';
import { createHealthReporter } from './health-route.js';
import { HttpError, jsonRpcErrorBody } from './http-error.js';
import { renderLandingPage } from './landing-page.js';
import { createLlmsTxtRenderer } from './llms-txt.js';
import { createMcpEndpoint } from './mcp-endpoint.js';
import { createListenSlots } from './listen-slots.js';
import { createOriginPolicy } from './origin-policy.js';
import { createRateLimiter, rateLimitHeaders } from './rate-limiter.js';
import { formatRequestLog, type RequestLogEntry } from './request-log.js';
import { readRequestBody } from './read-request-body.js';
import { ARGUMENT_CHARS_PER_CALL, costOfBody } from './rpc-cost.js';
import { assertJsonDepth, assertRpcLimits, RPC_LIMITS } from './rpc-limits.js';
import { searchFromQueryString } from './search-route.js';
import { createServerPool } from './server-pool.js';
import { writeWebResponse } from './write-web-response.js';

export interface DocsHttpServerOptions {
  /** What the MCP server reads; `deps.getIndex()` is called once per request (the index may be swapped between requests). */
  deps: DocsServerDeps;
  config: HttpConfig;
  /** One JSON line per request, and server errors; the entry point sends them to stderr. */
  log(line: string): void;
  /**
   * Where clients' calls are charged when rate limiting is on (`config.rateLimitPerMinute` > 0). Default: a
   * table in this process. Worker processes pass the primary's table, shared by all of them.
   */
  rateLimiter?: ClientRateLimiter;
  /** Set in a worker process: its id goes into each request log line, and /healthz reports the workers. */
  worker?: { id: number; readStatus(): Promise<ClusterStatus> };
}

export interface DocsHttpServer {
  /** The underlying Node server (tests read its address). */
  server: Server;
  /** Listen on `config.port` and `config.host`; resolves with the bound address (port 0 picks one). */
  listen(): Promise<AddressInfo>;
  /**
   * Stop accepting connections, let requests in flight finish (at most `graceMs`, default 10 s), then
   * close what is left. Requests arriving on kept-alive connections meanwhile get 503 and `Connection: close`.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * The hosted endpoint: `/mcp` (both protocol eras, JSON responses) behind Host/Origin checks, a body limit,
 * per-client rate limiting of tool calls and bounded concurrency; `/`, `/api/search`, `/llms.txt` and
 * `/healthz` beside it. Plain node:http: five routes do not need a framework, and the SDK's handlers speak
 * fetch `Request`/`Response`, which no Node framework would save us converting.
 */
export function createDocsHttpServer({ deps, config, log, rateLimiter: sharedRateLimiter, worker }: DocsHttpServerOptions): DocsHttpServer {
  const originPolicy = createOriginPolicy({ bindHost: config.host, allowedOrigins: config.allowedOrigins, allowedHosts: config.allowedHosts, behindProxy: config.trustProxy !== 'off' });
  const rateLimiter: ClientRateLimiter | undefined =
    config.rateLimitPerMinute > 0 ? (sharedRateLimiter ?? createLocalRateLimiter(createRateLimiter({ burst: config.rateLimitBurst, perMinute: config.rateLimitPerMinute }))) : undefined;
  const concurrency = createConcurrencyLimiter({ maxConcurrent: config.maxConcurrency, maxQueue: config.maxQueue, maxWaitMs: config.requestTimeoutMs });
  const listenSlots = createListenSlots({ maxPerClient: MAX_LISTENS_PER_CLIENT });
  const reportHealth = createHealthReporter(deps.version);
  const answers = createAnswerCache({ maxBytes: config.answerCacheBytes });
  const renderLlmsTxt = createLlmsTxtRenderer('/mcp');
  const logError = (error: Error) => log(formatRequestLog({ http: '-', path: '/mcp', status: 0, ms: 0, error: `${error.name}: ${capText(error.message, 200)}` }));

  // One pool per era: an instance keeps era-specific state (the revision bound from the transport) between requests.
  const servers = { modern: createServerPool(deps, { maxIdle: config.maxConcurrency }), legacy: createServerPool(deps, { maxIdle: config.maxConcurrency }) };
  const endpoint = createMcpEndpoint({
    createServer: (era, { keepsState }) => {
      if (!keepsState) return servers[era].take();
      // Each request pins one index for all its reads, so a swap mid-request cannot mix two indexes.
      const index = deps.getIndex();
      return createDocsServer({ ...deps, getIndex: () => index });
    },
    maxBodyBytes: config.maxBodyBytes,
    onerror: (error) => {
      // The SDK reports every refused request here too (bad JSON, wrong headers); the request line already says so.
      if (error.name !== 'SyntaxError' && error.name !== 'ZodError' && !/^(Rejected inbound request|Parse error|Unsupported Media Type|Not Acceptable|Invalid Request|Payload Too Large)/.test(error.message)) {
        logError(error);
      }
    },
  });

  let closing = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;

  const server = createServer(
    {
      // Slow clients (slowloris) cannot hold a connection open: headers and body must arrive in time.
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: Math.min(config.requestTimeoutMs, 10_000),
      connectionsCheckingInterval: Math.min(1_000, config.requestTimeoutMs),
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      inFlight += 1;
      const started = performance.now();
      const entry: RequestLogEntry = { http: req.method ?? '-', path: '-', status: 0, ms: 0, ...(worker && { worker: worker.id }) };
      const state: RequestState = {};
      res.once('close', () => {
        entry.status = res.statusCode;
        entry.ms = Math.round((performance.now() - started) * 10) / 10;
        log(formatRequestLog(entry));
        inFlight -= 1;
        if (inFlight === 0) idle?.();
      });
      handle(req, res, entry, state).catch((thrown: unknown) => {
        // An index damaged under the server (read by /api/search, /llms.txt): unavailable, not a server bug.
        const error = isIndexReadFailure(thrown) ? new HttpError(503, INDEX_UNREADABLE_MESSAGE, { headers: { 'retry-after': '60' }, cause: thrown }) : thrown;
        if (error !== thrown) entry.error = `${(thrown as Error).name}: ${capText((thrown as Error).message, 200)}`;
        const known = error instanceof HttpError;
        entry.error ??= known ? error.message : `${(error as Error).name ?? 'Error'}: ${capText(String((error as Error).message ?? error), 200)}`;
        if (res.headersSent) {
          res.destroy();
          return;
        }
        // Unknown failures get a fixed message: no stack, no path, nothing from inside reaches the client.
        const status = known ? error.status : 500;
        const message = known ? error.message : 'Internal server error.';
        const code = known ? error.code : -32603;
        const jsonRpc = entry.path === '/mcp';
        res.writeHead(status, {
          'content-type': 'application/json',
          'x-content-type-options': 'nosniff',
          ...(known && error.headers),
          ...state.responseHeaders,
        });
        res.end(jsonRpc ? jsonRpcErrorBody(code, message, state.rpcId ?? null) : JSON.stringify({ error: message }));
      });
    },
  );

  // Idle sockets are closed: the request timeouts above start only once a request begins, so a connection that
  // never sends a byte (or sits between requests past keep-alive) would otherwise be held for ever. A connection
  // whose first request has not arrived within firstByteMs is closed.
  const idleSocketMs = config.requestTimeoutMs + 5_000;
  const firstByteMs = Math.min(config.requestTimeoutMs, 10_000);
  server.setTimeout(idleSocketMs);
  // Our own timer for the first request, not the socket's idle timeout: the HTTP parser reads the socket
  // directly, so the socket's own activity tracking is not a reliable witness of what arrived.
  const firstRequestTimers = new WeakMap<Socket, NodeJS.Timeout>();
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => socket.destroy(), firstByteMs).unref();
    firstRequestTimers.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('request', (req: IncomingMessage) => clearTimeout(firstRequestTimers.get(req.socket)));

  async function handle(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, state: RequestState): Promise<void> {
    const path = pathOf(req.url);
    entry.path = path.length > 100 ? `${path.slice(0, 100)}…` : path;
    entry.client = readClientAddress(req, config.trustProxy);
    if (closing) {
      res.setHeader('connection', 'close');
      throw new HttpError(503, 'Service Unavailable: the server is shutting down. Retry shortly.', { headers: { 'retry-after': '1' } });
    }
    // Every route: a page on a foreign site must not read our answers, and a rebinding name must not reach us.
    const origin = originPolicy.check(req);
    state.responseHeaders = corsHeaders(origin);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, preflightHeaders(origin, req.headers['access-control-request-headers'] as string | undefined)).end();
      return;
    }
    if (path === '/mcp') return handleMcp(req, res, entry, state);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `Method ${capText(req.method ?? '', 10)} not allowed on ${entry.path}: use GET.`, { headers: { allow: 'GET, HEAD, OPTIONS' } });
    switch (path) {
      case '/':
        return sendLandingPage(req, res, state);
      case '/healthz': {
        const health = reportHealth(deps.getIndex());
        return sendJson(res, health.status === 'ok' ? 200 : 503, { ...health, answerCache: answers.stats(), ...(worker && { worker: worker.id, cluster: await worker.readStatus() }) }, { ...state.responseHeaders, 'cache-control': 'no-store' });
      }
      case '/llms.txt':
        return send(res, 200, renderLlmsTxt(deps.getIndex()), { ...state.responseHeaders, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=300' });
      case '/api/search':
        return handleSearch(req, res, entry, state);
      case '/favicon.ico':
        // Browsers ask for it on every visit; an empty answer keeps 404s out of their consoles and our logs.
        res.writeHead(204, { 'cache-control': 'public, max-age=86400' }).end();
        return;
      default:
        throw new HttpError(404, `Not found: ${entry.path}. The MCP endpoint is /mcp; see / for how to connect.`);
    }
  }

  async function handleMcp(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, state: RequestState): Promise<void> {
    if (req.method !== 'POST') {
      // Stateless endpoint: no standalone SSE stream (GET) and no session to end (DELETE). Streamable HTTP lets a server answer 405.
      throw new HttpError(405, 'Method not allowed: this endpoint is stateless; send JSON-RPC messages with POST.', { headers: { allow: 'POST, OPTIONS' } });
    }
    const release = await concurrency.acquire();
    let released = false;
    const releaseOnce = () => {
      if (!released) (released = true), release();
    };
    try {
      const text = await readRequestBody(req, config.maxBodyBytes);
      assertJsonDepth(text);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON: the SDK answers with the JSON-RPC parse error (-32700) from the raw text below.
        parsed = undefined;
      }
      const summary = describeRpcBody(parsed);
      state.rpcId = summary.id;
      if (summary.method) entry.rpc = summary.method;
      if (summary.tool) entry.tool = summary.tool;
      if (summary.query) entry.query = summary.query;
      const protocolVersion = req.headers['mcp-protocol-version'];
      assertRpcLimits(parsed, typeof protocolVersion === 'string' ? protocolVersion : undefined);
      if (rateLimiter) {
        // Every charged message of a batch counts, wherever it sits (rpc-cost.ts).
        const cost = costOfBody(parsed, config.rateLimitBurst);
        if (cost > 0) await chargeRateLimit(rateLimiter, entry, state, cost);
      }
      if (summary.listens > 0) listenSlots.hold(entry.client ?? 'unknown', summary.listens, res);

      // One index for the lookup and the store: an answer from before a refresh must not be kept for the new index.
      const index = deps.getIndex();
      const cacheKey = summary.id === null ? undefined : answers.keyOf(parsed, req.headers);
      if (cacheKey !== undefined) {
        const cached = answers.lookup(index, cacheKey, summary.id!);
        entry.cache = cached ? 'hit' : 'miss';
        if (cached) {
          res.writeHead(200, { ...cached.headers, 'x-content-type-options': 'nosniff', ...state.responseHeaders });
          // Corked, the pieces leave in one write.
          res.cork();
          for (const chunk of cached.chunks) res.write(chunk);
          res.end();
          return;
        }
      }

      const request = new Request('http://localhost/mcp', {
        method: 'POST',
        headers: toHeaders(req),
        ...(parsed === undefined && { body: text }),
      });
      let response = await endpoint.handle(request, parsed);
      if (Array.isArray(parsed)) response = await capBatchAnswer(response);
      await writeWebResponse(res, response, { 'x-content-type-options': 'nosniff', ...state.responseHeaders }, {
        // A subscription stream stays open; only the work before its first byte used a slot.
        onHeaders: () => {
          if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
            releaseOnce();
            // A subscription stream may stay quiet for long: the idle-socket timeout is for requests.
            res.socket?.setTimeout(0);
          }
        },
        onBody: (answer) => {
          if (cacheKey !== undefined && deps.getIndex() === index) answers.store(index, cacheKey, answer);
        },
      });
    } finally {
      releaseOnce();
    }
  }

  async function handleSearch(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, state: RequestState): Promise<void> {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    entry.query = capText(params.get('q') ?? '', LOGGED_QUERY_LENGTH);
    if (rateLimiter) await chargeRateLimit(rateLimiter, entry, state, 1);
    const release = await concurrency.acquire();
    try {
      sendJson(res, 200, searchFromQueryString(deps.getIndex(), params), { ...state.responseHeaders, 'cache-control': 'no-store' });
    } finally {
      release();
    }
  }

  async function chargeRateLimit(limiter: ClientRateLimiter, entry: RequestLogEntry, state: RequestState, cost: number): Promise<void> {
    const policy =
      `at most ${config.rateLimitBurst} calls at once and ${config.rateLimitPerMinute} a minute per client; tools/call, prompts/get, resources/read, ` +
      `completion/complete and subscriptions/listen count one call each, plus one per ${groupThousands(ARGUMENT_CHARS_PER_CALL)} characters of arguments`;
    if (cost > config.rateLimitBurst) {
      // Waiting would never help: the bucket never holds this much.
      throw new HttpError(429, `Too Many Requests: this batch costs ${cost} calls (${policy}). Send its messages in smaller batches or one per POST.`);
    }
    const decision = await limiter.take(entry.client ?? 'unknown', cost);
    state.responseHeaders = { ...state.responseHeaders, ...rateLimitHeaders(decision) };
    if (!decision.allowed) {
      throw new HttpError(429, `Too Many Requests: ${policy}. This request costs ${cost}. Retry after ${decision.retryAfterSeconds} s.`);
    }
  }

  /** A batch's answer, or a 400 when it is larger than a batch may return (its work is done, but it is not sent). */
  async function capBatchAnswer(response: Response): Promise<Response> {
    if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream') || response.body === null) return response;
    const body = await response.arrayBuffer();
    if (body.byteLength > RPC_LIMITS.maxBatchAnswerBytes) {
      throw new HttpError(
        400,
        `The answers to this batch total ${groupThousands(body.byteLength)} bytes; a batch may return at most ${groupThousands(RPC_LIMITS.maxBatchAnswerBytes)}. Send its requests one per POST, or ask for fewer tokens.`,
        { code: -32600 },
      );
    }
    return new Response(body, { status: response.status, headers: response.headers });
  }

  function sendLandingPage(req: IncomingMessage, res: ServerResponse, state: RequestState): void {
    const { meta } = deps.getIndex().handle;
    const nonce = randomBytes(16).toString('base64');
    const html = renderLandingPage({ mcpUrl: `${schemeOf(req)}://${capText(req.headers.host ?? 'localhost', 255)}/mcp`, docsCommit: meta.docsCommit, builtAt: meta.builtAt, version: deps.version, nonce });
    send(res, 200, html, {
      ...state.responseHeaders,
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
      'referrer-policy': 'no-referrer',
    });
  }

  /** Links on the landing page use the scheme the visitor used: behind a trusted proxy, its X-Forwarded-Proto. */
  function schemeOf(req: IncomingMessage): string {
    const forwarded = config.trustProxy === 'off' ? undefined : req.headers['x-forwarded-proto'];
    return forwarded === 'https' || forwarded === 'http' ? forwarded : 'http';
  }

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    async close(graceMs = 10_000) {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        const drained = new Promise<void>((resolve) => (idle = resolve));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([drained, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
        clearTimeout(timer);
      }
      // Whatever is still open after the grace period (a subscription stream, a stuck client) is cut.
      server.closeAllConnections();
      await endpoint.close();
      await stopped;
    },
  };
}

/** Open subscriptions/listen streams one client may hold. */
const MAX_LISTENS_PER_CLIENT = 4;

/** Per-request facts the error path needs besides the log fields. */
interface RequestState {
  rpcId?: string | number | null;
  responseHeaders?: Record<string, string>;
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    // Hop-by-hop and length headers describe the body we already read, not the Request we build.
    const name = raw[i]!.toLowerCase();
    if (name === 'content-length' || name === 'transfer-encoding' || name === 'connection') continue;
    headers.append(name, raw[i + 1]!);
  }
  return headers;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, { 'x-content-type-options': 'nosniff', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string>): void {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
}
