import { afterAll, describe, expect, it } from 'vitest';
import { GRADED_FILES, QUESTION_FILES, runEval, runGradedEval } from '../../scripts/eval/run-eval.js';
import { openTestEngine } from './open-test-engine.js';

// Floors a little under the figures in BENCHMARKS.md: the ranking is deterministic, so a drop below
// them is a real regression, not noise. Raise them when the engine improves.
//
// Only the development sets gate `npm test`: those that decisions were made on (tuned on, studied, or used
// to choose a weight). A floor on a held-out set would make it a development set: every change would be
// checked against it until it passed. The held-out sets (unseen, holdout5, holdout6, holdout7, and the real
// users' held-out set kept outside the repository) are reported by `npm run eval`, not gated.
const FLOORS = {
  // The published sample and our own set: tuned on.
  sample: { file: QUESTION_FILES.sample, hit5: 0.97, mrr10: 0.92 },
  own: { file: QUESTION_FILES.own, hit5: 0.95, mrr10: 0.865 },
  // Written after the design was fixed, then used for the last vocabulary additions. MRR floor lowered from
  // 0.91 when the leakage guard removed the page questions and vocabulary phrases close to its questions (0.899).
  holdout: { file: QUESTION_FILES.holdout, hit5: 0.98, mrr10: 0.89 },
  // Held out until the stop word, identifier, subject and vocabulary changes of November 2026, which studied its misses.
  holdout2: { file: QUESTION_FILES.holdout2, hit5: 0.98, mrr10: 0.91 },
  // The validation set of the second round: its aggregate figures chose the page-question weight.
  holdout3: { file: QUESTION_FILES.holdout3, hit5: 0.96, mrr10: 0.86 },
};

// The real users' development set (26 questions from public issue trackers, 23 with a page judged
// relevant): studied for the December 2026 changes (error catalogue, names, weak-match threshold), then for
// page evidence and coordination of long questions (issue 10), which brought it to 0.609 / 0.913 / 0.721 / 0.756;
// then for title match and issue titles' request verbs (third round): 0.696 / 0.913 / 0.779 / 0.783; then
// exit codes finding hook failure (stop 20): 0.739 / 0.957 / 0.822 / 0.806.
const REAL_FLOOR = { hit1: 0.73, hit5: 0.95, mrr10: 0.82, ndcg10: 0.8 };

describe('search quality on the development question sets', () => {
  const { engine, index } = openTestEngine();
  afterAll(() => index.close());

  for (const [name, floor] of Object.entries(FLOORS)) {
    it(`${name}: a right page is in the top 5 and ranks high (Hit@5 >= ${floor.hit5}, MRR@10 >= ${floor.mrr10})`, () => {
      const report = runEval(engine, floor.file);
      // holdout3's misses stay unprinted (its questions were never looked at one by one).
      const misses = name === 'holdout3' ? '(not shown: the set is kept unseen)' : report.misses.map((miss) => `${miss.id}: ${miss.query}`).join('\n');
      expect(report.overall.hit5, `Hit@5 fell; misses:\n${misses}`).toBeGreaterThanOrEqual(floor.hit5);
      expect(report.overall.mrr10).toBeGreaterThanOrEqual(floor.mrr10);
    });
  }

  it(`real users' questions: the page that answers ranks high (Hit@1 >= ${REAL_FLOOR.hit1}, Hit@5 >= ${REAL_FLOOR.hit5}, MRR@10 >= ${REAL_FLOOR.mrr10}, nDCG@10 >= ${REAL_FLOOR.ndcg10})`, () => {
    const report = runGradedEval(engine, GRADED_FILES.real);
    const notFirst = report.cases.filter((c) => !c.hit1).map((c) => `${c.id} (rank ${c.pageRank ?? '-'}): ${c.query.slice(0, 100)}`).join('\n');
    expect(report.overall.hit1, `Hit@1 fell; not first:\n${notFirst}`).toBeGreaterThanOrEqual(REAL_FLOOR.hit1);
    expect(report.overall.hit5, `Hit@5 fell; not first:\n${notFirst}`).toBeGreaterThanOrEqual(REAL_FLOOR.hit5);
    expect(report.overall.mrr10).toBeGreaterThanOrEqual(REAL_FLOOR.mrr10);
    expect(report.overall.ndcg10).toBeGreaterThanOrEqual(REAL_FLOOR.ndcg10);
  });
});
