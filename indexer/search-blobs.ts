import { createTypoIndex, TYPO_INDEX_KEY } from '../src/search/typo-index.js';
import type { StoredSection } from './write/write-index.js';

/** Search state the server loads instead of computing at start-up. */
export function buildSearchBlobs(sections: StoredSection[]): Record<string, string> {
  const index = createTypoIndex();
  index.addAll(
    sections.map(({ id, page, section }) => ({
      id,
      title: [page.title, ...page.keywords].join(' '),
      headings: section.headingPath.slice(1).join(' '),
      body: section.prose,
      product: page.product,
    })),
  );
  return { [TYPO_INDEX_KEY]: JSON.stringify(index) };
}
