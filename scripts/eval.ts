// npm run eval: score the search engine on the question sets (Hit@1, Hit@5, MRR@10, Section@5).
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config.js';
import { loadIndex } from '../src/docs/loaded-index.js';
import { DATA_PATHS } from '../src/paths.js';
import { loadVocabulary } from '../src/search/vocabulary.js';
import { formatEvalReport } from './eval/metrics.js';
import { QUESTION_FILES, runEval } from './eval/run-eval.js';

const { values } = parseArgs({ options: { index: { type: 'string' }, set: { type: 'string', default: 'all' }, misses: { type: 'boolean', default: true } } });
const index = loadIndex(values.index ?? readConfig(process.env).indexFile, loadVocabulary(DATA_PATHS.searchData));
const sets = values.set === 'all' ? (['sample', 'own', 'holdout', 'unseen'] as const) : ([values.set] as Array<keyof typeof QUESTION_FILES>);
for (const set of sets) {
  const file = QUESTION_FILES[set];
  if (!file) throw new Error(`Unknown --set ${values.set}: use sample, own, holdout, unseen or all.`);
  const report = runEval(index.search, file);
  console.log(`\n# ${set} (${report.cases.length} questions, ${index.handle.meta.docsCommit.slice(0, 12)})\n`);
  console.log(values.misses ? formatEvalReport(report) : formatEvalReport({ ...report, misses: [] }));
}
index.close();
