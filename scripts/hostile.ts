// npm run hostile: the HTTP endpoint, started as deployed (production Node flags, default rate limits, behind a
// proxy that sets X-Client-IP), while one client sends the most expensive requests it is allowed to, phase by
// phase. Meanwhile other clients search (distinct questions, never answered from the cache) and their latency is
// reported per phase: the figure the goal is about (p99 under 100 ms). The attackers run on a worker
// thread of their own, so the time they spend building and sending bodies never delays the victim's clock.
// Loopback only; each phase is bounded by --duration; --phases WORD runs only the phases whose name holds it
// (and the warm-up). The fast, asserting version of these cases is test/http/hostile.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScriptArgs } from './script-args.js';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parse as parseYaml } from 'yaml';
import { readConfig } from '../src/config.js';
import { chooseIndexFile } from '../src/db/choose-index.js';
import { PACKAGE_ROOT } from '../src/paths.js';

const { values } = parseScriptArgs(import.meta.url, {
  options: {
    index: { type: 'string' },
    duration: { type: 'string', default: '10' },
    attackers: { type: 'string', default: '8' },
    phases: { type: 'string', default: '' },
  },
});
const indexFile = chooseIndexFile(readConfig(process.env), values.index);
const durationMs = Number(values.duration) * 1000;
const attackerConnections = Number(values.attackers);
const cli = join(PACKAGE_ROOT, 'dist/cli/upsun-docs-mcp.js');
// The attacker thread loads this module too: only the main thread starts a server and needs a folder.
const work = isMainThread ? mkdtempSync(join(tmpdir(), 'upsun-docs-hostile-')) : '';
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

interface Answer {
  status: number;
  bytes: number;
  ms: number;
}

/** One POST to /mcp on a kept-alive connection. */
function post(url: URL, agent: Agent, body: string, headers: Record<string, string>): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...HEADERS, ...headers } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const rpc = (id: number, method: string, params: Record<string, unknown>) => JSON.stringify({ jsonrpc: '2.0', id, method, params });
const tool = (id: number, name: string, args: Record<string, unknown>) => rpc(id, 'tools/call', { name, arguments: args });

/** ~190,000 characters with 999 anchors each aliased once: the slowest config the limits let through. */
function costlyConfig(call: number): string {
  let text = `# call ${call}\napplications:\n`;
  for (let i = 0; text.length < 190_000; i++) {
    text += `  app${i}: &a${i}\n    type: nodejs:24\n    mounts:\n      web/uploads:\n        source: storage\n        source_path: uploads\n`;
    if (i < 999) text += `  copy${i}: *a${i}\n`;
  }
  return text;
}

/** 5 KB of nested `<<` merges: billions of values once expanded. */
function mergeBomb(call: number): string {
  const lines = [`# call ${call}`, 'base: &l0', ...Array.from({ length: 50 }, (_, i) => `  k${i}: value${i}`)];
  for (let level = 1; level <= 12; level++) {
    lines.push(`l${level}: &l${level}`);
    for (let j = 0; j < 10; j++) lines.push(`  <<: *l${level - 1}`, `  x${j}:`, `    <<: *l${level - 1}`);
  }
  return lines.join('\n');
}

