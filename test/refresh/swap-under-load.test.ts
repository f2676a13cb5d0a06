// A swap while clients query without pause: every request is answered, first from the old index and
// then from the new one. In memory through the holder, and over HTTP against `serve --http`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { createDocsRepo, refreshArgs, runCli, type DocsRepo } from './docs-repo.js';
import { searchPaths, serveThroughHolder } from './serve-holder.js';

const CRONS = 'create-apps/image-properties/crons.md';
const QUERIES = ['cron job', 'add a mount', 'build hook', 'environment variables'];

let dir: string;
let repo: DocsRepo;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'upsun-docs-swap-'));
  repo = createDocsRepo(join(dir, 'repo'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface LoopResult {
  answered: number;
  failures: string[];
  /** Whether the marker query found the edited page, in the order the answers came. */
  markerFound: boolean[];
}

/** Run `loops` query loops until `stop()` resolves; each failure is kept with its reason. */
async function queryDuring(loops: number, search: (query: string) => Promise<string[]>, marker: string, stop: Promise<unknown>): Promise<LoopResult> {
  const result: LoopResult = { answered: 0, failures: [], markerFound: [] };
  let stoppedAt: number | undefined;
  void stop.finally(() => (stoppedAt = Date.now()));
  // Keep going after the refresh ends until the last 10 marker answers all came from the new index (each
  // HTTP worker process looks for a new file every 2 s on its own), or 20 s at most.
  const going = () => stoppedAt === undefined || (Date.now() - stoppedAt < 20_000 && !settled(result.markerFound, 10));
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      for (let i = loop; going(); i++) {
        // An in-memory round trip settles in microtasks only: without a macrotask turn, the child's exit
        // event (and every timer, the test timeout too) would never run.
        await new Promise((resolve) => setImmediate(resolve));
        const query = i % 5 === 0 ? marker : QUERIES[i % QUERIES.length]!;
        try {
          const paths = await search(query);
          result.answered++;
          if (query === marker) result.markerFound.push(paths[0] === CRONS);
        } catch (error) {
          result.failures.push((error as Error).message);
        }
      }
    }),
  );
  return result;
}

/** The last `count` marker answers all found the edit. */
function settled(markerFound: boolean[], count: number): boolean {
  return markerFound.length >= count && markerFound.slice(-count).every(Boolean);
}

/**
 * No request failed, old answers came first and new ones last. `inFlightLimit`: how many old answers may
 * follow the first new one. One index holder: only requests already in flight at the swap (one per loop).
 * Several worker processes: undefined, as each switches on its own next look at the file (within 2 s), so a
 * worker may answer from the old index for a while after another has switched; then every answer at the end
 * must be new (`settled`).
 */
function expectSwapWithoutLoss(result: LoopResult, inFlightLimit: number | undefined): void {
  expect(result.failures).toEqual([]);
  expect(result.answered).toBeGreaterThan(100);
  const firstNew = result.markerFound.indexOf(true);
  expect(firstNew).toBeGreaterThan(0);
  if (inFlightLimit !== undefined) expect(result.markerFound.slice(firstNew).filter((found) => !found).length).toBeLessThanOrEqual(inFlightLimit);
  expect(settled(result.markerFound, 10)).toBe(true);
}

test('in memory: queries in a loop through the holder lose none while refresh swaps the index', async () => {
  const indexFile = join(dir, 'memory/index.sqlite');
  expect((await runCli(refreshArgs(repo.url, indexFile))).code).toBe(0);
  const server = await serveThroughHolder(indexFile);
  try {
    repo.appendToPage(CRONS, '\n\n## Cron with a lanternwick\n\nA lanternwick marks this edit.\n', 'Edit for the in-memory swap');
    const refresh = runCli(refreshArgs(repo.url, indexFile));
    const result = await queryDuring(4, (query) => searchPaths(server, query), 'lanternwick', refresh);
    expect((await refresh).code).toBe(0);
    expectSwapWithoutLoss(result, 4);
  } finally {
    await server.close();
  }
});

test('over HTTP: MCP clients lose no request while refresh swaps the index under serve --http', async () => {
  const indexFile = join(dir, 'http/index.sqlite');
  expect((await runCli(refreshArgs(repo.url, indexFile))).code).toBe(0);
  const { child, url } = await startHttpServer(indexFile);
  const clients: Client[] = [];
  try {
    for (let i = 0; i < 4; i++) {
      const client = new Client({ name: 'swap-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
      clients.push(client);
    }
    let next = 0;
    const search = async (query: string) => {
      const result = await clients[next++ % clients.length]!.callTool({ name: 'search_docs', arguments: { query, limit: 3, max_tokens: 300 } });
      if (result.isError) throw new Error(JSON.stringify(result.content));
      return (result.structuredContent as { results: Array<{ path: string }> }).results.map((hit) => hit.path);
    };
    repo.appendToPage(CRONS, '\n\n## Cron with an emberquill\n\nAn emberquill marks this edit.\n', 'Edit for the HTTP swap');
    const refresh = runCli(refreshArgs(repo.url, indexFile));
    const result = await queryDuring(8, search, 'emberquill', refresh);
    expect((await refresh).code).toBe(0);
    // serve --http runs a worker process per CPU, each with its own index holder.
    expectSwapWithoutLoss(result, undefined);
    const health = (await (await fetch(`${url}/healthz`)).json()) as { index: { docsCommit: string } };
    expect(health.index.docsCommit).toBe(repo.head());
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    child.kill('SIGTERM');
  }
});

function startHttpServer(indexFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [inject('cliEntry'), 'serve', '--http', '--index', indexFile], {
    // Port 0: any free port. The per-client rate limit would refuse a test's loop of calls.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', UPSUN_DOCS_RATE_LIMIT_PER_MINUTE: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /serving MCP at (http:\/\/\S+)\/mcp/.exec(log);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`serve --http exited with ${code}: ${log}`)));
  });
}
