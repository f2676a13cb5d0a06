/**
 * What each JSON-RPC message costs a client's rate-limit bucket, in calls. The README's "Rate limiting" table
 * says the same; test/http/hostile.test.ts checks these charges over HTTP.
 *
 * Work that reads the index or runs a check is charged; what the server answers from constants (lists,
 * `initialize`, `ping`, `server/discover`) and notifications are not. Arguments are charged by size too:
 * checking a 200 KB config takes ~300 ms of CPU where a search takes ~1 ms.
 */
export const CHARGED_METHODS: ReadonlySet<string> = new Set(['tools/call', 'prompts/get', 'resources/read', 'completion/complete', 'subscriptions/listen']);

/** One more call per this many characters of a call's arguments (as JSON). */
export const ARGUMENT_CHARS_PER_CALL = 20_000;

/**
 * Calls one message costs, at most `maxCost` (a bucket's size: a lone call must stay possible, however large).
 * Not a JSON-RPC request (a notification, a response, garbage): 0, the SDK refuses or ignores it.
 */
export function costOfMessage(message: unknown, maxCost: number): number {
  if (!isRecord(message) || typeof message.method !== 'string' || !CHARGED_METHODS.has(message.method)) return 0;
  const params = isRecord(message.params) ? message.params : {};
  const args = message.method === 'tools/call' || message.method === 'prompts/get' ? params.arguments : undefined;
  const argumentChars = args === undefined ? 0 : JSON.stringify(args).length;
  return Math.min(maxCost, 1 + Math.floor(argumentChars / ARGUMENT_CHARS_PER_CALL));
}

/** What a whole body costs: every message of a batch, wherever it sits. */
export function costOfBody(body: unknown, maxCost: number): number {
  if (!Array.isArray(body)) return costOfMessage(body, maxCost);
  let total = 0;
  for (const message of body) total += costOfMessage(message, maxCost);
  return total;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