/** Real questions from the eval set, and the pages they are about. */
function loadWorkload(): { queries: string[]; pages: string[] } {
  const rows = readFileSync(join(PACKAGE_ROOT, 'test/fixtures/eval-own.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { query: string; relevant: string[] });
  return { queries: rows.map((row) => row.query), pages: [...new Set(rows.flatMap((row) => row.relevant))] };
}

interface Phase {
  name: string;
  /** The attacker's next request body and headers, for its n-th request. */
  attack(n: number): { body: string; headers?: Record<string, string> };
}

function phases(pages: string[]): Phase[] {
  const largestRead = pages.slice(0, 16);
  const worstCompletion = 'abcdefghijklmnopqrstuvwxyz'.split('').map((letter) => letter.repeat(5)).join(' ').repeat(4).slice(0, 512);
  return [
    // First, so that the baseline after it is not the one that warms the engine and the JIT.
    { name: 'warm-up (ping)', attack: () => ({ body: rpc(1, 'ping', {}) }) },
    { name: 'none (ping)', attack: () => ({ body: rpc(1, 'ping', {}) }) },
    { name: 'explain_config 190 KB, 999 aliases', attack: (n) => ({ body: tool(n, 'explain_config', { config: costlyConfig(n) }) }) },
    { name: 'prompts/get explain-config, << bomb', attack: (n) => ({ body: rpc(n, 'prompts/get', { name: 'explain-config', arguments: { config: mergeBomb(n) } }) }) },
    {
      name: 'completion/complete, 512-char value',
      attack: (n) => ({ body: rpc(n, 'completion/complete', { ref: { type: 'ref/resource', uri: 'upsun-docs://{product}/{+path}' }, argument: { name: 'path', value: `${n} ${worstCompletion}`.slice(0, 512) } }) }),
    },
    {
      name: 'batch of 16 read_page, 20k tokens',
      attack: (n) => ({ body: JSON.stringify(largestRead.map((path, i) => JSON.parse(tool(n * 100 + i, 'read_page', { path_or_url: path, max_tokens: 20_000 })) as unknown)) }),
    },
    { name: 'JSON nested 100,000 deep', attack: (n) => ({ body: `{"jsonrpc":"2.0","id":${n},"method":"ping","params":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}` }) },
  ];
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** What the attacker thread is given, and what it reports when its phase ends. */
interface AttackOrder {
  url: string;
  phase: number;
  pages: string[];
  stopAt: number;
}
interface AttackReport {
  statuses: Array<[number, number]>;
  errors: number;
}

/** The attacker thread: `attackerConnections` loops sending the phase's request as fast as answers come back. */
async function attack({ url, phase: index, pages, stopAt }: AttackOrder): Promise<AttackReport> {
  const phase = phases(pages)[index]!;
  const agent = new Agent({ keepAlive: true, maxSockets: attackerConnections });
  const statuses = new Map<number, number>();
  let errors = 0;
  let sent = 0;
  const loop = async () => {
    // performance.timeOrigin differs between threads: compare wall-clock times.
    while (Date.now() < stopAt) {
      const { body, headers } = phase.attack((sent += 1));
      try {
        const answer = await post(new URL(url), agent, body, { 'x-client-ip': '203.0.113.66', ...headers });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      } catch {
        // A connection the server closed (an over-budget request): counted, and the attacker goes on.
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: attackerConnections }, loop));
  agent.destroy();
  return { statuses: [...statuses], errors };
}

/** One phase: attackers (on their own thread) send as fast as answers come back; victims search one after the other, each as a different client. */
async function runPhase(url: URL, index: number, pages: string[], queries: string[], child: ChildProcess): Promise<void> {
  const phase = phases(pages)[index]!;
  const stopAt = Date.now() + durationMs;
  const victimAgent = new Agent({ keepAlive: true, maxSockets: 2 });
  const order: AttackOrder = { url: url.href, phase: index, pages, stopAt };
  const attacker = new Worker(new URL(import.meta.url), { workerData: order, argv: process.argv.slice(2) });
  const attacked = new Promise<AttackReport>((resolve, reject) => {
    attacker.once('message', resolve);
    attacker.once('error', reject);
  });
  const latencies: number[] = [];
  let victimErrors = 0;
  let asked = 0;
  const victim = async () => {
    while (Date.now() < stopAt) {
      asked += 1;
      // A token budget that differs on every call keeps each answer out of the server's answer cache.
      const body = tool(asked, 'search_docs', { query: queries[asked % queries.length]!, max_tokens: 2000 + (asked % 1000) });
      const answer = await post(url, victimAgent, body, { 'x-client-ip': `198.51.${Math.floor(asked / 250) % 250}.${asked % 250}` });
      if (answer.status === 200) latencies.push(answer.ms);
      else victimErrors += 1;
      // About what a few people searching at once send: a search every 20 ms.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  let peakRss = readRssMb(child.pid!);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, readRssMb(child.pid!))), 100);
  const [report] = await Promise.all([attacked, victim()]);
  clearInterval(sampler);
  victimAgent.destroy();
  latencies.sort((a, b) => a - b);
  const statuses = report.statuses.map(([status, count]) => `${status}: ${count}`).join(', ');
  const attackErrors = report.errors;
  console.log(
    `${phase.name.padEnd(38)} victim searches ${String(latencies.length).padStart(4)}  p50 ${percentile(latencies, 50).toFixed(1).padStart(6)} ms  ` +
      `p99 ${percentile(latencies, 99).toFixed(1).padStart(6)} ms  max ${percentile(latencies, 100).toFixed(0).padStart(5)} ms  errors ${victimErrors}  |  ` +
      `attacker {${statuses}} closed ${attackErrors}  |  server peak RSS ${peakRss.toFixed(0)} MB`,
  );
}

function readRssMb(pid: number): number {
  const kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** The Node flags of the production start command in `.upsun/config.yaml`. */
function productionNodeFlags(): string[] {
  const config = parseYaml(readFileSync(join(PACKAGE_ROOT, '.upsun/config.yaml'), 'utf8')) as { applications: Record<string, { web: { commands: { start: string } } }> };
  const words = Object.values(config.applications)[0]!.web.commands.start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((word, i, all) => word.startsWith('--') && all.slice(0, i).every((w) => w.startsWith('--')));
}

async function startServer(): Promise<{ child: ChildProcess; url: URL; logFile: string }> {
  const logFile = join(work, 'server.log');
  const child = spawn(process.execPath, [...productionNodeFlags(), cli, 'serve', '--http', '--port', '0', '--host', '127.0.0.1', '--index', indexFile], {
    // Default rate limits; the answer cache off, so that every victim search does the work.
    env: { ...process.env, UPSUN_DOCS_TRUST_PROXY: 'x-client-ip', UPSUN_DOCS_ANSWER_CACHE_MB: '0' },
    stdio: ['ignore', 'ignore', openSync(logFile, 'w')],
  });
  const started = Date.now();
  for (;;) {
    const text = readFileSync(logFile, 'utf8');
    const match = text.match(/serving MCP at (http:\/\/[^\s]+)\/mcp/);
    if (match) return { child, url: new URL(`${match[1]!}/mcp`), logFile };
    if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`The server did not start:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const { queries, pages } = loadWorkload();
  console.log(
    `hostile: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${values.duration} s a phase, ${attackerConnections} attacker connections from one client; ` +
      `victim: one search_docs every ~20 ms, each from another client, answer cache off`,
  );
  const server = await startServer();
  try {
    for (const [index, phase] of phases(pages).entries()) {
      if (index === 0 || phase.name.includes(values.phases)) await runPhase(server.url, index, pages, queries, server.child);
    }
    if (server.child.exitCode !== null) throw new Error(`The server died (exit ${server.child.exitCode}):\n${readFileSync(server.logFile, 'utf8').slice(-2000)}`);
    console.log('server still up after every phase');
  } finally {
    server.child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

if (isMainThread) await main();
else parentPort!.postMessage(await attack(workerData as AttackOrder));
