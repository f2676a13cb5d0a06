import type { SearchParams, SearchResponse } from './types.js';

/**
 * Questions that walk the engine's paths once warmed: long questions (coverage, page titles), identifiers and
 * file names (the FTS5 all-words query), environment variables, short keyword look-ups. Every word is one the
 * docs hold, so that no typo correction is asked for (that index is warmed on its own).
 */
const WARM_UP_QUESTIONS = [
  'how do I configure the web app with a php runtime, a mysql service and its relationship',
  'PLATFORM_RELATIONSHIPS redis .upsun/config.yaml',
  'deploy hook fails with permission denied when writing to a mount',
  'custom domain tls certificate',
  'convert my .platform.app.yaml and services.yaml to the new config',
  'cron every minute runs a worker command',
];

/** How many times each question is asked: enough for V8 to optimise the hot functions of the engine. */
const ROUNDS = 8;

/**
 * The first few dozen questions a process answers cost several times their steady price: V8 has not yet
 * optimised the engine's code, and SQLite's page cache of the connection is empty. Measured as the never-seen
 * p99 (BENCHMARKS.md, "never-seen p99"): most of its tail were the first ~100 queries of the first engine.
 * So warming asks these questions of a scratch engine over the same connection, one per turn of the event
 * loop so that real requests are served in between. The scratch engine, and what it remembered, is dropped
 * after: the real engine's caches stay empty, every user question is still answered as never seen.
 */
export async function warmUpCode(createScratch: () => { search(params: SearchParams): SearchResponse }): Promise<void> {
  try {
    const scratch = createScratch();
    for (let round = 0; round < ROUNDS; round++) {
      for (const question of WARM_UP_QUESTIONS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        // A number makes each round's question differ and is never corrected (see the engine's `correct`).
        scratch.search({ query: `${question} ${round + 1}`, limit: 5 });
      }
    }
  } catch {
    // The one expected failure: the index was swapped and closed meanwhile. Warming then has nothing left to
    // do; any other fault of the index is met and reported by the first real query, off this background task.
  }
}
