import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  distinctPages,
  evaluate,
  formatEvalReport,
  loadQuestions,
  parseQuestions,
  scoreCase,
  type EvalQuestion,
  type RankedResult,
} from '../../scripts/eval/metrics.js';
import { evaluateGraded, ndcgAt10, parseGradedQuestions, type GradedQuestion } from '../../scripts/eval/graded-metrics.js';

function question(id: string, relevant: string[], anchor = '', kind: EvalQuestion['kind'] = 'question'): EvalQuestion {
  return { id, query: `query ${id}`, kind, relevant, anchor, note: '' };
}

const r = (path: string, anchor = ''): RankedResult => ({ path, anchor });

describe('scoreCase', () => {
  it('scores a first-rank hit', () => {
    const s = scoreCase(question('a', ['x.md'], 'sec'), [r('x.md', 'sec'), r('y.md')]);
    expect(s).toMatchObject({ pageRank: 1, hit1: true, hit5: true, rr10: 1, section5: true });
  });

  it('counts several sections of one page once for Hit@5 and MRR', () => {
    // Pages in order: a, b, c, d, e, rel -> relevant page is the 6th distinct page even though
    // it is within the first 10 results only if duplicates are not collapsed.
    const results = [r('a.md', '1'), r('a.md', '2'), r('a.md', '3'), r('b.md'), r('b.md', 'x'), r('c.md'), r('d.md'), r('e.md'), r('rel.md', 's')];
    const s = scoreCase(question('q', ['rel.md'], 's'), results);
    expect(s.pageRank).toBe(6);
    expect(s.hit5).toBe(false);
    expect(s.rr10).toBeCloseTo(1 / 6);
    expect(s.hit1).toBe(false);
    // Section@5 looks at the first 5 results, not pages.
    expect(s.section5).toBe(false);
  });

  it('collapses duplicates so a relevant page after duplicates still ranks 2nd', () => {
    const results = [r('a.md', '1'), r('a.md', '2'), r('a.md', '3'), r('a.md', '4'), r('a.md', '5'), r('a.md', '6'), r('rel.md')];
    const s = scoreCase(question('q', ['rel.md']), results);
    expect(s.pageRank).toBe(2);
    expect(s.hit5).toBe(true);
    expect(s.rr10).toBe(0.5);
  });

  it('only looks at the first 10 distinct pages for MRR', () => {
    const results = Array.from({ length: 10 }, (_, i) => r(`p${i}.md`)).concat([r('rel.md')]);
    const s = scoreCase(question('q', ['rel.md']), results);
    expect(s.pageRank).toBeNull();
    expect(s.rr10).toBe(0);
    const s10 = scoreCase(question('q', ['rel.md']), results.slice(0, 9).concat([r('rel.md')]));
    expect(s10.rr10).toBeCloseTo(0.1);
  });

  it('gives 0 everywhere with no results', () => {
    const s = scoreCase(question('q', ['rel.md'], 'sec'), []);
    expect(s).toMatchObject({ pageRank: null, hit1: false, hit5: false, rr10: 0, section5: false, top3: [] });
  });

  it('accepts any relevant page for Hit but only the first page for Section@5', () => {
    const s = scoreCase(question('q', ['first.md', 'second.md'], 'sec'), [r('second.md', 'sec'), r('first.md', 'other')]);
    expect(s.hit1).toBe(true);
    expect(s.section5).toBe(false);
    const s2 = scoreCase(question('q', ['first.md', 'second.md'], 'sec'), [r('x.md'), r('y.md'), r('z.md'), r('w.md'), r('first.md', 'sec')]);
    expect(s2.section5).toBe(true);
    const s3 = scoreCase(question('q', ['first.md'], 'sec'), [r('x.md'), r('y.md'), r('z.md'), r('w.md'), r('v.md'), r('first.md', 'sec')]);
    expect(s3.section5).toBe(false);
    expect(s3.hit5).toBe(false);
  });

  it('normalises leading ./ and / in paths and # in anchors', () => {
    const s = scoreCase(question('q', ['dir/x.md'], 'sec'), [r('/dir/x.md', '#sec')]);
    expect(s.hit1).toBe(true);
    expect(s.section5).toBe(true);
  });

  it('has no Section@5 value for a whole-page case', () => {
    expect(scoreCase(question('q', ['x.md']), [r('x.md', 'anything')]).section5).toBeNull();
  });
});

