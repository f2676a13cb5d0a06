/** What the HTTP layer needs to know about a JSON-RPC body: for rate limiting, error ids and the log. */
export interface RpcSummary {
  /** The method, or the methods of a batch joined with ','; undefined when the body is not JSON-RPC. */
  method?: string;
  /** The tool named by a `tools/call` (the first, in a batch). */
  tool?: string;
  /** How many `subscriptions/listen` requests the body holds (each opens a stream). */
  listens: number;
  /** The request id to echo in an error we answer ourselves (null for a batch or a notification). */
  id: string | number | null;
  /** The search words of a `search_docs` call, cut to a short length for the log. */
  query?: string;
}

/** Longest query text written to a log line: enough to tell requests apart, too short to leak a pasted document. */
export const LOGGED_QUERY_LENGTH = 40;

export function describeRpcBody(body: unknown): RpcSummary {
  const messages = Array.isArray(body) ? body : [body];
  const methods: string[] = [];
  let tool: string | undefined;
  let query: string | undefined;
  let listens = 0;
  for (const message of messages) {
    if (!isRecord(message) || typeof message.method !== 'string') continue;
    methods.push(message.method.slice(0, 64));
    if (message.method === 'subscriptions/listen') listens += 1;
    if (message.method !== 'tools/call') continue;
    const params = isRecord(message.params) ? message.params : {};
    if (tool === undefined && typeof params.name === 'string') {
      tool = params.name.slice(0, 64);
      const args = isRecord(params.arguments) ? params.arguments : {};
      // Only search words: explain_config's argument is a whole config file and must never reach a log.
      if (tool === 'search_docs' && typeof args.query === 'string') query = capText(args.query, LOGGED_QUERY_LENGTH);
    }
  }
  const single = !Array.isArray(body) && isRecord(body) ? body.id : undefined;
  return {
    ...(methods.length > 0 && { method: methods.join(',') }),
    ...(tool !== undefined && { tool }),
    ...(query !== undefined && { query }),
    listens,
    id: typeof single === 'string' || typeof single === 'number' ? single : null,
  };
}

export function capText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
