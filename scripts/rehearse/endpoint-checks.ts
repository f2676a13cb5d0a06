// The rehearsal's checks of the running endpoint, made as the internet would make them: through the router,
// with the public Host, from distinct client addresses.
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CheckFailed, exhaustBucket, isFreshBucket, probeBucket, readHealth, readLandingMcpUrl, searchDocsOverMcp, waitFor, type Health } from './public-checks.js';
import { sendRequest, type PublicClient } from './public-client.js';
import type { RouterProxy } from './router-proxy.js';

/** The most searches a client sends before its bucket must have refused one (the default burst is 30). */
const MAX_BUCKET_REQUESTS = 400;

const viaRouter = (router: RouterProxy, host: string, localAddress = '127.0.0.2'): PublicClient => ({ port: router.port, host, localAddress });

/** Health, an MCP search, the landing page's link and the www redirect, all with the public Host. */
export async function checkEndpoint(router: RouterProxy, publicHost: string): Promise<Health> {
  const client = viaRouter(router, publicHost);
  const health = await readHealth(client);
  const found = await searchDocsOverMcp(client, 'how do I add a writable mount');
  if (!found.some((section) => section.path.includes('mounts'))) throw new CheckFailed(`search_docs "how do I add a writable mount" found no mounts page: ${found.map((section) => section.path).join(', ')}`);
  const mcpUrl = await readLandingMcpUrl(client);
  if (mcpUrl !== `https://${publicHost}/mcp`) throw new CheckFailed(`the landing page links to ${mcpUrl ?? 'no /mcp URL'}, not https://${publicHost}/mcp (X-Forwarded-Proto and Host from the router)`);
  const redirect = await sendRequest(viaRouter(router, `www.${publicHost}`), '/healthz');
  if (redirect.status !== 301 || redirect.headers.location !== `https://${publicHost}/healthz`) {
    throw new CheckFailed(`https://www.${publicHost}/healthz answered ${redirect.status} ${redirect.headers.location ?? ''}, not a 301 to https://${publicHost}/healthz`);
  }
  return health;
}

/**
 * Rate-limit buckets follow the client's address as the router reports it: two clients behind the router get
 * two buckets; a client cannot escape its bucket by sending its own X-Client-IP through the router (the router
 * sets that header); a request straight to the app's port is believed (README: the app trusts X-Client-IP
 * because only the router reaches it), and that port is bound to loopback, so only the container reaches it.
 */
export async function checkClientAddresses(router: RouterProxy, appPort: number, publicHost: string, notes: string[]): Promise<void> {
  const first = viaRouter(router, publicHost, '127.0.0.2');
  const second = viaRouter(router, publicHost, '127.0.0.3');
  // Buckets are told apart by RateLimit-Remaining, not by 200 or 429 alone: the spent bucket refills while a
  // loaded machine sends the next request, but only a bucket never charged before has limit - 1 left.
  const sent = await exhaustBucket(first, MAX_BUCKET_REQUESTS);
  const other = await probeBucket(second);
  if (!isFreshBucket(other)) throw new CheckFailed(`after 127.0.0.2 spent its bucket (${sent} searches), 127.0.0.3 got ${other.status} with ${other.remaining} of ${other.limit} left: all clients share one bucket`);
  const forged = await probeBucket(first, { 'x-client-ip': '198.51.100.23' });
  if (isFreshBucket(forged)) throw new CheckFailed(`127.0.0.2, its bucket spent, sent X-Client-IP: 198.51.100.23 through the router and was charged to a new bucket: the forged header chose it`);
  const direct = await probeBucket({ port: appPort, host: publicHost, localAddress: '127.0.0.2' }, { 'x-client-ip': '198.51.100.24' });
  if (!isFreshBucket(direct)) throw new CheckFailed(`a request straight to $PORT with X-Client-IP: 198.51.100.24 got ${direct.status} with ${direct.remaining} of ${direct.limit} left, not a bucket of its own; the README says the app keys buckets on that header`);
  const outside = firstExternalAddress();
  if (!outside) {
    notes.push('No non-loopback address on this machine: whether $PORT is reachable from outside the container was not checked.');
    return;
  }
  if (await canConnect(outside, appPort)) throw new CheckFailed(`$PORT ${appPort} accepts connections on ${outside}: anyone reaching the container could pick their own X-Client-IP`);
}

/** Wait until the router serves `commit` (and, if given, search finds `word` on a page whose path holds `pathPart`). */
export async function waitForDocsCommit(router: RouterProxy, publicHost: string, commit: string, word?: string, pathPart?: string): Promise<Health> {
  const client = viaRouter(router, publicHost, '127.0.0.4');
  const health = await waitFor(`/healthz showing docs commit ${commit.slice(0, 12)}`, 30_000, async () => {
    const current = await readHealth(client);
    return current.docsCommit === commit ? current : undefined;
  });
  if (word) {
    const found = await searchDocsOverMcp(client, word);
    if (!found.some((section) => section.path.includes(pathPart ?? '') && section.content.includes(word))) {
      throw new CheckFailed(`search_docs "${word}" did not find the edited page: ${found.map((section) => section.path).join(', ') || 'no results'}`);
    }
  }
  return health;
}

/** The router serves `commit` at once and keeps serving it for `ms` (index swaps show within the server's 2 s stat interval). */
export async function expectDocsCommitHolds(router: RouterProxy, publicHost: string, commit: string, ms: number): Promise<void> {
  const client = viaRouter(router, publicHost, '127.0.0.4');
  const until = Date.now() + ms;
  do {
    const { docsCommit } = await readHealth(client);
    if (docsCommit !== commit) throw new CheckFailed(`/healthz shows docs commit ${docsCommit.slice(0, 12)}, not ${commit.slice(0, 12)}`);
    await sleep(250);
  } while (Date.now() < until);
}

function firstExternalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && !entry.internal && entry.family === 'IPv4')?.address;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
