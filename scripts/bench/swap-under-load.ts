// A refresh under load: `serve --http` on port 0 answers MCP clients at a fixed request rate while
// `refresh --source file://…` publishes a changed docs repository; reports every failed request (the target
// is none), latency around the swap, when /healthz and search show the new commit, and the server's RSS.
//
//   npm run build && node dist/scripts/bench/swap-under-load.js [--rate 250] [--seconds 20] [--clients 16]
//
// The docs repository is made in a temp folder from the bundled snapshot (upsun pages only, to keep the
// rebuild short); the refresh runs on the same machine as the server, as the Upsun cron does.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScriptArgs } from '../script-args.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../../src/paths.js';
import { listProcessTree, readRssMb } from '../load-test/server-processes.js';
import { percentile } from './percentiles.js';

const { values } = parseScriptArgs(import.meta.url, {
  allowNegative: true,
  options: {
    rate: { type: 'string', default: '250' },
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '16' },
    // When the change is committed and the refresh starts, in seconds from the start of the measured load.
    'refresh-at': { type: 'string', default: '4' },
    // Load at the same rate before the measured window: a fresh server (JIT, lazily built search state)
    // answers its first seconds slower than requests arrive at 250/s, and the backlog is not the swap's.
    warmup: { type: 'string', default: '8' },
    // Run the refresh under `nice -n 19` (--no-nice to compare).
    nice: { type: 'boolean', default: true },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const clientCount = Number(values.clients);
const refreshAt = Number(values['refresh-at']) * 1000;
const warmup = Number(values.warmup) * 1000;
const cli = join(PACKAGE_ROOT, 'dist/cli/upsun-docs-mcp.js');
const CRONS = 'create-apps/image-properties/crons.md';
const MARKER = 'quillfeather';
const QUERIES = ['cron job', 'add a mount', 'build hook', 'configure routes', 'environment variables', 'redis service', 'php version', MARKER];

const work = mkdtempSync(join(tmpdir(), 'upsun-docs-swap-bench-'));
const repo = join(work, 'repo');
const indexFile = join(work, 'serving/index.sqlite');

function git(...args: string[]): string {
  return execFileSync('git', ['-C', repo, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
}

function makeRepo(): void {
  for (const part of ['sites/upsun', 'shared/data', 'themes/psh-docs/layouts', 'SOURCE.md']) {
    cpSync(join(DATA_PATHS.docsSnapshot, part), join(repo, part), { recursive: true });
  }
  execFileSync('chmod', ['-R', 'u+w', repo]);
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git('commit', '--quiet', '-m', 'docs snapshot');
}

function runRefresh(): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = performance.now();
  // At the lowest CPU priority, as the cron in .upsun/config.yaml runs it: the build then takes the CPU
  // the server leaves idle instead of competing with it for every core.
  const command = [process.execPath, cli, 'refresh', '--source', `file://${repo}`, '--product', 'upsun', '--out', indexFile];
  const child = spawn(values.nice ? 'nice' : command[0]!, values.nice ? ['-n', '19', ...command] : command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr, ms: performance.now() - started })));
}

/** The server's stderr: the start line, the holder's switch line and one JSON line per request. */
const serverLog: string[] = [];

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, 'serve', '--http', '--index', indexFile], {
    // The per-client rate limit (120/min by default) would turn this load into 429s: the bench measures the swap.
    env: { ...process.env, PORT: '0', UPSUN_DOCS_RATE_LIMIT_PER_MINUTE: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      serverLog.push(chunk.toString());
      const match = /serving MCP at (http:\/\/\S+)\/mcp/.exec(log);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`serve --http exited with ${code}: ${log}`)));
  });
}

/** RSS of the server: the process and its workers (serve --http forks one per CPU), summed. */
function rssMb(pid: number): number {
  return listProcessTree(pid).reduce((sum, process) => sum + readRssMb(process), 0);
}

async function healthCommit(url: string): Promise<string> {
  const response = await fetch(`${url}/healthz`);
  return ((await response.json()) as { index: { docsCommit: string } }).index.docsCommit;
}

