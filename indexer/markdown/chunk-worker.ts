// Entry of the chunk pool's worker threads (piscina imports it and calls the default export per task).
import type { ChunkedPage } from './chunk-page.js';
import { runChunkJobs, type ChunkJob, type ChunkSite } from './chunk-jobs.js';

export interface ChunkTask {
  site: ChunkSite;
  jobs: ChunkJob[];
}

export default function chunkTask(task: ChunkTask): ChunkedPage[] {
  return runChunkJobs(task.site, task.jobs);
}
