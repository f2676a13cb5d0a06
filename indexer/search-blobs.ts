import { Worker } from 'node:worker_threads';
import { buildPostingsBlobs, type PostingFields } from '../src/search/postings-index.js';
import { createTypoIndex, typoIndexKey, type TypoDocument } from '../src/search/typo-index.js';
import { findWorkerFile } from './find-worker-file.js';
import { serializeTypoIndex } from './serialize-typo-index.js';
import type { SearchBlobs, StoredSection } from './write/write-index.js';

/** One stored section as the search state sees it: plain data, so it can be sent to a worker thread. */
export interface SearchDocument extends TypoDocument {
  code: string;
  asked: string;
}

/**
 * Search state the server loads instead of computing at start-up, in two parts that can be built at once
 * (worker threads): the BM25F postings of both analyzers, and the MiniSearch typo index of each product.
 */
export const SEARCH_BLOB_PARTS = {
  postings(documents: readonly SearchDocument[]): SearchBlobs {
    const postingDocs = documents.map(({ id, title, headings, body, code, asked }): { id: number; fields: PostingFields } => ({ id, fields: { title, headings, body, code, asked } }));
    return buildPostingsBlobs(postingDocs, ['stemmed', 'exact']);
  },
  typo(documents: readonly SearchDocument[]): SearchBlobs {
    const typo: SearchBlobs = {};
    for (const product of new Set(documents.map((doc) => doc.product))) {
      const index = createTypoIndex();
      index.addAll(documents.filter((doc) => doc.product === product));
      typo[typoIndexKey(product)] = serializeTypoIndex(index);
    }
    return typo;
  },
};

export type SearchBlobPart = keyof typeof SEARCH_BLOB_PARTS;

/** The fields each part indexes, from the rows to store. */
function toSearchDocuments(sections: readonly StoredSection[]): SearchDocument[] {
  return sections.map(({ id, page, section, questions }) => ({
    id,
    title: [page.title, ...page.keywords].join(' '),
    headings: section.headingPath.slice(1).join(' '),
    body: section.prose,
    code: section.code,
    asked: questions,
    product: page.product,
  }));
}

export interface SearchBlobsOptions {
  /** Build the typo indexes in a worker thread of their own while this thread builds the postings and stores the rows. */
  thread: boolean;
}

/**
 * The search state of the rows to store, every part in the key order the index keeps: postings, then typo
 * indexes. With threads, the typo indexes (the larger part) are built in new ones, started after the parse
 * pool's have ended: theirs hold what parsing left, and these start empty and load no parser. A thread per
 * product's typo index, not per part: the postings stay on this thread, which would otherwise wait. A plain
 * Worker, not a pool: its task goes with it as workerData, so it starts at once, while this thread is busy.
 */
export async function buildSearchBlobs(sections: readonly StoredSection[], options: SearchBlobsOptions): Promise<SearchBlobs> {
  const documents = toSearchDocuments(sections);
  if (!options.thread) return { ...SEARCH_BLOB_PARTS.postings(documents), ...SEARCH_BLOB_PARTS.typo(documents) };
  // One thread per product: each product's typo index is its own, and on two cores the two are built while
  // this thread builds the postings and stores the rows (a both-products build's longest step after parsing).
  const products = [...new Set(documents.map((doc) => doc.product))];
  const typo = products.map((product) => runInWorker({ part: 'typo', documents: documents.filter((doc) => doc.product === product) }));
  // Awaited below in product order; a failure meanwhile is not an unhandled rejection.
  for (const part of typo) part.catch(() => undefined);
  const postings = SEARCH_BLOB_PARTS.postings(documents);
  const blobs: SearchBlobs = { ...postings };
  for (const part of typo) Object.assign(blobs, await part);
  return blobs;
}

/** What a search-blobs worker is asked to build. */
export interface SearchBlobsTask {
  part: SearchBlobPart;
  documents: SearchDocument[];
}

function runInWorker(task: SearchBlobsTask): Promise<SearchBlobs> {
  const file = findWorkerFile('search-blobs-worker.js', import.meta.url, 'dist/indexer/search-blobs-worker.js');
  // No heap cap: the typo index grows with the corpus (a cap that fits this one fails a 10x one), and a cap of
  // 64 MB gave the same peak RSS on both products (BENCHMARKS.md, issue 11 third pass).
  const worker = new Worker(file, { workerData: task });
  return new Promise((resolve, reject) => {
    let result: SearchBlobs | undefined;
    worker.once('message', (message: SearchBlobs) => (result = message));
    worker.once('error', (error) => reject(new Error(`The search-blobs thread failed building the ${task.part} part: ${error.message}`, { cause: error })));
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`The search-blobs thread building the ${task.part} part exited with code ${code} before answering.`));
    });
  });
}
