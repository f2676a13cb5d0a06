// The CLI as a few bundled files (npm run build, after tsc): Node 20 spends about 0.4 ms loading each ES
// module, and the stdio server imports ~190 of them (97 from zod alone), most of its start-up budget.
// Dynamic imports stay separate chunks, so each command still loads only what it needs (the indexer,
// the HTTP transport and refresh are not read by `serve`). better-sqlite3 is a native addon: it stays
// in node_modules. Paths to data/ still work: src/paths.ts walks up to package.json from any file.
// Worker entries are entries of their own, found beside the chunks that start them: the index build's
// chunk worker (dist/cli/chunk-worker.js) and the config-check worker (dist/cli/config-check-worker.js).
// piscina starts its threads from its own files, so it stays in node_modules.
export default {
  input: {
    'upsun-docs-mcp': 'dist/bin/upsun-docs-mcp.js',
    'chunk-worker': 'dist/indexer/markdown/chunk-worker.js',
    'config-check-worker': 'dist/src/sandbox/config-check-worker.js',
  },
  platform: 'node',
  external: ['better-sqlite3', 'piscina'],
  output: { dir: 'dist/cli', format: 'esm', chunkFileNames: '[name]-[hash].js', cleanDir: true },
};
