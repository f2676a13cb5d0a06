/**
 * A refusal the HTTP layer answers itself (403, 413, 429, 503…): a status, a JSON-RPC error code for /mcp
 * callers, extra headers (Retry-After), and a message that is safe to send: it never holds a stack or a path.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  /** JSON-RPC code of the error body; -32000 is what the SDK's transports use for HTTP-level refusals. */
  readonly code: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, options: { code?: number; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.code = options.code ?? -32000;
    this.headers = options.headers ?? {};
  }
}

/** A JSON-RPC error response body; `id` is the request's when known (JSON-RPC 2.0 §5: null when it cannot be read). */
export function jsonRpcErrorBody(code: number, message: string, id: string | number | null = null): string {
  return JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id });
}
