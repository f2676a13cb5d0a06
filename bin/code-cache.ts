// V8's code cache for the bundled CommonJS CLI on Node versions without module.enableCompileCache (Node 20).
// Compiling the ~1.4 MB of JavaScript the stdio server runs (the MCP SDK, zod, ajv, our code) is about a quarter
// of its start-up; V8 can hand back the compiled code of a script it compiled before (vm.Script `cachedData`),
// functions compiled lazily during that run included. An MCP host spawns a server per window and session, so
// every start after the first one on a machine reads it. See BENCHMARKS.md "Start-up: V8 code cache".
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import vm from 'node:vm';

/** The folder the cache files live in: `$XDG_CACHE_HOME/upsun-docs-mcp/v8` when absolute, else `~/.cache/upsun-docs-mcp/v8`. */
export function codeCacheFolder(env: Record<string, string | undefined>, homeDir = homedir()): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homeDir, '.cache'), 'upsun-docs-mcp', 'v8');
}

interface CommonJsModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}

type ModuleInternals = typeof Module & {
  prototype: CommonJsModule;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: CommonJsModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: CommonJsModule): string[] | null;
  _extensions: Record<string, unknown>;
  _cache: Record<string, unknown>;
};

/**
 * Require `entry` (a CommonJS file) with every CommonJS file it loads (the bundle's chunks, better-sqlite3's and
 * piscina's JavaScript) compiled through V8's code cache in `cacheFolder`. A cache file is named by the hash of the
 * script's path and text and the Node version, platform and architecture, so a rebuilt bundle, another copy of the
 * package or another Node never reads a stale one (V8 itself checks only the text's length and its own version).
 * A missing, unreadable or rejected cache is compiled as usual and, when `write` is set, written once the process exits (then it holds the functions the
 * run compiled too); a folder that cannot be written means no cache and no message: the cache only saves time.
 */
export function requireWithCodeCache(entry: string, cacheFolder: string, { write }: { write: boolean }): unknown {
  const internals = Module as ModuleInternals;
  const requireEntry = Module.createRequire(entry);
  const salt = `${process.version}\0${process.platform}\0${process.arch}\0`;
  const toWrite: Array<{ script: vm.Script; file: string }> = [];
  internals.prototype._compile = function compileWithCodeCache(this: CommonJsModule, content: string, filename: string) {
    // The file's path is part of the key: V8 keeps the path a script was compiled under in its cache, and stack
    // traces (which `bindings` reads to find better-sqlite3's addon) would name the first copy's files.
    const key = createHash('sha256').update(salt).update(filename).update('\0').update(content).digest('hex');
    const file = join(cacheFolder, `${key.slice(0, 32)}.v8`);
    const cachedData = readCacheFile(file);
    // No importModuleDynamically: on Node 20 an import() in a script read from a code cache fails
    // (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so the bundle has none (rolldown.config.mjs, dynamicImportInCjs),
    // nor do better-sqlite3 and piscina's main thread (piscina's import() runs in its worker threads, not hooked).
    // A `#!` line is valid only at the very start of a script, which the wrapper is not: made a comment, as Node does.
    const source = content.startsWith('#!') ? `//${content}` : content;
    const script = new vm.Script(internals.wrap(source), { filename, ...(cachedData && { cachedData }) });
    if (write && (cachedData === undefined || script.cachedDataRejected === true)) toWrite.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const module = this;
    const require = Object.assign((id: string) => module.require(id), {
      resolve: Object.assign((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options), {
        paths: (request: string) => internals._resolveLookupPaths(request, module),
      }),
      extensions: internals._extensions,
      main: requireEntry.main,
      cache: internals._cache,
    });
    return wrapper.call(module.exports, module.exports, require, module, filename, dirname(filename));
  };
  // At exit, not at compile time: the cache then also holds the functions this run compiled lazily.
  process.once('exit', () => {
    if (toWrite.length === 0) return;
    for (const { script, file } of toWrite) writeCacheFile(file, script.createCachedData());
    pruneCacheFolder(cacheFolder, MAX_CACHE_FILES);
  });
  return requireEntry(entry);
}

/** The cache file's bytes, or undefined when there is none yet (or it cannot be read: then it is rewritten). */
function readCacheFile(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    // ENOENT on the first start; any other reason (EACCES, EIO) means the same: compile without a cache.
    return undefined;
  }
}

/** Write atomically (several servers may start at once); a read-only or full disk only means no cache. */
function writeCacheFile(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    // The cache is an optimisation: a folder that cannot be written (read-only home, no space) must not fail or
    // print anything in a process whose stdout is a protocol stream.
  }
}

/**
 * Most cache files kept: each build of the package (and each Node version) writes new ones, named by their
 * text, and nothing else removes the old ones. A start loads a few dozen files; this keeps several versions.
 */
const MAX_CACHE_FILES = 200;

/** Delete the least recently written cache files beyond `keep`; like writing, a failure only leaves files behind. */
function pruneCacheFolder(folder: string, keep: number): void {
  try {
    const files = readdirSync(folder).filter((name) => name.endsWith('.v8'));
    if (files.length <= keep) return;
    const byAge = files.map((name) => ({ path: join(folder, name), written: statSync(join(folder, name)).mtimeMs })).sort((a, b) => b.written - a.written);
    for (const { path } of byAge.slice(keep)) rmSync(path, { force: true });
  } catch {
    // Another server pruning at the same moment (ENOENT) or a folder we cannot list: the next write tries again.
  }
}
