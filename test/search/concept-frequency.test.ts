import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, DATA_PATHS } from '../../src/paths.js';
import { createConceptFrequency } from '../../src/search/concept-frequency.js';
import { stemWord } from '../../src/search/analyze.js';
import { buildMatch } from '../../src/search/fts-match.js';
import { parseQuery, type QueryConcept } from '../../src/search/parse-query.js';
import { loadPostingsIndex } from '../../src/search/postings-index.js';
import { readRowRanges } from '../../src/search/row-ranges.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { openTestEngine } from './open-test-engine.js';

/** Every concept of every evaluation question, with its vocabulary alternatives: the words real searches count. */
function evalConcepts(): QueryConcept[] {
  const vocabulary = loadVocabulary(DATA_PATHS.searchData);
  const fixtures = join(PACKAGE_ROOT, 'test/fixtures');
  const concepts = new Map<string, QueryConcept>();
  for (const file of readdirSync(fixtures).filter((name) => /^eval-.+\.jsonl$/.test(name))) {
    for (const line of readFileSync(join(fixtures, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      for (const concept of parseQuery((JSON.parse(line) as { query: string }).query, vocabulary)) concepts.set(concept.text, concept);
    }
  }
  return [...concepts.values()];
}

describe('concept frequency', () => {
  const { index } = openTestEngine();
  afterAll(() => index.close());
  const { db } = index;
  const blob = db.prepare('SELECT value FROM blobs WHERE key = ?');
  const postings = loadPostingsIndex((key) => (blob.get(key) as { value: Buffer } | undefined)?.value, 'stemmed');
  const frequency = createConceptFrequency(db, postings, 100_000);
  const fts = db.prepare('SELECT count(*) AS n FROM sections_fts WHERE sections_fts MATCH ? AND rowid BETWEEN ? AND ?');
  const ranges = readRowRanges(db);

  it('counts what FTS5 counts for every word, synonym and phrase of the evaluation questions, per product and docs section', () => {
    const concepts = evalConcepts();
    expect(concepts.length).toBeGreaterThan(1000);
    const scopes = [...ranges.products.values(), ...[...ranges.sections.values()].slice(0, 4)];
    const differing: string[] = [];
    for (const range of scopes) {
      for (const concept of concepts) {
        const expected = (fts.get(buildMatch([concept], 'any'), range.lo, range.hi) as { n: number }).n;
        const counted = frequency(concept, range);
        if (counted !== expected && !onlyFoldedExtras(concept, range)) differing.push(`${concept.text} in ${range.lo}-${range.hi}: ${counted}, FTS5 ${expected}`);
      }
    }
    expect(differing).toEqual([]);
  });

  /**
   * The one known difference: the postings fold compatibility characters (NFKD: the ligature in "speciﬁc" is
   * "fi"), FTS5's unicode61 keeps them, so a section writing a word that way holds it only for the postings.
   */
  function onlyFoldedExtras(concept: QueryConcept, range: { lo: number; hi: number }): boolean {
    const inFts = new Set(db.prepare('SELECT rowid FROM sections_fts WHERE sections_fts MATCH ? AND rowid BETWEEN ? AND ?').pluck().all(buildMatch([concept], 'any'), range.lo, range.hi));
    const row = db.prepare('SELECT title || headings || body || code || asked AS text FROM sections_fts WHERE rowid = ?').pluck();
    const extras: number[] = [];
    for (const [word] of concept.alternatives) {
      const entry = postings.terms.get(stemWord(word ?? ''));
      if (entry) for (const doc of postings.docs.subarray(entry[0], entry[0] + entry[1])) if (doc >= range.lo && doc <= range.hi && !inFts.has(doc)) extras.push(doc);
    }
    return extras.length > 0 && extras.every((doc) => {
      const text = row.get(doc) as string;
      return text.normalize('NFKC') !== text.normalize('NFC');
    });
  }

  it('counts a section holding two alternatives of a concept once', () => {
    const range = ranges.products.get('upsun');
    if (!range) throw new Error('the test index has no upsun product');
    const concept: QueryConcept = { text: 'mount', alternatives: [['mount'], ['mounts'], ['storage']], kinds: ['own', 'synonym', 'synonym'], compound: false };
    const expected = (fts.get('"mount" OR "storage"', range.lo, range.hi) as { n: number }).n;
    expect(frequency(concept, range)).toBe(expected);
    expect(frequency(concept, range)).toBeLessThan(
      frequency({ ...concept, alternatives: [['mount']], kinds: ['own'] }, range) + frequency({ ...concept, text: 'storage', alternatives: [['storage']], kinds: ['own'] }, range),
    );
  });
});
