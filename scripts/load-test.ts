// npm run load-test: the HTTP endpoint under a real load generator (autocannon), in a child process started on
// port 0 with the production Node flags. It leads with the honest case: the answer cache off and every
// search_docs query different (never repeated within the run), on as many worker processes as the server
// picks by default, then the same on one process, then the cached and mixed runs beside them. Each line:
// throughput, p50/p99/max latency, errors (socket errors, timeouts, non-2xx, JSON-RPC and tool errors),
// server CPU per request over all its processes, the load generator's own CPU, and the peak RSS of all
// server processes together and of the largest one. Loopback only; every run is bounded by --duration.
// Figures go to BENCHMARKS.md with the machine and its load (printed first and last). `--cold` drops the 3 s
// warm-up run before each headline run, which then starts as the server prints its address (as after a deploy).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScriptArgs } from './script-args.js';
import autocannon from 'autocannon';
import { parse as parseYaml } from 'yaml';
import { readConfig } from '../src/config.js';
import { RESOURCE_SCHEME } from '../src/docs/page-ref.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { countUsableCpus } from '../src/transports/http/cluster/count-usable-cpus.js';
import { createDistinctQuestions, loadBaseQuestions } from './load-test/distinct-queries.js';
import { listProcessTree, readCpuSeconds, readRssMb, sampleMemory } from './load-test/server-processes.js';
import { chooseIndexFile } from '../src/db/choose-index.js';

const { values } = parseScriptArgs(import.meta.url, {
  options: {
    index: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    era: { type: 'string', default: 'modern' },
    /** Worker processes for the headline runs (default: what `serve --http` picks, one per usable CPU). */
    workers: { type: 'string' },
    /** Stop after the headline runs (cache off, every query different, on the workers and on one process). */
    'headline-only': { type: 'boolean', default: false },
    /** No warm-up run before the headline runs: they start as the server prints its address, as after a (re)deploy. */
    cold: { type: 'boolean', default: false },
  },
});
const indexFile = chooseIndexFile(readConfig(process.env), values.index);
const duration = Number(values.duration);
const connections = Number(values.connections);
const modern = values.era !== 'legacy';
const workers = values.workers === undefined ? countUsableCpus() : Number(values.workers);
const cli = join(PACKAGE_ROOT, 'dist/cli/upsun-docs-mcp.js');
const work = mkdtempSync(join(tmpdir(), 'upsun-docs-load-'));

