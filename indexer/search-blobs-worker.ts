// Entry of a search-blobs worker thread: builds the part of the search state it was started with and answers once.
import { parentPort, workerData } from 'node:worker_threads';
import { SEARCH_BLOB_PARTS, type SearchBlobsTask } from './search-blobs.js';

const task = workerData as SearchBlobsTask;
parentPort?.postMessage(SEARCH_BLOB_PARTS[task.part](task.documents));
