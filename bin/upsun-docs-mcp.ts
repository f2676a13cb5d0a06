#!/usr/bin/env node
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { codeCacheFolder, requireWithCodeCache } from './code-cache.js';

// The package's bin: loads the bundled CLI (dist/cli/cli.cjs, CommonJS) with V8's compiled code kept on disk, so
// the next start skips compiling it: stdio hosts spawn a server per window, and compiling is a quarter of a
// start-up. On Node >= 22.1, Node's own compile cache does it (in the OS temp dir or $NODE_COMPILE_CACHE; written
// atomically, shared safely by concurrent processes, never throws). Node 20 has no such API: bin/code-cache.ts
// does the same for CommonJS through vm.Script. NODE_DISABLE_COMPILE_CACHE=1 turns either off. It must run
// before the CLI's modules load, hence this launcher.
const cli = fileURLToPath(new URL('./cli.cjs', import.meta.url));
const enableCompileCache = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
if (enableCompileCache || process.env.NODE_DISABLE_COMPILE_CACHE === '1') {
  enableCompileCache?.();
  module.createRequire(import.meta.url)(cli);
} else {
  // Only the servers write the cache (no command is `serve` for a host, see bin/command-line.ts): it holds the
  // functions the writing run compiled, so one written by `--version` would leave a later server compiling most
  // of its code, and an accepted cache is never rewritten.
  const command = process.argv[2];
  requireWithCodeCache(cli, codeCacheFolder(process.env), { write: command === undefined || command === 'serve' || command === 'start' });
}
