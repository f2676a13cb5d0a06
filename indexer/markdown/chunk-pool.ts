import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { findWorkerFile } from '../find-worker-file.js';
import type { ChunkedPage } from './chunk-page.js';
import type { ChunkJob, ChunkSite } from './chunk-jobs.js';
import type { ChunkTask } from './chunk-worker.js';

export interface ChunkPoolOptions {
  /** Worker threads; 0 chunks every page in the calling thread. */
  threads: number;
}

/** Chunks pages, in worker threads or in this one; results come back in the order the jobs were given. */
export interface ChunkPool {
  /** Its worker threads (0: pages are chunked in the calling thread). */
  threads: number;
  chunk(site: ChunkSite, jobs: readonly ChunkJob[]): Promise<ChunkedPage[]>;
  close(): Promise<void>;
}

/**
 * Pages are sent in batches of about this many characters: small pages share a message, and a large page
 * (the CLI reference is 176,000) goes alone, first, so that no thread is left with it at the end.
 */
const BATCH_CHARS = 48_000;

/**
 * Batches a thread holds at once, one parsing and the rest waiting in its queue: piscina hands out a batch from
 * the calling thread's event loop, which is busy for tenths of a second at a time reading the next product's
 * pages, so a thread holding only the batch it parses would sit idle until it is free. Eight batches are about
 * half a second of parsing; a thread's share of the last batches differs from the other's by about one.
 */
const QUEUED_BATCHES = 8;

/**
 * A pool of worker threads that parse and chunk pages: parsing with micromark is the costliest step of a
 * build (BENCHMARKS.md, issue 11). Threads start with the pool and stay for the build; the caller closes it.
 */
export function createChunkPool(options: ChunkPoolOptions): ChunkPool {
  if (options.threads <= 0) {
    // Loaded only here: with worker threads, the main thread never runs the parser and need not load it.
    return { threads: 0, chunk: async (site, jobs) => (await import('./chunk-jobs.js')).runChunkJobs(site, jobs), close: async () => {} };
  }
  // A worker's heap is capped: parsing one page holds micromark's events for it, and an uncapped heap grows
  // far past that (peak RSS of an Upsun build: 370 MB uncapped, 250 MB capped, for about the same CPU time).
  // piscina, the pool the config checks run on too (src/sandbox/config-check-pool.ts): one pool library.
  const pool = new Piscina({ filename: fileURLToPath(findWorkerFile('chunk-worker.js', import.meta.url, 'dist/indexer/markdown/chunk-worker.js')), minThreads: options.threads, maxThreads: options.threads, concurrentTasksPerWorker: QUEUED_BATCHES, resourceLimits: { maxOldGenerationSizeMb: 128 } });
  return {
    threads: options.threads,
    async chunk(site, jobs) {
      const batches = toBatches(jobs);
      const results: ChunkedPage[] = new Array<ChunkedPage>(jobs.length);
      await Promise.all(
        batches.map(async (batch) => {
          const task: ChunkTask = { site, jobs: batch.map((i) => jobs[i] as ChunkJob) };
          const chunked = (await pool.run(task)) as ChunkedPage[];
          batch.forEach((jobIndex, i) => {
            results[jobIndex] = chunked[i] as ChunkedPage;
          });
        }),
      );
      return results;
    },
    close: () => pool.destroy(),
  };
}

/** Job indexes grouped into batches, largest pages first. */
function toBatches(jobs: readonly ChunkJob[]): number[][] {
  const bySize = jobs.map((job, i) => ({ i, size: job.markdown.length })).sort((a, b) => b.size - a.size || a.i - b.i);
  const batches: number[][] = [];
  let current: number[] = [];
  let chars = 0;
  for (const { i, size } of bySize) {
    if (current.length > 0 && chars + size > BATCH_CHARS) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(i);
    chars += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