describe('distinctPages', () => {
  it('keeps the anchor of the best-ranked section of each page', () => {
    expect(distinctPages([r('a.md', '1'), r('b.md', '2'), r('a.md', '3')])).toEqual([r('a.md', '1'), r('b.md', '2')]);
  });
});

describe('evaluate', () => {
  const questions = [
    question('q1', ['a.md'], 'one', 'question'),
    question('q2', ['b.md'], '', 'question'),
    question('k1', ['c.md'], 'three', 'keywords'),
    question('e1', ['d.md'], 'four', 'error'),
  ];
  const rankings = new Map<string, RankedResult[]>([
    ['q1', [r('a.md', 'one')]], // hit1, section
    ['q2', [r('x.md'), r('x.md', 'dup'), r('b.md')]], // page rank 2
    ['k1', [r('c.md', 'wrong'), r('z.md')]], // hit1, no section
    // e1 missing -> no results
  ]);
  const report = evaluate(questions, rankings);

  it('computes the overall metrics', () => {
    expect(report.overall.count).toBe(4);
    expect(report.overall.hit1).toBeCloseTo(2 / 4);
    expect(report.overall.hit5).toBeCloseTo(3 / 4);
    expect(report.overall.mrr10).toBeCloseTo((1 + 0.5 + 1 + 0) / 4);
    // Section@5 over the 3 cases with an anchor only: q1 yes, k1 no, e1 no.
    expect(report.overall.sectionCount).toBe(3);
    expect(report.overall.section5).toBeCloseTo(1 / 3);
  });

  it('computes per-kind metrics for the kinds present', () => {
    expect(Object.keys(report.byKind)).toEqual(['question', 'keywords', 'error']);
    expect(report.byKind.question).toMatchObject({ count: 2, hit1: 0.5, hit5: 1, mrr10: 0.75, sectionCount: 1, section5: 1 });
    expect(report.byKind.keywords).toMatchObject({ count: 1, hit1: 1, section5: 0 });
    expect(report.byKind.error).toMatchObject({ count: 1, hit1: 0, hit5: 0, mrr10: 0, section5: 0 });
  });

  it('ignores cases without an anchor for Section@5', () => {
    const onlyPage = evaluate([question('p', ['a.md'])], { p: [r('a.md')] });
    expect(onlyPage.overall.sectionCount).toBe(0);
    expect(onlyPage.overall.section5).toBeNull();
  });

  it('lists the misses with expected and top 3 pages', () => {
    const withMiss = evaluate([question('m', ['want.md'], 'sec')], {
      m: [r('a.md', 'x'), r('a.md', 'y'), r('b.md'), r('c.md', 'z'), r('d.md'), r('e.md'), r('want.md', 'sec')],
    });
    expect(withMiss.misses).toEqual([
      { id: 'm', kind: 'question', query: 'query m', expected: ['want.md#sec'], got: ['a.md#x', 'b.md', 'c.md#z'] },
    ]);
    expect(report.misses.map((m) => m.id)).toEqual(['e1']);
  });

  it('accepts a plain record of rankings', () => {
    const rec = evaluate(questions, Object.fromEntries(rankings));
    expect(rec.overall).toEqual(report.overall);
  });

  it('returns zeros for an empty question list', () => {
    const empty = evaluate([], {});
    expect(empty.overall).toEqual({ count: 0, hit1: 0, hit5: 0, mrr10: 0, sectionCount: 0, section5: null });
  });
});

