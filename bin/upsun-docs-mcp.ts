#!/usr/bin/env node
import module from 'node:module';

// On Node >= 22.1, keep V8's compiled code of every module on disk so the next start skips compiling
// them: stdio hosts spawn a server per window, and compiling is most of a start-up. The cache lives in the
// OS temp dir (or $NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), is written atomically
// and shared safely by concurrent processes, and the call never throws: a read-only or full disk only means
// no cache. Node 20 has no such API. It must run before the CLI's modules load, hence this launcher.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./cli.js');
