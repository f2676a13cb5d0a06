/**
 * Response headers a browser needs to read what it may read. MCP clients running in a page (the Inspector,
 * web assistants) must see the session and version headers and the rate-limit state (Streamable HTTP sets
 * `Mcp-Session-Id` and reads `MCP-Protocol-Version`; 2026-07-28 adds `Mcp-Method` and `Mcp-Name`).
 */
const EXPOSED_HEADERS = [
  'Mcp-Session-Id',
  'MCP-Protocol-Version',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
  'Retry-After',
  'WWW-Authenticate',
].join(', ');

const ALLOWED_HEADERS = ['Content-Type', 'Accept', 'Authorization', 'Mcp-Session-Id', 'MCP-Protocol-Version', 'Mcp-Method', 'Mcp-Name', 'Last-Event-ID'];
/** 2026-07-28 tools may declare parameters sent as `Mcp-Param-*` headers (x-mcp-header); a preflight must allow them. */
const ALLOWED_HEADER_PREFIX = 'mcp-';
const ALLOWED_HEADER_SET = new Set(ALLOWED_HEADERS.map((name) => name.toLowerCase()));

/** Headers for an actual request from an allowed Origin. No credentials: the endpoint has no cookies or sessions to protect. */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (origin === undefined) return {};
  return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': EXPOSED_HEADERS };
}

/** The answer to a preflight (OPTIONS) from an allowed Origin: the methods and request headers it may use. */
export function preflightHeaders(origin: string | undefined, requestedHeaders: string | undefined): Record<string, string> {
  const requested = (requestedHeaders ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && (ALLOWED_HEADER_SET.has(name) || name.startsWith(ALLOWED_HEADER_PREFIX)));
  return {
    ...corsHeaders(origin),
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-allow-headers': [...new Set([...ALLOWED_HEADERS.map((name) => name.toLowerCase()), ...requested])].join(', '),
    'access-control-max-age': '86400',
  };
}
