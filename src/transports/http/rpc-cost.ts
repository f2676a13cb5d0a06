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
  const argumentChars = args === undefined ? 0 : jsonLength(args);
  return Math.min(maxCost, 1 + Math.floor(argumentChars / ARGUMENT_CHARS_PER_CALL));
}

/** What a whole body costs: every message of a batch, wherever it sits. */
export function costOfBody(body: unknown, maxCost: number): number {
  if (!Array.isArray(body)) return costOfMessage(body, maxCost);
  let total = 0;
  for (const message of body) total += costOfMessage(message, maxCost);
  return total;
}

/**
 * `JSON.stringify(value).length` for a value JSON.parse made, without building the text: a client sending
 * 190 KB configs as fast as it is refused made each refusal serialise its config again (0.5 ms and 200 KB
 * of garbage; garbage that large goes straight to the old generation and brings full collections). Nesting
 * is bounded before parsing (rpc-limits.ts), so the recursion is too.
 */
export function jsonLength(value: unknown): number {
  if (typeof value === 'string') return jsonStringLength(value);
  if (typeof value !== 'object' || value === null) return String(value).length;
  if (Array.isArray(value)) {
    let length = 1 + value.length;
    for (const item of value) length += jsonLength(item);
    return value.length === 0 ? 2 : length;
  }
  let length = 1;
  let keys = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    keys += 1;
    length += jsonStringLength(key) + 2 + jsonLength((value as Record<string, unknown>)[key]);
  }
  return keys === 0 ? 2 : length;
}

/** A character JSON.stringify writes escaped. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** Control characters written as \u00XX, and surrogates (a lone one is written as \uXXXX): rare, measured by JSON.stringify. */
const RARE_ESCAPE = /[\u0000-\u0007\u000b\u000e-\u001f\ud800-\udfff]/;
const COMMON_ESCAPES = ['"', '\\', '\b', '\t', '\n', '\f', '\r'];

function jsonStringLength(text: string): number {
  if (!NEEDS_ESCAPE.test(text)) return text.length + 2;
  if (RARE_ESCAPE.test(text)) return JSON.stringify(text).length;
  let length = text.length + 2;
  // Each common escape adds one character (a backslash); indexOf finds them natively.
  for (const escaped of COMMON_ESCAPES) for (let at = text.indexOf(escaped); at !== -1; at = text.indexOf(escaped, at + 1)) length += 1;
  return length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