/** Pages the development eval questions are about, for read_page and resources/read in the mix. */
function loadPages(): string[] {
  const rows = ['test/fixtures/eval-sample.jsonl', 'test/fixtures/eval-own.jsonl'].flatMap((file) =>
    readFileSync(join(PACKAGE_ROOT, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { query: string; relevant: string[] }),
  );
  return [...new Set(rows.flatMap((row) => row.relevant))];
}

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'load-test', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** One MCP request as autocannon sends it: 2026-07-28 needs the `_meta` envelope and the standard headers; 2025 needs neither. */
function mcpRequest(id: number, method: string, params: Record<string, unknown>, name?: string): autocannon.Request {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  if (modern) {
    headers['mcp-protocol-version'] = '2026-07-28';
    headers['mcp-method'] = method;
    if (name !== undefined) headers['mcp-name'] = name;
  }
  const body = JSON.stringify({ jsonrpc: '2.0', id, method, params: modern ? { ...params, _meta: META } : params });
  return { method: 'POST', path: '/mcp', headers, body };
}

const searchCall = (id: number, query: string) => mcpRequest(id, 'tools/call', { name: 'search_docs', arguments: { query } }, 'search_docs');
const readPageCall = (id: number, path: string) => mcpRequest(id, 'tools/call', { name: 'read_page', arguments: { path_or_url: path, max_tokens: 2000 } }, 'read_page');
const resourceRead = (id: number, path: string) => mcpRequest(id, 'resources/read', { uri: `${RESOURCE_SCHEME}://upsun/${path}` }, `${RESOURCE_SCHEME}://upsun/${path}`);

/** Answers that are HTTP 200 but failed: a JSON-RPC error or a tool result flagged isError (inside a result, quotes are escaped). */
let rpcErrors = 0;
const countRpcErrors = (status: number, body: string) => {
  if (status === 200 && (body.includes('"isError":true') || body.startsWith('{"jsonrpc":"2.0","id":') && body.includes('"error":{'))) rpcErrors += 1;
};

/** search_docs calls whose questions come from `nextQuestion`, one per request, none sent twice. */
function distinctSearches(nextQuestion: () => string, counter: { sent: number }): autocannon.Request[] {
  return [
    {
      setupRequest: (request) => {
        counter.sent += 1;
        return { ...request, ...searchCall(counter.sent, nextQuestion()) };
      },
      onResponse: countRpcErrors,
    },
  ];
}

/** explain_config calls with a ~190,000-character config (the tool takes up to 200,000), each a little different. */
function largeConfigChecks(): autocannon.Request[] {
  const app = (i: number) => `  app${i}:\n    type: nodejs:24\n    mounts:\n      web/uploads:\n        source: storage\n        source_path: uploads\n`;
  let text = 'applications:\n';
  for (let i = 0; text.length < 190_000; i++) text += app(i);
  let sent = 0;
  return [
    {
      setupRequest: (request) => {
        sent += 1;
        return { ...request, ...mcpRequest(sent, 'tools/call', { name: 'explain_config', arguments: { config: `# call ${sent}\n${text}` } }, 'explain_config') };
      },
    },
  ];
}

/**
 * The Node flags of the production start command (`.upsun/config.yaml`, `web.commands.start`), so the
 * server under load runs as deployed.
 */
function productionNodeFlags(): string[] {
  const config = parseYaml(readFileSync(join(PACKAGE_ROOT, '.upsun/config.yaml'), 'utf8')) as { applications: Record<string, { web: { commands: { start: string } } }> };
  const start = Object.values(config.applications)[0]!.web.commands.start;
  const words = start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((word, i, all) => word.startsWith('--') && all.slice(0, i).every((w) => w.startsWith('--')));
}
const NODE_FLAGS = productionNodeFlags();

interface Server {
  child: ChildProcess;
  url: string;
  logFile: string;
}

async function startServer(label: string, serverWorkers: number, env: Record<string, string>): Promise<Server> {
  const logFile = join(work, `${label}.log`);
  // The request log goes to a file, as it would to a log collector: a pipe read by this process would
  // take CPU from the load generator on a 2-core machine.
  const child = spawn(process.execPath, [...NODE_FLAGS, cli, 'serve', '--http', '--port', '0', '--host', '127.0.0.1', '--index', indexFile, '--workers', String(serverWorkers)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', openSync(logFile, 'w')],
  });
  const started = Date.now();
  for (;;) {
    const text = readFileSync(logFile, 'utf8');
    const match = text.match(/serving MCP at (http:\/\/[^\s]+)\/mcp/);
    if (match) return { child, url: match[1]!, logFile };
    if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`The server did not start:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readAnswerCache(server: Server): Promise<unknown> {
  const health = (await (await fetch(`${server.url}/healthz`)).json()) as { answerCache?: unknown };
  return health.answerCache;
}

async function stopServer({ child }: Server): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

interface RunResult {
  /** Answers with HTTP 200. */
  ok: number;
  requestsPerSecond: number;
  p99: number;
  errors: number;
}

async function run(label: string, server: Server, requests: autocannon.Request[], options: { connections?: number; seconds?: number } = {}): Promise<RunResult> {
  const root = server.child.pid!;
  const pids = listProcessTree(root);
  const memory = sampleMemory(root);
  const cpuBefore = readCpuSeconds(pids);
  const ownCpuBefore = process.cpuUsage();
  rpcErrors = 0;
  const seconds = options.seconds ?? duration;
  const result = await autocannon({ url: server.url, connections: options.connections ?? connections, duration: seconds, requests, timeout: 20 });
  const { peakTotalMb, peakProcessMb, processes } = memory.stop();
  // Server CPU per answered request, over the primary and every worker: unlike req/s, it does not depend on
  // what else the machine is running.
  const cpuPerRequestMs = ((readCpuSeconds(listProcessTree(root)) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const loadGeneratorCpu = (ownCpu.user + ownCpu.system) / 1e6 / seconds;
  const statusCounts = result.statusCodeStats ?? {};
  const statuses = Object.entries(statusCounts)
    .map(([code, stat]) => `${code}: ${stat.count}`)
    .join(', ');
  const errors = result.errors + result.timeouts + result.non2xx + rpcErrors;
  console.log(
    `${label.padEnd(52)} ${Math.round(result.requests.average).toString().padStart(6)} req/s  p50 ${result.latency.p50.toFixed(1).padStart(5)} ms  p99 ${result.latency.p99.toFixed(1).padStart(5)} ms  ` +
      `max ${result.latency.max.toFixed(0).padStart(4)} ms  errors ${errors} (socket ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, rpc ${rpcErrors})  statuses {${statuses}}  ` +
      `server CPU ${cpuPerRequestMs.toFixed(2)} ms/req  load generator ${(loadGeneratorCpu * 100).toFixed(0)}% CPU  peak RSS ${peakTotalMb.toFixed(0)} MB in ${processes} processes (largest ${peakProcessMb.toFixed(0)} MB)`,
  );
  return { ok: statusCounts['200']?.count ?? 0, requestsPerSecond: result.requests.average, p99: result.latency.p99, errors };
}

function describeLoad(): string {
  return `load average ${loadavg().map((load) => load.toFixed(2)).join(' ')} (1, 5, 15 min)`;
}

async function main(): Promise<void> {
  const bases = loadBaseQuestions();
  const nextQuestion = createDistinctQuestions(bases);
  const pages = loadPages();
  console.log(
    `load test: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${describeLoad()}; ${connections} connections, ${duration} s a run, ` +
      `${modern ? '2026-07-28 (modern, _meta envelope + MCP headers)' : '2025-11-25 (legacy, no handshake: stateless)'} requests; ` +
      `server: node ${NODE_FLAGS.join(' ')} (as in .upsun/config.yaml), ${workers} worker processes (serve --http picks ${countUsableCpus()} here); ` +
      `${bases.length} base questions (development eval sets + page questions), each varied so that no query repeats`,
  );

  // The honest case first: no answer is ever served from the cache, and no query is ever asked twice.
  const sent = { sent: 0 };
  for (const serverWorkers of workers > 1 ? [workers, 1] : [1]) {
    const label = serverWorkers > 1 ? `${serverWorkers} workers` : '1 process';
    const server = await startServer(`uncached-${serverWorkers}`, serverWorkers, { UPSUN_DOCS_RATE_LIMIT_PER_MINUTE: '0', UPSUN_DOCS_ANSWER_CACHE_MB: '0' });
    try {
      console.log(`[${label}] server idle RSS ${listProcessTree(server.child.pid!).reduce((sum, pid) => sum + readRssMb(pid), 0).toFixed(0)} MB in ${listProcessTree(server.child.pid!).length} processes`);
      if (!values.cold) await run(`[${label}] warm-up (distinct, not counted)`, server, distinctSearches(nextQuestion, sent), { seconds: 3 });
      const honest = await run(`[${label}] search_docs, cache off, every query different${values.cold ? ', from a cold start' : ''}`, server, distinctSearches(nextQuestion, sent));
      if (serverWorkers === workers) {
        const met = honest.requestsPerSecond >= 1_200 && honest.p99 < 50 && honest.errors === 0;
        console.log(
          `target (issue 14): at least 1,200 calls/s (goal 1,500), p99 under 50 ms, 0 errors: ${met ? 'met' : 'NOT met'} ` +
            `(${Math.round(honest.requestsPerSecond)} calls/s, p99 ${honest.p99} ms, ${honest.errors} errors; ${describeLoad()})`,
        );
      }
    } finally {
      console.log(`[${label}] server exit on SIGTERM: ${await stopServer(server)}`);
    }
  }
  console.log(`${sent.sent} distinct search_docs queries sent, none twice`);
  if (values['headline-only']) {
    rmSync(work, { recursive: true, force: true });
    return;
  }

  // What charging every call in the primary's shared rate-limit table (IPC from each worker) costs: a limit
  // no client reaches, so every call is charged and allowed.
  if (workers > 1) {
    const charged = await startServer('charged', workers, { UPSUN_DOCS_RATE_LIMIT_PER_MINUTE: '1000000', UPSUN_DOCS_RATE_LIMIT_BURST: '1000000', UPSUN_DOCS_ANSWER_CACHE_MB: '0' });
    try {
      await run(`[${workers} workers] warm-up (distinct, not counted)`, charged, distinctSearches(nextQuestion, sent), { seconds: 3 });
      await run(`[${workers} workers] as above, every call charged in the primary`, charged, distinctSearches(nextQuestion, sent));
    } finally {
      await stopServer(charged);
    }
  }

  // Beside it: the answer cache on (as deployed), repeated questions and a mix.
  const searches = bases.slice(0, 139).map((query, i) => ({ ...searchCall(i + 1, query), onResponse: countRpcErrors }));
  const mix = bases.slice(0, 139).flatMap((query, i) => {
    const page = pages[i % pages.length]!;
    const requests = [searchCall(i * 10 + 1, query), searchCall(i * 10 + 2, bases[(i + 7) % 139]!)];
    if (i % 2 === 0) requests.push(readPageCall(i * 10 + 3, page));
    if (i % 3 === 0) requests.push(resourceRead(i * 10 + 4, page));
    return requests.map((request) => ({ ...request, onResponse: countRpcErrors }));
  });
  const cached = await startServer('cached', workers, { UPSUN_DOCS_RATE_LIMIT_PER_MINUTE: '0' });
  const cachedLabel = workers > 1 ? `[${workers} workers, cache on]` : '[1 process, cache on]';
  try {
    await run(`${cachedLabel} warm-up (search_docs)`, cached, searches, { seconds: 3 });
    await run(`${cachedLabel} search_docs, 139 questions repeated`, cached, searches);
    await run(`${cachedLabel} mix (search/read_page/resources)`, cached, mix);
    console.log(`answer cache of the worker that answered: ${JSON.stringify(await readAnswerCache(cached))}`);
    // Hostile: 64 connections sending the largest config explain_config takes, each one different (no cache).
    await run(`${cachedLabel} explain_config 190 KB, 64 connections`, cached, largeConfigChecks(), { connections: 64 });
    const after = await fetch(`${cached.url}/mcp`, { method: 'POST', headers: searchCall(1, 'mounts').headers as Record<string, string>, body: searchCall(1, 'add a mount for uploads').body as string });
    console.log(`a search after the hostile run: HTTP ${after.status}`);
  } finally {
    console.log(`server exit on SIGTERM: ${await stopServer(cached)}`);
  }

  // One client (every connection from 127.0.0.1) against 600 calls a minute, burst 50: the excess must get
  // 429 with Retry-After quickly, nothing else may fail, and across workers the client gets no more than
  // one bucket allows.
  const limited = await startServer('limited', workers, { UPSUN_DOCS_RATE_LIMIT_PER_MINUTE: '600', UPSUN_DOCS_RATE_LIMIT_BURST: '50' });
  try {
    const startedAt = performance.now();
    const { ok } = await run(`[${workers > 1 ? `${workers} workers` : '1 process'}] search_docs, rate limit 600/min burst 50`, limited, searches);
    const allowed = 50 + Math.floor(((performance.now() - startedAt) / 60_000) * 600);
    console.log(`rate limit: ${ok} calls allowed; one bucket allows at most ${allowed} in that time (50 + 10 a second)`);
  } finally {
    await stopServer(limited);
  }
  console.log(`done; ${describeLoad()}`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
