// What a user of the hosted endpoint would notice, asked through the router as the internet would:
// health, an MCP search, the landing page's links, per-client rate limits.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchAs, sendRequest, type PublicClient } from './public-client.js';

/** A check that failed: what was expected and what came back. */
export class CheckFailed extends Error {}

export interface Health {
  docsCommit: string;
  builtAt: string;
  pages: number;
}

export async function readHealth(client: PublicClient): Promise<Health> {
  const response = await sendRequest(client, '/healthz');
  if (response.status !== 200) throw new CheckFailed(`GET /healthz with Host ${client.host} answered ${response.status}: ${response.body.slice(0, 300)}`);
  const health = JSON.parse(response.body) as { index?: { loaded?: boolean; docsCommit?: string; builtAt?: string; pages?: number } };
  if (!health.index?.loaded) throw new CheckFailed(`GET /healthz says no index is loaded: ${response.body.slice(0, 300)}`);
  return { docsCommit: health.index.docsCommit ?? '', builtAt: health.index.builtAt ?? '', pages: health.index.pages ?? 0 };
}

export interface FoundSection {
  path: string;
  url: string;
  content: string;
}

/** One search_docs call over Streamable HTTP from a real MCP client (1.x SDK), as `client`. */
export async function searchDocsOverMcp(client: PublicClient, query: string): Promise<FoundSection[]> {
  const mcp = new Client({ name: 'upsun-rehearsal', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`https://${client.host}/mcp`), { fetch: fetchAs(client) });
  await mcp.connect(transport);
  try {
    const result = await mcp.callTool({ name: 'search_docs', arguments: { query, limit: 5 } });
    if (result.isError) throw new CheckFailed(`search_docs "${query}" returned an error: ${JSON.stringify(result.content).slice(0, 300)}`);
    return (result.structuredContent as { results: FoundSection[] }).results;
  } finally {
    await mcp.close();
  }
}

/** The landing page links to the MCP endpoint at the public scheme and Host. */
export async function readLandingMcpUrl(client: PublicClient): Promise<string | undefined> {
  const response = await sendRequest(client, '/');
  if (response.status !== 200) throw new CheckFailed(`GET / with Host ${client.host} answered ${response.status}`);
  return /https?:\/\/[^"'<\s]+\/mcp/.exec(response.body)?.[0];
}

export interface BucketProbe {
  status: number;
  /** RateLimit-Limit: the bucket's size. */
  limit: number;
  /** RateLimit-Remaining: calls left in the bucket this request was charged to. */
  remaining: number;
}

/** One charged request (`/api/search`): its status and the state of the bucket the server charged it to. */
export async function probeBucket(client: PublicClient, extraHeaders: Record<string, string> = {}): Promise<BucketProbe> {
  const response = await sendRequest(client, '/api/search?q=mounts&limit=1', { headers: extraHeaders });
  const { 'ratelimit-limit': limit, 'ratelimit-remaining': remaining } = response.headers;
  if (typeof limit !== 'string' || typeof remaining !== 'string') throw new CheckFailed(`GET /api/search answered ${response.status} without RateLimit-Limit and RateLimit-Remaining: is rate limiting on?`);
  return { status: response.status, limit: Number(limit), remaining: Number(remaining) };
}

/** A bucket charged once, and no more: what a client the server has not seen before gets. */
export function isFreshBucket(probe: BucketProbe): boolean {
  return probe.status === 200 && probe.remaining === probe.limit - 1;
}

/** Spend a client's bucket until the server refuses it (429); fails if it never does within maxRequests. */
export async function exhaustBucket(client: PublicClient, maxRequests: number, extraHeaders: Record<string, string> = {}): Promise<number> {
  for (let sent = 1; sent <= maxRequests; sent++) {
    const probe = await probeBucket(client, extraHeaders);
    if (probe.status === 429) return sent;
    if (probe.status !== 200) throw new CheckFailed(`GET /api/search answered ${probe.status} before the rate limit refused it`);
  }
  throw new CheckFailed(`${maxRequests} searches from ${client.localAddress} were never refused with 429: is rate limiting on?`);
}

/** Poll until check() returns a value; the last error explains a timeout. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  throw new CheckFailed(`${what}: not within ${timeoutMs / 1000} s${last ? ` (last: ${(last as Error).message})` : ''}`);
}
