// npm run load-test: the HTTP endpoint under a real load generator (autocannon), in a child process started on
// port 0, reporting throughput, p50/p99 latency, errors and the child's peak RSS (from /proc/<pid>/status).
// Loopback only; every run is bounded by --duration. Figures go to BENCHMARKS.md with the machine they ran on.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { parse as parseYaml } from 'yaml';
import { readConfig } from '../src/config.js';
import { RESOURCE_SCHEME } from '../src/docs/page-ref.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { chooseIndexFile } from '../src/db/choose-index.js';

const { values } = parseArgs({
  options: {
    index: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    era: { type: 'string', default: 'modern' },
  },
});
const indexFile = chooseIndexFile(readConfig(process.env), values.index);
const duration = Number(values.duration);
const connections = Number(values.connections);
const modern = values.era !== 'legacy';
const cli = join(PACKAGE_ROOT, 'dist/cli/upsun-docs-mcp.js');
const work = mkdtempSync(join(tmpdir(), 'upsun-docs-load-'));

/** Real questions from the eval sets, and the pages they are about. */
function loadWorkload(): { queries: string[]; pages: string[] } {
  const rows = ['test/fixtures/eval-sample.jsonl', 'test/fixtures/eval-own.jsonl'].flatMap((file) =>
    readFileSync(join(PACKAGE_ROOT, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { query: string; relevant: string[] }),
  );
  return { queries: rows.map((row) => row.query), pages: [...new Set(rows.flatMap((row) => row.relevant))] };
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

/**
 * search_docs calls that never repeat, so none is answered from the server's answer cache: the same
 * questions with a token budget that differs on every call (2,000 to 2,999 tokens, about the default).
 */
function distinctSearches(queries: string[]): autocannon.Request[] {
  let sent = 0;
  return [
    {
      setupRequest: (request) => {
        sent += 1;
        const call = mcpRequest(sent, 'tools/call', { name: 'search_docs', arguments: { query: queries[sent % queries.length]!, max_tokens: 2000 + (Math.floor(sent / queries.length) % 1000) } }, 'search_docs');
        return { ...request, ...call };
      },
    },
  ];
}
const readPageCall = (id: number, path: string) => mcpRequest(id, 'tools/call', { name: 'read_page', arguments: { path_or_url: path, max_tokens: 2000 } }, 'read_page');
const resourceRead = (id: number, path: string) => mcpRequest(id, 'resources/read', { uri: `${RESOURCE_SCHEME}://upsun/${path}` }, `${RESOURCE_SCHEME}://upsun/${path}`);

interface Server {
  child: ChildProcess;
  url: string;
  logFile: string;
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

async function startServer(label: string, env: Record<string, string>): Promise<Server> {
  const logFile = join(work, `${label}.log`);
  // The request log goes to a file, as it would to a log collector: a pipe read by this process would
  // take CPU from the load generator on a 2-core machine.
  const child = spawn(process.execPath, [...NODE_FLAGS, cli, 'serve', '--http', '--port', '0', '--host', '127.0.0.1', '--index', indexFile], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', openSync(logFile, 'w')],
  });
  const started = Date.now();
  for (;;) {
    const text = readFileSync(logFile, 'utf8');
    const match = text.match(/serving MCP at (http:\/\/[^\s]+)\/mcp/);
    if (match) return { child, url: match[1]!, logFile };
    if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`The server did not start:\n${text}`);
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

/** CPU seconds the process has used (user + system), from /proc/<pid>/stat: fields 14 and 15, in clock ticks (100 a second on Linux). */
function readCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function readRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function run(label: string, server: Server, requests: autocannon.Request[], runConnections = connections): Promise<void> {
  const pid = server.child.pid!;
  let peakRss = readRssMb(pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, readRssMb(pid))), 100);
  const cpuBefore = readCpuSeconds(pid);
  const result = await autocannon({ url: server.url, connections: runConnections, duration, requests, timeout: 20 });
  clearInterval(sampler);
  // Server CPU per answered request: unlike req/s, it does not depend on what else the machine is running.
  const cpuPerRequestMs = ((readCpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
  peakRss = Math.max(peakRss, readRssMb(pid));
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, stat]) => `${code}: ${stat.count}`)
    .join(', ');
  console.log(
    `${label.padEnd(34)} ${Math.round(result.requests.average).toString().padStart(6)} req/s  p50 ${result.latency.p50.toFixed(1).padStart(5)} ms  p99 ${result.latency.p99.toFixed(1).padStart(5)} ms  ` +
      `max ${result.latency.max.toFixed(0).padStart(4)} ms  errors ${result.errors} timeouts ${result.timeouts}  statuses {${statuses}}  server CPU ${cpuPerRequestMs.toFixed(2)} ms/req  peak RSS ${peakRss.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  const { queries, pages } = loadWorkload();
  console.log(
    `load test: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${connections} connections, ${duration} s a run, ` +
      `${modern ? '2026-07-28 (modern, _meta envelope + MCP headers)' : '2025-11-25 (legacy, no handshake: stateless)'} requests; ${queries.length} queries, ${pages.length} pages; ` +
      `server: node ${NODE_FLAGS.join(' ')} (as in .upsun/config.yaml)`,
  );
  const searches = queries.map((query, i) => searchCall(i + 1, query));
  // About what an assistant does: mostly searches, then reading one of the pages found.
  const mix = queries.flatMap((query, i) => {
    const page = pages[i % pages.length]!;
    const requests = [searchCall(i * 10 + 1, query), searchCall(i * 10 + 2, queries[(i + 7) % queries.length]!)];
    if (i % 2 === 0) requests.push(readPageCall(i * 10 + 3, page));
    if (i % 3 === 0) requests.push(resourceRead(i * 10 + 4, page));
    return requests;
  });

  const open = await startServer('open', { UPSUN_DOCS_RATE_LIMIT_PER_MINUTE: '0' });
  try {
    console.log(`server idle RSS ${readRssMb(open.child.pid!).toFixed(0)} MB`);
    await run('warm-up (search_docs)', open, searches);
    await run('search_docs, repeated questions', open, searches);
    await run('search_docs, every call distinct', open, distinctSearches(queries));
    await run('mix (search/read_page/resources)', open, mix);
    console.log(`answer cache after the runs: ${JSON.stringify(await readAnswerCache(open))}`);
    // Hostile: 64 connections sending the largest config explain_config takes, each one different (no cache).
    await run('explain_config 190 KB, 64 connections', open, largeConfigChecks(), 64);
    const after = await fetch(`${open.url}/mcp`, { method: 'POST', headers: searchCall(1, 'mounts').headers as Record<string, string>, body: searchCall(1, 'add a mount for uploads').body as string });
    console.log(`a search after the hostile run: HTTP ${after.status}`);
  } finally {
    console.log(`server exit on SIGTERM: ${await stopServer(open)}`);
  }

  // One client (every connection from 127.0.0.1) against 600 calls a minute, burst 50: the excess must get
  // 429 with Retry-After quickly, and nothing else may fail.
  const limited = await startServer('limited', { UPSUN_DOCS_RATE_LIMIT_PER_MINUTE: '600', UPSUN_DOCS_RATE_LIMIT_BURST: '50' });
  try {
    await run('search_docs, rate limit 600/min', limited, searches);
  } finally {
    await stopServer(limited);
  }
  rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