interface Sample {
  at: number;
  ms: number;
  ok: boolean;
  error?: string;
  foundMarker?: boolean;
}

async function main(): Promise<number> {
  makeRepo();
  const first = await runRefresh();
  if (first.code !== 0) throw new Error(`The first refresh failed: ${first.stderr}`);
  const oldCommit = git('rev-parse', 'HEAD');
  const { child: server, url } = await startServer();
  const clients = await Promise.all(
    Array.from({ length: clientCount }, async () => {
      const client = new Client({ name: 'swap-bench', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
      return client;
    }),
  );
  const rssBefore = rssMb(server.pid!);

  const samples: Sample[] = [];
  const warmupSamples: Sample[] = [];
  // Times are from the start of the measured window; the warm-up runs at negative times before it.
  const start = performance.now() + warmup;
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let newCommit = '';
  let refresh: { code: number | null; stderr: string; ms: number; startedAt: number } | undefined;
  let refreshing: Promise<void> | undefined;
  let healthSwitchedAt: number | undefined;
  let peakRss = rssBefore;
  let healthFailures = 0;

  const healthPoll = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(server.pid!));
    if (!newCommit || healthSwitchedAt !== undefined) return;
    void healthCommit(url).then(
      (commit) => {
        if (commit === newCommit && healthSwitchedAt === undefined) healthSwitchedAt = performance.now() - start;
      },
      () => healthFailures++,
    );
  }, 50);

  // Open loop: requests leave on schedule whether or not earlier ones have answered, so a stall in the
  // server shows as latency and queueing instead of silently lowering the rate.
  let sentBefore = 0;
  while (performance.now() - start < seconds * 1000) {
    const now = performance.now() - start;
    if (now < 0) sentBefore = sent;
    if (!refreshing && now >= refreshAt) {
      appendFileSync(join(repo, 'sites/upsun/src', CRONS), `\n\n## Scheduling with a ${MARKER}\n\nA ${MARKER} marks this edit.\n`);
      git('commit', '--quiet', '--all', '-m', 'Edit the crons page');
      newCommit = git('rev-parse', 'HEAD');
      const startedAt = now;
      refreshing = runRefresh().then((result) => {
        refresh = { ...result, startedAt };
      });
    }
    const due = Math.floor(((now + warmup) / 1000) * rate);
    while (sent < due) {
      const id = sent++;
      const client = clients[id % clients.length]!;
      const query = QUERIES[id % QUERIES.length]!;
      const at = performance.now() - start;
      const request = client
        .callTool({ name: 'search_docs', arguments: { query, limit: 3, max_tokens: 500 } })
        .then(
          (result) => {
            const paths = ((result.structuredContent as { results?: Array<{ path: string }> } | undefined)?.results ?? []).map((hit) => hit.path);
            void (at < 0 ? warmupSamples : samples).push({
              at,
              ms: performance.now() - start - at,
              ok: result.isError !== true,
              ...(result.isError === true && { error: JSON.stringify(result.content).slice(0, 200) }),
              ...(query === MARKER && { foundMarker: paths[0] === CRONS }),
            });
          },
          (error: unknown) => {
            (at < 0 ? warmupSamples : samples).push({ at, ms: performance.now() - start - at, ok: false, error: String(error) });
          },
        )
        .finally(() => pending.delete(request));
      pending.add(request);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(pending);
  await refreshing;
  clearInterval(healthPoll);
  const finalCommit = await healthCommit(url);
  const rssAfter = rssMb(server.pid!);
  await Promise.all(clients.map((client) => client.close()));
  server.kill('SIGTERM');

  const failed = samples.filter((sample) => !sample.ok);
  const firstFound = samples.filter((sample) => sample.foundMarker).sort((a, b) => a.at - b.at)[0];
  const window = refresh ? samples.filter((sample) => sample.at >= refresh!.startedAt && sample.at <= refresh!.startedAt + refresh!.ms + 3000) : [];
  const latency = (list: Sample[]) => `p50 ${percentile(list.map((s) => s.ms), 50).toFixed(1)} ms, p99 ${percentile(list.map((s) => s.ms), 99).toFixed(1)} ms, max ${Math.max(...list.map((s) => s.ms)).toFixed(1)} ms`;
  const lines = [
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    `warm-up: ${warmupSamples.length} calls in ${warmup / 1000} s (${sentBefore} sent), ${warmupSamples.filter((sample) => !sample.ok).length} failed, ${latency(warmupSamples)}`,
    `load: ${samples.length} search_docs calls from ${clientCount} MCP clients (1.x SDK, Streamable HTTP) in ${seconds} s = ${(samples.length / seconds).toFixed(0)} req/s (target ${rate})`,
    `failed requests: ${failed.length}${failed.length ? ` (first: ${failed[0]!.error})` : ''}; failed /healthz polls: ${healthFailures}`,
    `latency overall: ${latency(samples)}`,
    `latency from refresh start to 3 s after it ended (${window.length} calls): ${window.length ? latency(window) : 'n/a'}`,
    `refresh${values.nice ? ' (nice -n 19)' : ''}: exit ${refresh?.code}, ${((refresh?.ms ?? 0) / 1000).toFixed(1)} s, started at ${((refresh?.startedAt ?? 0) / 1000).toFixed(1)} s`,
    `docs commit: ${oldCommit.slice(0, 8)} → ${newCommit.slice(0, 8)}; /healthz showed the new one at ${healthSwitchedAt !== undefined ? `${(healthSwitchedAt / 1000).toFixed(2)} s` : 'never'}, final ${finalCommit.slice(0, 8)}`,
    `search found the edited page from ${firstFound ? `${(firstFound.at / 1000).toFixed(2)} s` : 'never'}`,
    `slowest second: ${slowestSecond(samples)}`,
    `server RSS: ${rssBefore.toFixed(0)} MB before, ${peakRss.toFixed(0)} MB peak, ${rssAfter.toFixed(0)} MB after; index ${(statSync(indexFile).size / 1e6).toFixed(1)} MB (upsun only)`,
  ];
  lines.push(...describeServerSide());
  process.stdout.write(`${lines.join('\n')}\n`);
  const ok = failed.length === 0 && refresh?.code === 0 && finalCommit === newCommit && firstFound !== undefined;
  return ok ? 0 : 1;
}

/**
 * What the server measured itself, around the switch: the switch line, and the slowest requests it logged in
 * the second before and after it (time inside the handler, without the time spent queued).
 */
function describeServerSide(): string[] {
  const lines = serverLog.join('').split('\n');
  const switched = lines.find((line) => line.includes('switched to the index'));
  const entries = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { time: string; ms: number; status: number });
  const slowest = [...entries].sort((a, b) => b.ms - a.ms).slice(0, 3).map((entry) => `${entry.ms} ms at ${entry.time.slice(11, 23)}`);
  const statuses = new Map<number, number>();
  for (const entry of entries) statuses.set(entry.status, (statuses.get(entry.status) ?? 0) + 1);
  return [
    `server: ${switched ? switched.replace(/^upsun-docs-mcp: /, '') : 'no switch logged'}`,
    `server-side statuses: ${[...statuses].map(([status, count]) => `${status}×${count}`).join(', ')}; slowest handler times: ${slowest.join(', ')}`,
  ];
}

/** The one-second slice (by send time) with the worst p99: where a stall happened, if one did. */
function slowestSecond(samples: Sample[]): string {
  const bySecond = new Map<number, number[]>();
  for (const sample of samples) {
    const second = Math.floor(sample.at / 1000);
    bySecond.set(second, [...(bySecond.get(second) ?? []), sample.ms]);
  }
  const worst = [...bySecond.entries()].map(([second, ms]) => ({ second, p99: percentile(ms, 99) })).sort((a, b) => b.p99 - a.p99)[0];
  return worst ? `${worst.second}–${worst.second + 1} s, p99 ${worst.p99.toFixed(1)} ms` : 'n/a';
}

main()
  .then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`swap-under-load: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  )
  .finally(() => rmSync(work, { recursive: true, force: true }));