describe('formatEvalReport', () => {
  it('prints a table with every present kind, the overall row and the misses', () => {
    const report = evaluate(
      [question('q1', ['a.md'], 'one'), question('k1', ['c.md'], '', 'keywords')],
      { q1: [r('a.md', 'one')], k1: [r('x.md', 'h'), r('y.md')] },
    );
    const text = formatEvalReport(report);
    expect(text).toMatch(/kind\s+n\s+Hit@1\s+Hit@5\s+MRR@10\s+Section@5/);
    expect(text).toMatch(/question\s+1\s+100\.0%\s+100\.0%\s+1\.000\s+100\.0% \(1\)/);
    expect(text).toMatch(/keywords\s+1\s+0\.0%\s+0\.0%\s+0\.000\s+-/);
    expect(text).toMatch(/overall\s+2\s+50\.0%/);
    expect(text).toContain('Misses (no relevant page in the first 5 pages): 1');
    expect(text).toContain('expected: c.md');
    expect(text).toContain('got:      x.md#h, y.md');
  });
});

describe('parseQuestions / loadQuestions', () => {
  const line = (o: object) => JSON.stringify(o);
  const ok = { id: 'x1', query: 'q', kind: 'config', relevant: ['a.md'], anchor: '', note: 'n' };

  it('parses JSONL and skips blank lines', () => {
    expect(parseQuestions(`${line(ok)}\n\n${line({ ...ok, id: 'x2' })}\n`)).toHaveLength(2);
  });

  it('rejects bad kinds, empty relevant lists, missing fields and duplicate ids with the line number', () => {
    expect(() => parseQuestions(line({ ...ok, kind: 'faq' }), 'f.jsonl')).toThrow(/f\.jsonl:1.*kind/);
    expect(() => parseQuestions(line({ ...ok, relevant: [] }))).toThrow(/relevant/);
    const { note: _note, ...noNote } = ok;
    expect(() => parseQuestions(line(noNote))).toThrow(/note/);
    expect(() => parseQuestions(`${line(ok)}\n${line(ok)}`, 'f.jsonl')).toThrow(/f\.jsonl:2: duplicate id x1/);
    expect(() => parseQuestions('{not json', 'f.jsonl')).toThrow(/f\.jsonl:1: invalid JSON/);
  });

  it('loads a file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-metrics-'));
    const file = join(dir, 'q.jsonl');
    writeFileSync(file, `${line(ok)}\n`);
    expect(loadQuestions(file)).toEqual([ok]);
  });
});

describe('graded metrics (real users\' sets)', () => {
  const graded = (id: string, relevant: string[], partly: string[] = [], judged_not_relevant: string[] = []): GradedQuestion => ({
    id,
    query: `query ${id}`,
    kind: 'question',
    source: 'https://example.com/issue/1',
    relevant,
    partly,
    judged_not_relevant,
  });

  it('gives nDCG@10 1 for the ideal order and less when a partly page comes first', () => {
    const q = graded('g', ['rel.md'], ['part.md'], ['no.md']);
    expect(ndcgAt10(q, [r('rel.md'), r('part.md')])).toBeCloseTo(1);
    // DCG 1 + 3/log2(3) over the ideal 3 + 1/log2(3).
    expect(ndcgAt10(q, [r('part.md', 'a'), r('part.md', 'b'), r('rel.md')])).toBeCloseTo((1 + 3 / Math.log2(3)) / (3 + 1 / Math.log2(3)));
    expect(ndcgAt10(q, [r('no.md'), r('unjudged.md')])).toBe(0);
  });

  it('scores Hit@1, Hit@5 and MRR on the relevant pages only and leaves out questions with none', () => {
    const report = evaluateGraded([graded('a', ['rel.md'], ['part.md']), graded('b', [], ['part.md'])], { a: [r('part.md'), r('rel.md')], b: [r('part.md')] });
    expect(report.skipped).toBe(1);
    expect(report.overall).toMatchObject({ count: 1, hit1: 0, hit5: 1, mrr10: 0.5 });
  });

  it('rejects a graded line without its source', () => {
    expect(() => parseGradedQuestions('{"id":"a","query":"q","kind":"error","relevant":[],"partly":[],"judged_not_relevant":[]}')).toThrow(/source/);
  });
});
