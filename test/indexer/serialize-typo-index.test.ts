import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeTypoIndex } from '../../indexer/serialize-typo-index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { createTypoIndex, loadTypoIndex, TYPO_SEARCH_OPTIONS, type TypoDocument } from '../../src/search/typo-index.js';

/** Real text: the paragraphs of the snapshot's add-services pages, one document each. */
function loadDocuments(): TypoDocument[] {
  const folder = join(DATA_PATHS.docsSnapshot, 'sites/upsun/src/add-services');
  const documents: TypoDocument[] = [];
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.md')).sort()) {
    for (const paragraph of readFileSync(join(folder, name), 'utf8').split(/\n\s*\n/)) {
      // Ids with gaps, as section rowids of one product among others are.
      documents.push({ id: 1000 + 3 * documents.length, title: name.replace(/\.md$/, ''), headings: paragraph.split('\n')[0] ?? '', body: paragraph, product: 'upsun' });
    }
  }
  return documents;
}

describe('serializing a typo index', () => {
  it('writes the same JSON as JSON.stringify, which the server loads, on real docs text', () => {
    const documents = loadDocuments();
    expect(documents.length).toBeGreaterThan(500);
    const index = createTypoIndex();
    index.addAll(documents);
    const json = serializeTypoIndex(index);
    expect(json).toBe(JSON.stringify(index));
    expect(loadTypoIndex(json).search('postgre', TYPO_SEARCH_OPTIONS).map((hit) => hit.id)).toEqual(index.search('postgre', TYPO_SEARCH_OPTIONS).map((hit) => hit.id));
  });

  it('writes the same JSON after documents were discarded (their ids and counts change)', () => {
    const documents = loadDocuments();
    const index = createTypoIndex();
    index.addAll(documents);
    for (const document of documents.slice(0, 50)) index.discard(document.id);
    expect(serializeTypoIndex(index)).toBe(JSON.stringify(index));
  });
});
