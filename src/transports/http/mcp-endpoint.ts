import {
  createMcpHandler,
  isLegacyRequest,
  PROTOCOL_VERSION_META_KEY,
  WebStandardStreamableHTTPServerTransport,
  type McpServer,
  type ProtocolEra,
} from '@modelcontextprotocol/server';
import { jsonRpcErrorBody } from './http-error.js';

export interface McpEndpointOptions {
  /**
   * A server for one request; called once per request, for either era. `keepsState` says the request may
   * leave state in the instance for later requests (a 2025 `initialize`: see legacyKeepsState), so it must
   * not be one that serves again.
   */
  createServer(era: ProtocolEra, options: { keepsState: boolean }): McpServer;
  /** The body bound the SDK applies to bodies it reads itself (ours are read and bounded before). */
  maxBodyBytes: number;
  /** Errors the SDK reports (rejected requests, handler failures): for the log, never for the client. */
  onerror(error: Error): void;
}

export interface McpEndpoint {
  /**
   * Answer one MCP request. `parsedBody` is the body already parsed (we read it to rate-limit tool calls);
   * when the body was not valid JSON, pass the request with its text body and no `parsedBody`, and the SDK
   * answers with the protocol's parse error.
   */
  handle(request: Request, parsedBody: unknown): Promise<Response>;
  /** Tear down in-flight modern exchanges and open subscription streams. */
  close(): Promise<void>;
}

/**
 * Both protocol eras on one path, stateless, with JSON responses. `createMcpHandler` serves 2026-07-28 in
 * its default `responseMode: 'auto'`: a single JSON body unless a handler sends a message before its result
 * (then an SSE stream). Our tools send none, so every answer is JSON; `'json'` would answer the same but
 * drop such messages, which is why the SDK warns on the console when it is set. Its own 2025 fallback
 * always answers with an SSE stream, so 2025-era requests
 * (`isLegacyRequest`: no `_meta` envelope claim) go instead to a per-request stateless transport with
 * `enableJsonResponse` — a JSON body is cheaper to produce and to proxy than a one-event stream.
 */
export function createMcpEndpoint({ createServer, maxBodyBytes, onerror }: McpEndpointOptions): McpEndpoint {
  const modern = createMcpHandler((context) => createServer(context.era, { keepsState: false }), {
    legacy: 'reject',
    maxRequestBodySize: maxBodyBytes,
    onerror,
  });

  const serveLegacy = async (request: Request, parsedBody: unknown): Promise<Response> => {
    // Stateless: no standalone SSE stream to GET and no session to DELETE (what createMcpHandler answers too).
    if (request.method !== 'POST') {
      return new Response(jsonRpcErrorBody(-32000, 'Method not allowed: send JSON-RPC requests with POST.'), {
        status: 405,
        headers: { allow: 'POST, OPTIONS', 'content-type': 'application/json' },
      });
    }
    const server = createServer('legacy', { keepsState: legacyKeepsState(parsedBody) });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: maxBodyBytes });
    transport.onerror = onerror;
    await server.connect(transport);
    try {
      return await transport.handleRequest(request, parsedBody === undefined ? undefined : { parsedBody });
    } finally {
      // The JSON body is complete once handleRequest returns: the request's instance has nothing left to do, and
      // closing it hands a pooled one back (server-pool.ts).
      void server.close().catch(onerror);
    }
  };

  return {
    async handle(request, parsedBody) {
      if (!claimsModernEnvelope(parsedBody) && (await isLegacyRequest(request, parsedBody, { maxRequestBodySize: maxBodyBytes }))) return serveLegacy(request, parsedBody);
      return modern.fetch(request, parsedBody === undefined ? undefined : { parsedBody });
    },
    close: () => modern.close(),
  };
}

/**
 * Whether a 2025-era body may leave state in the server instance that serves it. Stateless, the legacy
 * transport resets every per-exchange table when the request ends (as for 2026-07-28), but `initialize`
 * records the client's capabilities, identity and negotiated revision in the instance (Server._oninitialize),
 * where a later request on the same instance would read them. Batches are rare on these revisions and
 * are not looked into: they count as keeping state. A body that did not parse never reaches a handler.
 * (`logging/setLevel` would keep a level too, but the server does not declare the logging capability.)
 */
function legacyKeepsState(body: unknown): boolean {
  return !isPlainObject(body) || body.method === 'initialize';
}

/**
 * A single request or notification whose `_meta` carries the 2026-07-28 protocol-version claim: the SDK
 * classifies such a message as modern or rejects it, never as legacy (classifyRequestBody and
 * classifyNotificationBody: a claim is checked before anything else but an `initialize` without one and a
 * posted response). The modern handler classifies every message again itself, so asking isLegacyRequest
 * first would classify the common request twice (about 4% of a search's CPU in a profile).
 */
function claimsModernEnvelope(body: unknown): boolean {
  if (!isPlainObject(body) || typeof body.method !== 'string' || body.method === 'initialize' || 'result' in body || 'error' in body) return false;
  const params = body.params;
  return isPlainObject(params) && isPlainObject(params._meta) && PROTOCOL_VERSION_META_KEY in params._meta;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
