// npm run eval: score the search engine on the question sets (Hit@1, Hit@5, MRR@10, Section@5).
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config.js';
import { loadIndex } from '../src/docs/loaded-index.js';
import { DATA_PATHS } from '../src/paths.js';
import { loadVocabulary } from '../src/search/vocabulary.js';
import { formatEvalReport } from './eval/metrics.js';
import { AGGREGATE_ONLY, QUESTION_FILES, runEval, type QuestionSet } from './eval/run-eval.js';
import { chooseIndexFile } from '../src/db/choose-index.js';

// --spoil-unseen prints the misses of the aggregate-only sets too; after that they no longer measure unseen questions.
const { values } = parseArgs({
  options: { index: { type: 'string' }, set: { type: 'string', default: 'all' }, misses: { type: 'boolean', default: true }, 'spoil-unseen': { type: 'boolean', default: false } },
});
const names = Object.keys(QUESTION_FILES) as QuestionSet[];
if (values.set !== 'all' && !names.includes(values.set as QuestionSet)) throw new Error(`Unknown --set ${values.set}: use ${names.join(', ')} or all.`);
const index = loadIndex(chooseIndexFile(readConfig(process.env), values.index), loadVocabulary(DATA_PATHS.searchData));
const sets = values.set === 'all' ? names : [values.set as QuestionSet];
for (const set of sets) {
  const report = runEval(index.search, QUESTION_FILES[set]);
  const hideMisses = !values.misses || (AGGREGATE_ONLY.has(set) && !values['spoil-unseen']);
  console.log(`\n# ${set} (${report.cases.length} questions, ${index.handle.meta.docsCommit.slice(0, 12)})${hideMisses && values.misses ? ' — misses not shown: this set is kept unseen' : ''}\n`);
  console.log(formatEvalReport(report, { listMisses: !hideMisses }));
}
index.close();
