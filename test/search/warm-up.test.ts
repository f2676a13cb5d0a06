import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openIndex } from '../../src/db/open-index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { readRowRanges } from '../../src/search/row-ranges.js';
import { createSearchEngine } from '../../src/search/search-engine.js';
import { readWarmUpQuestions } from '../../src/search/warm-up.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';

const vocabulary = loadVocabulary(DATA_PATHS.searchData);

describe('warming an engine', () => {
  it('never rejects when the index is closed while it warms (an index swap): the server keeps running', async () => {
    const index = openIndex(inject('indexFile'));
    const engine = createSearchEngine({ index, vocabulary });
    const warming = engine.warm();
    index.close();
    await expect(warming).resolves.toBeUndefined();
  });
});

describe('the questions warming asks', () => {
  it("are the index's own page questions, spread over the whole product, then long ones made of three of them", () => {
    const index = openIndex(inject('indexFile'));
    try {
      const range = readRowRanges(index.db).products.get('upsun')!;
      const questions = readWarmUpQuestions(index.db, range, 60);
      expect(questions).toHaveLength(80);
      const [single, long] = [questions.slice(0, 60), questions.slice(60)];
      expect(new Set(single).size).toBe(60);
      // Each is a page question of some section; together they come from many sections, first to last.
      const sections = single.map((question) =>
        index.db.prepare("SELECT rowid FROM sections_fts WHERE rowid BETWEEN ? AND ? AND instr(asked, ?) > 0").pluck().get(range.lo, range.hi, question) as number | undefined,
      );
      expect(sections.every((id) => id !== undefined)).toBe(true);
      expect(new Set(sections).size).toBeGreaterThan(30);
      expect(Math.max(...(sections as number[])) - Math.min(...(sections as number[]))).toBeGreaterThan((range.hi - range.lo) / 2);
      // A long one joins three from different thirds of the docs.
      expect(long[0]).toBe(`${single[0]} ${single[20]} ${single[40]}`);
    } finally {
      index.close();
    }
  });
});
