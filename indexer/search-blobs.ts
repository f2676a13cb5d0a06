import { buildPostingsBlobs } from '../src/search/postings-index.js';
import { createTypoIndex, typoIndexKey } from '../src/search/typo-index.js';
import { serializeTypoIndex } from './serialize-typo-index.js';
import type { StoredSection } from './write/write-index.js';

/** Search state the server loads instead of computing at start-up: BM25F postings and the MiniSearch index. */
export function buildSearchBlobs(sections: StoredSection[]): Record<string, Buffer | string> {
  const documents = sections.map(({ id, page, section, questions }) => ({
    id,
    title: [page.title, ...page.keywords].join(' '),
    headings: section.headingPath.slice(1).join(' '),
    body: section.prose,
    code: section.code,
    asked: questions,
    product: page.product,
  }));
  const postingDocs = documents.map(({ id, title, headings, body, code, asked }) => ({ id, fields: { title, headings, body, code, asked } }));
  const typo: Record<string, string> = {};
  for (const product of new Set(documents.map((doc) => doc.product))) {
    const index = createTypoIndex();
    index.addAll(documents.filter((doc) => doc.product === product));
    typo[typoIndexKey(product)] = serializeTypoIndex(index);
  }
  return {
    ...buildPostingsBlobs(postingDocs, 'stemmed'),
    ...buildPostingsBlobs(postingDocs, 'exact'),
    ...typo,
  };
}
