// npm run bench: index build time and memory, search latency in process, and the same at 10x corpus.
// Figures go to BENCHMARKS.md with the machine they were measured on.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openIndex } from '../src/db/open-index.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../src/paths.js';
import { createSearchEngine } from '../src/search/search-engine.js';
import { loadVocabulary } from '../src/search/vocabulary.js';
import { percentile } from './bench/percentiles.js';
import { replicateCorpus } from './bench/replicate-corpus.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, queries: { type: 'string', default: '20000' }, 'skip-10x': { type: 'boolean', default: false } },
});
const runs = Number(values.runs);
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
  // Short keyword look-ups, as typed into a search box, beside the long questions.
  queries.push('mounts', 'postgresql', 'redis', 'crons', 'PLATFORM_RELATIONSHIPS', 'web.locations', 'nodejs', 'ssh', 'custom domain', 'backup', 'variables', 'upsun push');
  return queries;
}

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
    `search ${label}: ${iterations} calls over ${queries.length} queries, limit 5: ${(iterations / total).toFixed(0)} q/s, ` +
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
  const upsun = benchIndex(DATA_PATHS.docsSnapshot, 'upsun');
  benchIndex(DATA_PATHS.docsSnapshot, 'all-products', 'all');
  benchOnePageChanged(upsun);
  benchSearch(upsun, 'upsun');
  if (!values['skip-10x']) {
    const big = replicateCorpus(DATA_PATHS.docsSnapshot, 10);
    try {
      const bigIndex = benchIndex(big, 'upsun-10x');
      benchSearch(bigIndex, 'upsun-10x');
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
