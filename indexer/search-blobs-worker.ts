// Entry of a search-blobs worker thread: started ahead of its task, it builds the part of the search state the one
// message it gets asks for, answers, and ends.
import { parentPort } from 'node:worker_threads';
import { SEARCH_BLOB_PARTS, type SearchBlobsTask } from './search-blobs.js';

parentPort?.once('message', (task: SearchBlobsTask) => parentPort?.postMessage(SEARCH_BLOB_PARTS[task.part](task.documents)));
