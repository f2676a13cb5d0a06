// npm run eval: score the search engine on the question sets (Hit@1, Hit@5, MRR@10, Section@5).
import { parseScriptArgs } from './script-args.js';
import { readConfig } from '../src/config.js';
import { loadIndex } from '../src/docs/loaded-index.js';
import { DATA_PATHS } from '../src/paths.js';
import { createSearchEngine, type SearchTuning } from '../src/search/search-engine.js';
import { loadVocabulary } from '../src/search/vocabulary.js';
import { formatGradedReport } from './eval/graded-metrics.js';
import { formatEvalReport } from './eval/metrics.js';
import { AGGREGATE_ONLY, GRADED_FILES, QUESTION_FILES, runEval, runGradedEval, type GradedSet, type QuestionSet } from './eval/run-eval.js';
import { chooseIndexFile } from '../src/db/choose-index.js';

// --spoil-unseen prints the misses of the aggregate-only sets too; after that they no longer measure unseen questions.
// --graded <file> scores a held-out graded set kept outside the repository (aggregate figures only).
const { values } = parseScriptArgs(import.meta.url, {
  options: {
    index: { type: 'string' },
    set: { type: 'string', default: 'all' },
    misses: { type: 'boolean', default: true },
    'spoil-unseen': { type: 'boolean', default: false },
    graded: { type: 'string' },
    // A search data folder other than data/search (ablations: the same folder without one file).
    vocabulary: { type: 'string' },
    // Ranking knobs to try, as JSON (a partial SearchTuning), e.g. '{"weights":{"errors":0}}'.
    tuning: { type: 'string' },
  },
});
const names = Object.keys(QUESTION_FILES) as QuestionSet[];
const gradedNames = Object.keys(GRADED_FILES) as GradedSet[];
const known = [...names, ...gradedNames];
if (values.set !== 'all' && !known.includes(values.set as QuestionSet | GradedSet)) throw new Error(`Unknown --set ${values.set}: use ${known.join(', ')} or all.`);
const vocabulary = loadVocabulary(values.vocabulary ?? DATA_PATHS.searchData);
const index = loadIndex(chooseIndexFile(readConfig(process.env), values.index), vocabulary);
const engine = values.tuning === undefined ? index.search : createSearchEngine({ index: index.handle, vocabulary, tuning: JSON.parse(values.tuning) as Partial<SearchTuning> });
if (values.graded !== undefined) {
  const report = runGradedEval(engine, values.graded);
  console.log(`\n# ${values.graded} (${report.cases.length} questions with a relevant page, ${index.handle.meta.docsCommit.slice(0, 12)}) — misses not shown: held out\n`);
  console.log(formatGradedReport(report, { listMisses: false }));
}
const sets = values.graded !== undefined ? [] : values.set === 'all' ? names : names.filter((name) => name === values.set);
for (const set of values.graded !== undefined ? [] : gradedNames.filter((name) => values.set === 'all' || name === values.set)) {
  const report = runGradedEval(engine, GRADED_FILES[set]);
  console.log(`\n# ${set} (${report.cases.length} real users' questions with a relevant page, graded; ${index.handle.meta.docsCommit.slice(0, 12)})\n`);
  console.log(formatGradedReport(report, { listMisses: values.misses }));
}
for (const set of sets) {
  const report = runEval(engine, QUESTION_FILES[set]);
  const hideMisses = !values.misses || (AGGREGATE_ONLY.has(set) && !values['spoil-unseen']);
  console.log(`\n# ${set} (${report.cases.length} questions, ${index.handle.meta.docsCommit.slice(0, 12)})${hideMisses && values.misses ? ' — misses not shown: this set is kept unseen' : ''}\n`);
  console.log(formatEvalReport(report, { listMisses: !hideMisses }));
}
index.close();
