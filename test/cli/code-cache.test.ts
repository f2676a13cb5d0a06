// The installed CLI keeps V8's compiled code in the user's cache folder (bin/code-cache.ts) so that the next start
// of the stdio server skips compiling it. What a user would notice: a second start reads the cache instead of
// rewriting it; a broken or unwritable cache changes nothing they can see (same answer, nothing on stderr, exit 0).
// Real child processes of the built CLI over stdio, each with its own XDG_CACHE_HOME.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, inject, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';

const cliEntry = inject('cliEntry');
const indexError = inject('indexError');

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'code-cache-test', version: '1.0.0' } } };
const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };
const search = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'search_docs', arguments: { query: 'add a mount for uploads' } } };

interface Session {
  /** The search_docs answer's text. */
  answer: string;
  stderr: string;
  code: number | null;
}

/** Start `serve`, initialize, search once, close stdin; resolves once the process has exited. */
function searchOnce(env: Record<string, string>): Promise<Session> {
  if (indexError) throw new Error(indexError);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, 'serve', '--index', inject('indexFile')], { stdio: 'pipe', env: { ...process.env, ...env } });
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    let stderr = '';
    let stdout = '';
    let answer = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      let newline: number;
      while ((newline = stdout.indexOf('\n')) >= 0) {
        const message = JSON.parse(stdout.slice(0, newline)) as { id?: number; result?: { content?: Array<{ text?: string }> } };
        stdout = stdout.slice(newline + 1);
        if (message.id === 1) {
          send(initialized);
          send(search);
        } else if (message.id === 2) {
          answer = message.result?.content?.[0]?.text ?? JSON.stringify(message);
          child.stdin.end();
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ answer, stderr, code }));
    send(initialize);
  });
}

const folders: string[] = [];
function cacheHome(): string {
  const folder = mkdtempSync(join(tmpdir(), 'upsun-docs-code-cache-test-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The cache files and their modification times, by name. */
function cacheFiles(home: string): Map<string, number> {
  const folder = join(home, 'upsun-docs-mcp', 'v8');
  return new Map(readdirSync(folder).map((name) => [name, statSync(join(folder, name)).mtimeMs]));
}

test('the first start writes the code cache; the next one reads it and answers the same', { timeout: 60_000 }, async () => {
  const home = cacheHome();
  const first = await searchOnce({ XDG_CACHE_HOME: home });
  expect(first).toMatchObject({ stderr: '', code: 0 });
  expect(first.answer).toContain('mount');
  const written = cacheFiles(home);
  // The bundle's entry and chunks the server loads, and better-sqlite3's own files.
  expect(written.size).toBeGreaterThanOrEqual(4);

  const second = await searchOnce({ XDG_CACHE_HOME: home });
  expect(second).toEqual(first);
  // Not one file rewritten: V8 accepted every cached script (a rejected one is compiled anew and written again).
  expect(cacheFiles(home)).toEqual(written);
});

test('a corrupt code cache is replaced, with the same answer and nothing on stderr', { timeout: 60_000 }, async () => {
  const home = cacheHome();
  const clean = await searchOnce({ XDG_CACHE_HOME: home });
  const folder = join(home, 'upsun-docs-mcp', 'v8');
  for (const name of readdirSync(folder)) writeFileSync(join(folder, name), 'not a V8 code cache');
  const broken = await searchOnce({ XDG_CACHE_HOME: home });
  expect(broken).toEqual(clean);
  for (const name of readdirSync(folder)) expect(statSync(join(folder, name)).size, name).toBeGreaterThan(100);
});

test('a cache folder that cannot be written costs nothing visible', { timeout: 60_000 }, async () => {
  const home = cacheHome();
  // A file where the folder should be: mkdir fails whoever runs the test (root ignores a read-only mode).
  writeFileSync(join(home, 'upsun-docs-mcp'), '');
  chmodSync(join(home, 'upsun-docs-mcp'), 0o444);
  const session = await searchOnce({ XDG_CACHE_HOME: home });
  expect(session).toMatchObject({ stderr: '', code: 0 });
  expect(session.answer).toContain('mount');
});

test('two copies of the same file each keep their own path in stack traces (better-sqlite3 finds its addon by it)', { timeout: 60_000 }, async () => {
  const home = cacheHome();
  const codeCache = pathToFileURL(join(PACKAGE_ROOT, 'dist/bin/code-cache.js')).href;
  const copies = ['first', 'second'].map((name) => {
    const folder = join(home, name);
    mkdirSync(folder);
    writeFileSync(join(folder, 'where.cjs'), 'module.exports = new Error("here").stack.split("\\n")[1];\n');
    return join(folder, 'where.cjs');
  });
  const whereFrom = (file: string) =>
    execFileSync(process.execPath, ['--input-type=module', '-e', `import { requireWithCodeCache } from ${JSON.stringify(codeCache)};
      console.log(requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(join(home, 'cache'))}, { write: true }));`], { encoding: 'utf8' });
  expect(whereFrom(copies[0]!)).toContain(copies[0]);
  expect(readdirSync(join(home, 'cache'))).toHaveLength(1);
  expect(whereFrom(copies[1]!)).toContain(copies[1]);
});

test('old builds\' cache files are pruned when a new build writes its own, and the new ones are kept', { timeout: 60_000 }, async () => {
  const home = cacheHome();
  const folder = join(home, 'upsun-docs-mcp', 'v8');
  mkdirSync(folder, { recursive: true });
  const longAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  for (let i = 0; i < 250; i++) {
    const file = join(folder, `old-build-${i}.v8`);
    writeFileSync(file, 'an older build');
    utimesSync(file, longAgo, longAgo);
  }
  await searchOnce({ XDG_CACHE_HOME: home });
  const kept = cacheFiles(home);
  expect(kept.size).toBeLessThanOrEqual(200);
  const fresh = [...kept.keys()].filter((name) => !name.startsWith('old-build-'));
  expect(fresh.length).toBeGreaterThanOrEqual(4);
  // The next start finds every file it needs: nothing rewritten.
  await searchOnce({ XDG_CACHE_HOME: home });
  expect(cacheFiles(home)).toEqual(kept);
});
