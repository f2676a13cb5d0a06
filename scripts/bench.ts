// npm run bench: index build time and memory, search latency in process, and the same at 10x corpus.
// Search latency leads with the honest case: queries a fresh engine has never seen, each asked once (its
// caches empty, as after a start or an index swap, and as for a user's new question). The warm cycle, the
// same queries asked over and over, comes beside it: that is the best case, not the usual one.
// Figures go to BENCHMARKS.md with the machine they were measured on.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseScriptArgs } from './script-args.js';
import { openIndex } from '../src/db/open-index.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../src/paths.js';
import { createSearchEngine } from '../src/search/search-engine.js';
import { loadVocabulary } from '../src/search/vocabulary.js';
import { percentile } from './bench/percentiles.js';
import { replicateCorpus } from './bench/replicate-corpus.js';

const { values } = parseScriptArgs(import.meta.url, {
  options: {
    runs: { type: 'string', default: '3' },
    queries: { type: 'string', default: '20000' },
    'fresh-runs': { type: 'string', default: '5' },
    'skip-10x': { type: 'boolean', default: false },
    // Search latency only, on an index built before (e.g. `upsun-docs-mcp index --product upsun --out FILE`): no builds.
    index: { type: 'string' },
  },
});
const runs = Number(values.runs);
const freshRuns = Number(values['fresh-runs']);
const iterations = Number(values.queries);
const childScript = fileURLToPath(new URL('./bench/index-child.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'upsun-docs-bench-'));

function benchIndex(source: string, label: string, product = 'upsun', previous?: string) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const out = join(work, `${label}-${i}.sqlite`);
    const args = [childScript, source, out, product, ...(previous ? [previous] : [])];
    results.push(JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as { seconds: number; maxRssMb: number; pages: number; sections: number; reused: number });
  }
  const seconds = results.map((r) => r.seconds);
  const first = results[0];
  console.log(
    `index ${label}: ${first?.pages} pages (${first?.reused} reused), ${first?.sections} sections; wall median ${percentile(seconds, 50).toFixed(2)} s (min ${Math.min(...seconds).toFixed(2)}, max ${Math.max(...seconds).toFixed(2)}); peak RSS max ${Math.max(...results.map((r) => r.maxRssMb)).toFixed(0)} MB over ${runs} runs`,
  );
  return join(work, `${label}-0.sqlite`);
}

// Short keyword look-ups, as typed into a search box, beside the long questions.
const KEYWORD_QUERIES = ['mounts', 'postgresql', 'redis', 'crons', 'PLATFORM_RELATIONSHIPS', 'web.locations', 'nodejs', 'ssh', 'custom domain', 'backup', 'variables', 'upsun push'];

