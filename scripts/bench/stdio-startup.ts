// Start-up of the stdio server as a host sees it: spawn → initialize → first answered tools/call.
// Usage (after npm run build): node dist/scripts/bench/stdio-startup.js [--index FILE] [--runs 20] [--entry CLI.js] [--cold]
// --cold gives every run an empty V8 code cache folder (XDG_CACHE_HOME, see bin/code-cache.ts): the very first
// start on a machine. Without it the runs use the user's cache, which the first run writes when it is empty.
// --entry runs another copy of the CLI (an installed package's, see installed-startup.ts); without --index it
// then serves the index that copy finds itself (the bundled one).
// Speaks raw JSON-RPC over the pipes, so the figure is the server's, not a client library's.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseScriptArgs } from '../script-args.js';
import { readConfig } from '../../src/config.js';
import { chooseIndexFile } from '../../src/db/choose-index.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { percentile } from './percentiles.js';

const { values } = parseScriptArgs(import.meta.url, { options: { index: { type: 'string' }, runs: { type: 'string', default: '20' }, entry: { type: 'string' }, cold: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const entry = values.entry ?? join(PACKAGE_ROOT, 'dist/cli/upsun-docs-mcp.js');
if (!existsSync(entry)) throw new Error(`No ${entry}: run npm run build first.`);
const indexFile = values.entry && !values.index ? undefined : chooseIndexFile(readConfig(process.env), values.index);
if (indexFile !== undefined && !existsSync(indexFile)) throw new Error(`No index at ${indexFile}: run npm run index first, or pass --index.`);
const serveArgs = [entry, 'serve', ...(indexFile ? ['--index', indexFile] : [])];

interface Timing {
  /** Spawn to the initialize result. */
  initialized: number;
  /** Spawn to the first tools/call result. */
  firstCall: number;
}

function measureOnce(): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const cacheHome = values.cold ? mkdtempSync(join(tmpdir(), 'upsun-docs-cold-cache-')) : undefined;
    const env = cacheHome ? { ...process.env, XDG_CACHE_HOME: cacheHome } : process.env;
    const started = performance.now();
    const child = spawn(process.execPath, serveArgs, { stdio: ['pipe', 'pipe', 'inherit'], env });
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    let buffer = '';
    let initialized = 0;
    child.on('error', reject);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const message = JSON.parse(buffer.slice(0, newline)) as { id?: number; error?: unknown };
        buffer = buffer.slice(newline + 1);
        if (message.error) reject(new Error(JSON.stringify(message.error)));
        if (message.id === 1) {
          initialized = performance.now() - started;
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'search_docs', arguments: { query: 'add a mount for uploads' } } });
        } else if (message.id === 2) {
          const firstCall = performance.now() - started;
          child.stdin.end();
          child.once('exit', () => {
            if (cacheHome) rmSync(cacheHome, { recursive: true, force: true });
            resolve({ initialized, firstCall });
          });
        }
      }
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'stdio-startup-bench', version: '1' } },
    });
  });
}

// The machine's load average before and after: on a shared 2-core VM, other jobs move these figures by ±20%.
const loadBefore = loadavg()[0] ?? 0;
const timings: Timing[] = [];
for (let i = 0; i < runs; i++) timings.push(await measureOnce());
const loadAfter = loadavg()[0] ?? 0;
const stat = (pick: (t: Timing) => number) => {
  const values = timings.map(pick);
  return `median ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
};
console.log(`${entry}, index ${indexFile ?? 'found by the CLI'}, ${values.cold ? 'an empty code cache each run (--cold)' : 'the user\'s code cache'}`);
console.log(
  `stdio start-up over ${runs} runs (Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ` +
    `1-min load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after)`,
);
console.log(`  spawn → initialize result:       ${stat((t) => t.initialized)}`);
console.log(`  spawn → first tools/call result: ${stat((t) => t.firstCall)}`);
