import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_PATHS, PACKAGE_ROOT } from '../../src/paths.js';
import { buildMatch } from '../../src/search/fts-match.js';
import { mayMatchAll } from '../../src/search/may-match.js';
import { parseQuery, type QueryConcept } from '../../src/search/parse-query.js';
import { loadPostingsIndex } from '../../src/search/postings-index.js';
import { readRowRanges } from '../../src/search/row-ranges.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { openTestEngine } from './open-test-engine.js';

/** The concepts of every evaluation question, question by question. */
function evalQuestions(): QueryConcept[][] {
  const vocabulary = loadVocabulary(DATA_PATHS.searchData);
  const fixtures = join(PACKAGE_ROOT, 'test/fixtures');
  const questions: QueryConcept[][] = [];
  for (const file of readdirSync(fixtures).filter((name) => /^eval-.+\.jsonl$/.test(name))) {
    for (const line of readFileSync(join(fixtures, file), 'utf8').split('\n')) {
      if (line.trim()) questions.push(parseQuery((JSON.parse(line) as { query: string }).query, vocabulary));
    }
  }
  return questions;
}

describe('may match all', () => {
  const { index } = openTestEngine();
  afterAll(() => index.close());
  const { db } = index;
  const blob = db.prepare('SELECT value FROM blobs WHERE key = ?');
  const postings = loadPostingsIndex((key) => (blob.get(key) as { value: Buffer } | undefined)?.value, 'stemmed');
  const fts = db.prepare('SELECT count(*) AS n FROM sections_fts WHERE sections_fts MATCH ? AND rowid BETWEEN ? AND ?');
  const ranges = [...readRowRanges(db).products.values()];

  it('rules out only what FTS5 finds nothing for: every question whole, and each of its concepts, in each product', () => {
    const wrong: string[] = [];
    let ruledOut = 0;
    let asked = 0;
    for (const concepts of evalQuestions()) {
      for (const group of [concepts, ...concepts.map((concept) => [concept])]) {
        const match = buildMatch(group, 'all');
        if (match === null) continue;
        for (const range of ranges) {
          asked++;
          if (mayMatchAll(postings, group, range)) continue;
          ruledOut++;
          const n = (fts.get(match, range.lo, range.hi) as { n: number }).n;
          if (n > 0) wrong.push(`${match} in ${range.lo}-${range.hi}: FTS5 finds ${n}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // It is worth its keep: most long questions' words never all meet in one section.
    expect(ruledOut).toBeGreaterThan(asked / 10);
  });
});
