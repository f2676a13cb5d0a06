import { buildPostingsBlobs } from '../src/search/postings-index.js';
import { createTypoIndex, TYPO_INDEX_KEY } from '../src/search/typo-index.js';
import type { StoredSection } from './write/write-index.js';

/** Search state the server loads instead of computing at start-up: BM25F postings and the MiniSearch index. */
export function buildSearchBlobs(sections: StoredSection[]): Record<string, Buffer | string> {
  const documents = sections.map(({ id, page, section }) => ({
    id,
    title: [page.title, ...page.keywords].join(' '),
    headings: section.headingPath.slice(1).join(' '),
    body: section.prose,
    code: section.code,
    product: page.product,
  }));
  const postingDocs = documents.map(({ id, title, headings, body, code }) => ({ id, fields: { title, headings, body, code } }));
  const typo = createTypoIndex();
  typo.addAll(documents);
  return {
    ...buildPostingsBlobs(postingDocs, 'stemmed'),
    ...buildPostingsBlobs(postingDocs, 'exact'),
    [TYPO_INDEX_KEY]: JSON.stringify(typo),
  };
}
