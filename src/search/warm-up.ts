import type Database from 'better-sqlite3';
import type { RowRange } from './row-ranges.js';
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
 * How many of the index's own page questions warming asks besides: spread over all the docs, they walk the
 * paths real questions take (many concepts, vocabulary alternatives, page evidence, long snippets) that six
 * fixed questions cannot. Then the same joined in threes: real questions are often long stories, which take
 * the coverage and page-title paths. Measured with `npm run bench` (never-seen, 3 fresh engines, alternating
 * runs, a noisy machine): p99 5.0-5.3 ms with the fixed questions alone, 3.2-4.3 ms with 300 page questions;
 * the process's first engine alone (a server just started), p99 5.9-8.0 ms with 300, 5.2-7.3 ms with 300 and
 * 100 long ones, 5.2-5.6 ms with 450 and 150. About 1 s of CPU, once per start or index swap.
 */
const PAGE_QUESTIONS = 450;

/**
 * Page questions of the sections in `range` (one product), every k-th so that they span the docs, then a
 * third as many long questions made of three of them from different parts of the docs: what warming asks
 * after the fixed questions. Read from the index itself, so they always match its pages.
 */
export function readWarmUpQuestions(db: Database.Database, range: RowRange, count = PAGE_QUESTIONS): string[] {
  const rows = db.prepare("SELECT asked FROM sections_fts WHERE rowid BETWEEN ? AND ? AND asked != ''").pluck().all(range.lo, range.hi) as string[];
  const all = rows.flatMap((asked) => asked.split('\n')).filter((question) => question.trim() !== '');
  const step = Math.max(1, all.length / count);
  const picked: string[] = [];
  for (let at = 0; at < all.length && picked.length < count; at += step) picked.push(all[Math.floor(at)]!);
  const third = Math.floor(picked.length / 3);
  const long = Array.from({ length: third }, (_, i) => `${picked[i]} ${picked[i + third]} ${picked[i + 2 * third]}`);
  return [...picked, ...long];
}

/**
 * Pause between two warm-up questions, in ms. Right after a start or an index swap, warming must not take
 * the CPU from the requests already arriving: paced like this it uses at most about a third of one core
 * (a question costs 1-3 ms before V8 has optimised the engine), for about two seconds.
 */
const WARM_UP_PAUSE_MS = 4;

/**
 * The first few hundred questions a process answers cost more than their steady price: V8 has not yet
 * optimised the engine's code for the paths they take, and SQLite's page cache of the connection is empty.
 * Measured as the never-seen p99 (BENCHMARKS.md, "never-seen p99"): most of its tail were the first
 * queries of the first engine. So warming asks the fixed questions, then `pageQuestions`, of a scratch
 * engine over the same connection, one at a time with a pause between them, so that real requests are
 * served in between and first. The scratch engine, and what it remembered, is dropped after: the real
 * engine's caches stay empty, every user question is still answered as never seen.
 */
export async function warmUpCode(
  createScratch: () => { search(params: SearchParams): SearchResponse },
  pageQuestions: () => readonly string[],
  pauseMs = WARM_UP_PAUSE_MS,
): Promise<void> {
  // Even unpaced, one question per turn of the event loop: whatever else is pending runs in between.
  const pause = () => new Promise<void>((resolve) => (pauseMs > 0 ? setTimeout(resolve, pauseMs) : setImmediate(resolve)));
  try {
    const scratch = createScratch();
    for (let round = 0; round < ROUNDS; round++) {
      for (const question of WARM_UP_QUESTIONS) {
        await pause();
        // A number makes each round's question differ and is never corrected (see the engine's `correct`).
        scratch.search({ query: `${question} ${round + 1}`, limit: 5 });
      }
    }
    for (const question of pageQuestions()) {
      await pause();
      scratch.search({ query: question, limit: 5 });
    }
  } catch {
    // The one expected failure: the index was swapped and closed meanwhile. Warming then has nothing left to
    // do; any other fault of the index is met and reported by the first real query, off this background task.
  }
}
