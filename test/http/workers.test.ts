// `serve --http --workers 2`: the built CLI as deployed, a primary and two worker processes sharing a port.
// Each test looks at what a client or an operator sees: who answered (the request log's `worker`), the
// rate-limit charges across workers, a refresh reaching every worker, a dead worker replaced, SIGTERM.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { JSON_HEADERS, rawRequest, rpc, type RawResponse } from './start-http-server.js';

interface ClusterServer {
  child: ChildProcessByStdio<null, null, Readable>;
  port: number;
  indexFile: string;
  /** Everything written to stderr so far: start-up, worker and request lines. */
  stderr(): string;
  /** The request log lines (JSON) so far. */
  requests(): Array<{ path: string; status: number; tool?: string; worker?: number }>;
  /** The worker processes now: children of the primary, read from /proc. */
  workerPids(): number[];
  stop(): Promise<number | null>;
}

let dir: string;
beforeAll(() => {
  const indexError = inject('indexError');
  if (indexError) throw new Error(indexError);
  dir = mkdtempSync(join(tmpdir(), 'upsun-docs-workers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startCluster(name: string, env: Record<string, string> = {}): Promise<ClusterServer> {
  const indexFile = join(dir, `${name}.sqlite`);
  copyFileSync(inject('indexFile'), indexFile);
  const child = spawn(process.execPath, [inject('cliEntry'), 'serve', '--http', '--port', '0', '--workers', '2', '--index', indexFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PORT: '', HOST: '', UPSUN_DOCS_RATE_LIMIT_PER_MINUTE: '0', UPSUN_DOCS_WORKERS: '', ...env },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line:\n${stderr}`)), 40_000);
    const look = () => {
      const match = /serving MCP at http:\/\/127\.0\.0\.1:(\d+)\/mcp.*2 worker processes/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        child.stderr.off('data', look);
        resolve(Number(match[1]));
      }
    };
    child.stderr.on('data', look);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    port,
    indexFile,
    stderr: () => stderr,
    requests: () =>
      stderr
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { path: string; status: number; tool?: string; worker?: number }),
    workerPids: () => childrenOf(child.pid!),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Processes whose parent is `pid` (field 4 of /proc/<pid>/stat). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // exited between the listing and the read: not a child any more
      }
    })
    .map(Number);
}

/** Every request on a new connection: the primary hands connections to the workers in turn. */
const fresh = () => new Agent({ keepAlive: false });

function search(port: number, query: string, id = 1): Promise<RawResponse> {
  return rawRequest(port, { headers: JSON_HEADERS, body: rpc('tools/call', { name: 'search_docs', arguments: { query, limit: 1 } }, id), agent: fresh() });
}

interface HealthReport {
  worker: number;
  index: { docsCommit: string };
  cluster: { workers: number; serving: number; replaced: number };
}

async function health(port: number): Promise<HealthReport> {
  return (await rawRequest(port, { method: 'GET', path: '/healthz', agent: fresh() })).json() as HealthReport;
}

/**
 * /healthz, or undefined when no answer comes within 3 s: node:cluster hands a connection accepted in the
 * instant a worker dies to that worker, and it is never answered (README, "Multi-core serving").
 */
function healthWithin(port: number): Promise<HealthReport | undefined> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/healthz', agent: fresh(), timeout: 3_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(JSON.parse(text) as HealthReport));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

async function eventually<T>(look: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await look();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('two workers, rate limiting off', () => {
  let server: ClusterServer;
  beforeAll(async () => {
    server = await startCluster('open');
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('search_docs is answered by both worker processes, each with results', async () => {
    const questions = ['configure a cron job', 'add a mount for uploads', 'set up redis', 'define routes', 'environment variables in the build hook', 'php version'];
    for (const [i, question] of questions.entries()) {
      const response = await search(server.port, question, i + 1);
      expect(response.status).toBe(200);
      const { result } = response.json() as { result: { structuredContent: { results: unknown[] } } };
      expect(result.structuredContent.results).toHaveLength(1);
    }
    const answeredBy = new Set(server.requests().filter((line) => line.tool === 'search_docs' && line.status === 200).map((line) => line.worker));
    expect([...answeredBy].sort()).toEqual([1, 2]);
    expect(server.workerPids()).toHaveLength(2);
  });

  test('/healthz says which worker answered and how many serve', async () => {
    const seen = new Map<number, { workers: number; serving: number }>();
    for (let i = 0; i < 6; i++) {
      const report = await health(server.port);
      seen.set(report.worker, report.cluster);
    }
    expect([...seen.keys()].sort()).toEqual([1, 2]);
    for (const cluster of seen.values()) expect(cluster).toMatchObject({ workers: 2, serving: 2 });
  });

  test('an index renamed over the file is served by every worker', async () => {
    const before = await health(server.port);
    const incoming = `${server.indexFile}.incoming`;
    copyFileSync(server.indexFile, incoming);
    const db = new Database(incoming);
    db.prepare("UPDATE meta SET value = 'swapped-under-two-workers' WHERE key = 'docs_commit'").run();
    db.close();
    renameSync(incoming, server.indexFile);
    // Each worker's holder notices the new file on its own (a stat every 2 s): wait until both report it.
    const switched = new Set<number>();
    await eventually(async () => {
      const report = await health(server.port);
      if (report.index.docsCommit === 'swapped-under-two-workers') switched.add(report.worker);
      return switched.size === 2 ? true : undefined;
    }, 'both workers to serve the new index');
    expect(before.index.docsCommit).not.toBe('swapped-under-two-workers');
    expect(server.stderr().match(/switched to the index built at .* from docs commit swapped-under-two-workers/g)).toHaveLength(2);
    expect((await search(server.port, 'configure a cron job')).status).toBe(200);
  });

  test('a worker that dies is replaced, and the death is logged', async () => {
    const [victim] = server.workerPids();
    process.kill(victim!, 'SIGKILL');
    await eventually(async () => ((await healthWithin(server.port))?.cluster.replaced === 1 && server.workerPids().length === 2 ? true : undefined), 'a replacement worker');
    expect(server.stderr()).toMatch(new RegExp(`worker \\d+ \\(pid ${victim}\\) was killed by SIGKILL; 1 of 2 workers serving; starting a replacement`));
    const report = await eventually(async () => {
      const reply = await healthWithin(server.port);
      return reply?.cluster.serving === 2 ? reply : undefined;
    }, 'two workers serving');
    expect(report.cluster).toEqual({ workers: 2, serving: 2, replaced: 1 });
    const responses = await Promise.all(['cron job', 'mounts', 'redis', 'routes'].map((query, i) => search(server.port, query, i)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
  });
});

test('rate-limit charges add up across workers: one client gets one bucket, not one per worker', async () => {
  // A bucket of 20 that refills one call a minute: within the test, exactly 20 calls may pass.
  const server = await startCluster('limited', { UPSUN_DOCS_RATE_LIMIT_PER_MINUTE: '1', UPSUN_DOCS_RATE_LIMIT_BURST: '20' });
  try {
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => search(server.port, `configure a cron job ${i}`, i)));
    const allowed = responses.filter((response) => response.status === 200);
    expect(allowed).toHaveLength(20);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(10);
    // Every allowed call took one from the same bucket: the remaining counts are 19 down to 0, each once.
    expect(allowed.map((response) => Number(response.headers['ratelimit-remaining'])).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const servedBy = new Set(server.requests().filter((line) => line.status === 200).map((line) => line.worker));
    expect(servedBy.size).toBe(2);
  } finally {
    await server.stop();
  }
});

test('SIGTERM lets an in-flight request finish, then the primary and both workers exit 0', async () => {
  const server = await startCluster('sigterm');
  const workers = server.workerPids();
  expect(workers).toHaveLength(2);
  const body = rpc('tools/call', { name: 'search_docs', arguments: { query: 'configure a cron job', limit: 1 } });
  // Headers and part of the body now, the rest after SIGTERM: the request is in flight across the signal.
  const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/mcp', agent: false, headers: { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.write(body.slice(0, 20));
    // The signal goes once the connection is up and a worker has had time to take it: sent before the
    // primary hands the connection over, the request would not be in flight yet (ECONNRESET on a busy machine).
    req.on('socket', (socket) =>
      socket.once('connect', () =>
        setTimeout(() => {
          server.child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(20)), 300);
        }, 500),
      ),
    );
  });
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(response.text).toContain('cron');
  expect(await server.stop()).toBe(0);
  expect(server.stderr()).toContain('shutting down 2 workers');
  for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  await expect(rawRequest(server.port, { method: 'GET', path: '/healthz' })).rejects.toThrow(/ECONNREFUSED|ECONNRESET/);
});