function loadQueries(): string[] {
  const files = ['test/fixtures/eval-sample.jsonl', 'test/fixtures/eval-own.jsonl'];
  const queries: string[] = [];
  for (const file of files) {
    try {
      for (const line of readFileSync(join(PACKAGE_ROOT, file), 'utf8').split('\n')) if (line.trim()) queries.push((JSON.parse(line) as { query: string }).query);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  queries.push(...KEYWORD_QUERIES);
  return queries;
}

/** Every distinct question of every evaluation set, and the keyword look-ups: the pool of never-seen queries. */
function loadAllQueries(): string[] {
  const fixtures = join(PACKAGE_ROOT, 'test/fixtures');
  const queries = new Set<string>(KEYWORD_QUERIES);
  for (const name of readdirSync(fixtures).filter((file) => /^eval-.+\.jsonl$/.test(file)).sort()) {
    for (const line of readFileSync(join(fixtures, name), 'utf8').split('\n')) if (line.trim()) queries.add((JSON.parse(line) as { query: string }).query);
  }
  return [...queries];
}

/** The queries in a shuffled order that depends only on the seed (a Park–Miller generator), so runs differ but repeat. */
function shuffled(queries: readonly string[], seed: number): string[] {
  const out = [...queries];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 48_271) % 2_147_483_647;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

/**
 * The headline: each run opens the index and builds a new engine (empty caches: section rows, term
 * frequencies, prefix expansions), then asks every query of the pool once, in its own order. The engine is
 * warmed first (warm(): its typo index, then V8's code with the fixed questions, 450 of the index's page
 * questions and 150 long ones made of them, on a scratch engine), as `serve --http` does before it listens and the server does in the
 * background after an index swap (src/docs/loaded-index.ts); here without the pauses a serving process
 * leaves between warm-up questions. What `bench/first-unknown-word.js` measures is not counted twice here.
 * The process and the OS file cache stay warm between runs, as they do for a long-running server.
 */
async function benchFreshSearch(indexFile: string, label: string) {
  const queries = loadAllQueries();
  const vocabulary = loadVocabulary(DATA_PATHS.searchData);
  const times: number[] = [];
  const loads: number[] = [];
  for (let run = 0; run < freshRuns; run++) {
    const index = openIndex(indexFile);
    const loadStart = performance.now();
    const engine = createSearchEngine({ index, vocabulary });
    loads.push(performance.now() - loadStart);
    await engine.warm({ pauseMs: 0 });
    for (const query of shuffled(queries, run + 1)) {
      const t0 = performance.now();
      engine.search({ query, limit: 5 });
      times.push(performance.now() - t0);
    }
    index.close();
  }
  // The first engine is also the process's first: its code paths are warm only from warming, as in a server
  // just started. Later engines reuse V8's code that answered these very queries, so it is reported alone too.
  const first = times.slice(0, queries.length);
  console.log(
    `search ${label}, never-seen queries on a fresh engine (warmed as a server is): ${freshRuns} engines × ${queries.length} distinct queries, each asked once, limit 5: ` +
      `p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${Math.max(...times).toFixed(2)} ms; ` +
      `the process's first engine alone p50 ${percentile(first, 50).toFixed(3)} ms, p99 ${percentile(first, 99).toFixed(3)} ms; ` +
      `engine load median ${percentile(loads, 50).toFixed(0)} ms`,
  );
}

/** The best case, beside the headline: the same queries cycled many times on one warm engine. */
function benchSearch(indexFile: string, label: string) {
  const index = openIndex(indexFile);
  const loadStart = performance.now();
  const engine = createSearchEngine({ index, vocabulary: loadVocabulary(DATA_PATHS.searchData) });
  const loadMs = performance.now() - loadStart;
  const queries = loadQueries();
  for (let i = 0; i < 500; i++) engine.search({ query: queries[i % queries.length] ?? '' });
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    engine.search({ query: queries[i % queries.length] ?? '', limit: 5 });
    times.push(performance.now() - t0);
  }
  const total = (performance.now() - started) / 1000;
  console.log(
    `search ${label}, warm cycle (same queries repeated): ${iterations} calls over ${queries.length} queries, limit 5: ${(iterations / total).toFixed(0)} q/s, ` +
      `p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${Math.max(...times).toFixed(2)} ms; ` +
      `engine load ${loadMs.toFixed(0)} ms; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
  );
  index.close();
}

/** A refresh after one docs commit: the Upsun index rebuilt from a tree where one page's body changed. */
function benchOnePageChanged(previous: string) {
  const tree = mkdtempSync(join(tmpdir(), 'upsun-docs-one-page-'));
  try {
    cpSync(DATA_PATHS.docsSnapshot, tree, { recursive: true });
    appendFileSync(join(tree, 'sites/upsun/src/create-apps/image-properties/mounts.md'), '\n## Zebra storage\n\nStripes persist across deployments.\n');
    benchIndex(tree, 'upsun-one-page-changed', 'upsun', previous);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
try {
  if (values.index) {
    await benchFreshSearch(values.index, 'given index');
    benchSearch(values.index, 'given index');
  } else {
    await benchAll();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function benchAll() {
  const upsun = benchIndex(DATA_PATHS.docsSnapshot, 'upsun');
  benchIndex(DATA_PATHS.docsSnapshot, 'all-products', 'all');
  benchOnePageChanged(upsun);
  await benchFreshSearch(upsun, 'upsun');
  benchSearch(upsun, 'upsun');
  if (!values['skip-10x']) {
    const big = replicateCorpus(DATA_PATHS.docsSnapshot, 10);
    try {
      const bigIndex = benchIndex(big, 'upsun-10x');
      await benchFreshSearch(bigIndex, 'upsun-10x');
      benchSearch(bigIndex, 'upsun-10x');
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  }
}
