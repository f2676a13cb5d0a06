import { MAX_COMPLETION_VALUE_CHARS } from '../../mcp/completion-value.js';
import { HttpError } from './http-error.js';

/** Bounds on what a client controls in a JSON-RPC body, checked before the SDK sees it. */
export const RPC_LIMITS = {
  /** Deepest nesting of arrays and objects in a body (MCP messages nest a handful of levels). */
  maxDepth: 32,
  /** Messages in one batch (2025-03-26 only). */
  maxBatchItems: 16,
  /** Bytes of the answer to one batch. */
  maxBatchAnswerBytes: 1024 * 1024,
  /** Characters of a `completion/complete` argument value (and of each context argument). */
  maxCompletionValueChars: MAX_COMPLETION_VALUE_CHARS,
  /** Characters of a `resources/read` URI. */
  maxUriChars: 2048,
} as const;

/** The only revision whose Streamable HTTP transport takes JSON-RPC batches: 2025-06-18 removed them. */
const BATCHING_REVISION = '2025-03-26';

/**
 * Throw HttpError 400 (JSON-RPC -32600 or -32602) when `text` nests deeper than the limit. Scanned on the text,
 * before JSON.parse: a body nested 80,000 levels deep parses, but whatever walks it afterwards recursively
 * overflows the stack; the scan stops at the first bracket past the limit. Strings are jumped over with
 * `indexOf` (native) rather than read a character at a time: a 190 KB config costs 4 µs instead of ~1 ms,
 * which a client sending such bodies as fast as it is refused made a tenth of a worker's time.
 */
export function assertJsonDepth(text: string, maxDepth = RPC_LIMITS.maxDepth): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = closingQuote(text, i);
      if (i === -1) return; // an unterminated string: not JSON, JSON.parse says so
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > maxDepth) throw invalidRequest(`The JSON body nests arrays and objects more than ${maxDepth} levels deep; MCP messages need a few. Send the message as the schema describes it.`);
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
}

/** Where the string opened at `open` ends: the next quote not escaped by an odd run of backslashes; -1 if none. */
function closingQuote(text: string, open: number): number {
  for (let quote = text.indexOf('"', open + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
  }
  return -1;
}

/**
 * Throw HttpError 400 when a parsed body breaks a limit: a batch on a revision without batches or past the item
 * cap, a completion value or a URI past its length. `protocolVersion` is the MCP-Protocol-Version header; a
 * request without it is taken as 2025-03-26, as the transport spec (2025-06-18) tells servers to.
 */
export function assertRpcLimits(body: unknown, protocolVersion: string | undefined): void {
  if (Array.isArray(body)) {
    if (protocolVersion !== undefined && protocolVersion !== BATCHING_REVISION) {
      throw invalidRequest(
        `JSON-RPC batches are part of MCP revision ${BATCHING_REVISION} only (2025-06-18 removed them); this request is MCP-Protocol-Version ${protocolVersion.slice(0, 20)}. Send one message per POST.`,
      );
    }
    if (body.length > RPC_LIMITS.maxBatchItems) {
      throw invalidRequest(`This batch holds ${body.length} messages; a batch may hold at most ${RPC_LIMITS.maxBatchItems}. Split it, or send one message per POST.`);
    }
  }
  for (const message of Array.isArray(body) ? body : [body]) assertMessageParams(message);
}

function assertMessageParams(message: unknown): void {
  if (!isRecord(message) || !isRecord(message.params)) return;
  const { params } = message;
  if (message.method === 'completion/complete') {
    const values = [isRecord(params.argument) ? params.argument.value : undefined];
    if (isRecord(params.context) && isRecord(params.context.arguments)) values.push(...Object.values(params.context.arguments));
    for (const value of values) {
      if (typeof value === 'string' && value.length > RPC_LIMITS.maxCompletionValueChars) {
        throw invalidParams(`The completion value is ${value.length} characters long; at most ${RPC_LIMITS.maxCompletionValueChars} are completed. Send what the user typed so far.`);
      }
    }
  }
  if (message.method === 'resources/read' && typeof params.uri === 'string' && params.uri.length > RPC_LIMITS.maxUriChars) {
    throw invalidParams(`The resource URI is ${params.uri.length} characters long; at most ${RPC_LIMITS.maxUriChars} are read. Use a URI from resources/list or search_docs.`);
  }
}

function invalidRequest(message: string): HttpError {
  return new HttpError(400, message, { code: -32600 });
}

function invalidParams(message: string): HttpError {
  return new HttpError(400, message, { code: -32602 });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
