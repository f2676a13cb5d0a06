// The CLI as a few bundled files (npm run build, after tsc): Node 20 spends about 0.4 ms loading each ES
// module, and the stdio server imports ~190 of them (97 from zod alone), most of its start-up budget.
// Dynamic imports stay separate chunks, so each command still loads only what it needs (the indexer,
// the HTTP transport and refresh are not read by `serve`). better-sqlite3 is a native addon: it stays
// in node_modules. Paths to data/ still work: src/paths.ts walks up to package.json from any file.
//
// Two builds into dist/cli:
// - The CLI itself as CommonJS (cli.cjs and its -[hash].cjs chunks): Node 20 can keep V8's compiled code of a
//   CommonJS file (vm.Script cachedData) but has no such API for ES modules, and compiling the ~1.4 MB the stdio
//   server loads is a quarter of its start-up (bin/code-cache.ts, BENCHMARKS.md "Start-up: V8 code cache").
// - ES modules: the launcher (dist/cli/upsun-docs-mcp.js, the package's bin), and the worker entries found beside
//   the chunks that start them: the index build's chunk worker (chunk-worker.js) and the config-check worker
//   (config-check-worker.js). piscina starts its threads from its own files, so it stays in node_modules.
const shared = { platform: 'node', external: ['better-sqlite3', 'piscina'] };
export default [
  {
    ...shared,
    input: {
      'upsun-docs-mcp': 'dist/bin/upsun-docs-mcp.js',
      'chunk-worker': 'dist/indexer/markdown/chunk-worker.js',
      'search-blobs-worker': 'dist/indexer/search-blobs-worker.js',
      'config-check-worker': 'dist/src/sandbox/config-check-worker.js',
    },
    output: { dir: 'dist/cli', format: 'esm', chunkFileNames: '[name]-[hash].js', cleanDir: true },
  },
  {
    ...shared,
    input: { cli: 'dist/bin/cli.js' },
    // dynamicImportInCjs false: the one external import() (piscina, which ships CommonJS) becomes a require(), as
    // import() from a script compiled with a code cache fails on Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
    output: { dir: 'dist/cli', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs', dynamicImportInCjs: false },
  },
];
