// node --max-semi-space-size=4 --max-old-space-size=128 dist/scripts/bench/mcp-call-cost.js [--index FILE]
//   [--calls N] [--at-once N] [--rounds N]
// Where a search_docs call's CPU goes besides the search, without HTTP, sockets or a load generator sharing the
// cores (the load test's CPU per request cannot separate them): CPU and garbage-collection time per call, in
// process, for (1) the search engine alone, (2) a small MCP request (resources/templates/list) and (3) a
// search_docs call, both through the SDK endpoint the HTTP server uses, with server instances reused as served
// (server-pool.ts) and, beside them, built fresh for each request (as before); search_docs also as a 2025-11-25
// client sends it. Every query is different: caches see nothing twice. Run it with the production Node flags
// (.upsun/config.yaml), or others to compare them.
import { readFileSync } from 'node:fs';
import { parseScriptArgs } from '../script-args.js';
import { GCProfiler } from 'node:v8';
import { readConfig } from '../../src/config.js';
import { chooseIndexFile } from '../../src/db/choose-index.js';
import { createIndexHolder } from '../../src/docs/index-holder.js';
import { createDocsServer } from '../../src/mcp/create-server.js';
import { createDocsServerDeps } from '../../src/mcp/server-deps.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { createMcpEndpoint, type McpEndpoint } from '../../src/transports/http/mcp-endpoint.js';
import { createServerPool } from '../../src/transports/http/server-pool.js';
import { createDistinctQuestions, loadBaseQuestions } from '../load-test/distinct-queries.js';

const { values } = parseScriptArgs(import.meta.url, { options: { index: { type: 'string' }, calls: { type: 'string', default: '2000' }, 'at-once': { type: 'string', default: '16' }, rounds: { type: 'string', default: '2' } } });
const calls = Number(values.calls);
const atOnce = Number(values['at-once']);

const holder = createIndexHolder(chooseIndexFile(readConfig(process.env), values.index), { vocabulary: loadVocabulary(DATA_PATHS.searchData), log: () => undefined, closeDelayMs: 1_000 });
const deps = createDocsServerDeps({
  getIndex: () => holder.current(),
  registry: loadImageRegistry(DATA_PATHS.imageRegistry),
  configSchema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
  version: '0.0.0-bench',
});
const onerror = (error: Error) => console.error(`SDK error: ${error.message}`);
const pools = { modern: createServerPool(deps, { maxIdle: 32 }), legacy: createServerPool(deps, { maxIdle: 32 }) };
const pooled = createMcpEndpoint({ createServer: (era, { keepsState }) => (keepsState ? createDocsServer(deps) : pools[era].take()), maxBodyBytes: 1 << 20, onerror });
const fresh = createMcpEndpoint({ createServer: () => createDocsServer(deps), maxBodyBytes: 1 << 20, onerror });

const nextQuestion = createDistinctQuestions(loadBaseQuestions());
const META = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'mcp-call-cost', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} };
let id = 0;

async function call(endpoint: McpEndpoint, method: string, params: Record<string, unknown>, name?: string): Promise<void> {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': method, ...(name && { 'mcp-name': name }) };
  const body = { jsonrpc: '2.0', id: ++id, method, params: { ...params, _meta: META } };
  await answer(endpoint, headers, body);
}

/** The same call as a 2025-11-25 client sends it to a stateless server: no envelope, no MCP headers but the revision. */
async function callLegacy(endpoint: McpEndpoint, method: string, params: Record<string, unknown>): Promise<void> {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' };
  await answer(endpoint, headers, { jsonrpc: '2.0', id: ++id, method, params });
}

async function answer(endpoint: McpEndpoint, headers: Record<string, string>, body: { jsonrpc: string; id: number; method: string; params: unknown }): Promise<void> {
  const { method } = body;
  const response = await endpoint.handle(new Request('http://localhost/mcp', { method: 'POST', headers }), body);
  const text = await response.text();
  if (response.status !== 200 || text.includes('"isError":true')) throw new Error(`${method} answered ${response.status}: ${text.slice(0, 300)}`);
}

const cases: Array<[string, () => unknown]> = [
  ['search engine alone', () => holder.current().search.search({ query: nextQuestion() })],
  ['resources/templates/list, reused instances', () => call(pooled, 'resources/templates/list', {})],
  ['resources/templates/list, fresh instance each', () => call(fresh, 'resources/templates/list', {})],
  ['search_docs, reused instances', () => call(pooled, 'tools/call', { name: 'search_docs', arguments: { query: nextQuestion() } }, 'search_docs')],
  ['search_docs, fresh instance each', () => call(fresh, 'tools/call', { name: 'search_docs', arguments: { query: nextQuestion() } }, 'search_docs')],
  ['search_docs 2025-11-25, reused instances', () => callLegacy(pooled, 'tools/call', { name: 'search_docs', arguments: { query: nextQuestion() } })],
  ['search_docs 2025-11-25, fresh instance each', () => callLegacy(fresh, 'tools/call', { name: 'search_docs', arguments: { query: nextQuestion() } })],
];

async function measure(label: string, run: () => unknown): Promise<void> {
  const gc = new GCProfiler();
  gc.start();
  const cpuBefore = process.cpuUsage();
  let left = calls;
  await Promise.all(Array.from({ length: atOnce }, async () => {
    while (left-- > 0) await run();
  }));
  const cpu = process.cpuUsage(cpuBefore);
  const { statistics } = gc.stop();
  const gcMs = statistics.reduce((sum, event) => sum + event.cost, 0) / 1000;
  console.log(`${label.padEnd(48)} CPU ${((cpu.user + cpu.system) / 1000 / calls).toFixed(3)} ms/call   GC pauses ${(gcMs / calls).toFixed(3)} ms/call (${statistics.length} collections)`);
}

console.log(`${calls} calls a case, ${atOnce} at once; node ${process.execArgv.join(' ') || '(no flags)'}; each round runs every case in turn`);
for (const [, run] of cases) for (let i = 0; i < 100; i++) await run(); // JIT warm-up
for (let round = 1; round <= Number(values.rounds); round++) {
  console.log(`round ${round}`);
  for (const [label, run] of cases) await measure(label, run);
}
await deps.configChecker.close();
holder.close();
