// node dist/scripts/bench/first-unknown-word.js [index file]: what the first query with a word the docs never
// contain costs on a fresh engine, with and without the typo index warmed in the background (issue 10).
// Each round opens the index anew, so every figure is a first query; rounds alternate the two cases.
import { parseScriptArgs } from '../script-args.js';
import { readConfig } from '../../src/config.js';
import { chooseIndexFile } from '../../src/db/choose-index.js';
import { openIndex } from '../../src/db/open-index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { createSearchEngine } from '../../src/search/search-engine.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { percentile } from './percentiles.js';

const { values, positionals } = parseScriptArgs(import.meta.url, { options: { rounds: { type: 'string', default: '5' } }, allowPositionals: true });
const file = chooseIndexFile(readConfig(process.env), positionals[0]);
const vocabulary = loadVocabulary(DATA_PATHS.searchData);
// Misspelt words (one edit from a docs word) in short queries: the engine corrects them with the typo index.
const queries = ['moutns', 'relatonships', 'postgress backup', 'enviroment variabels', 'cron shedule', 'redsi cache'];
const cold: number[] = [];
const warm: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  for (const warmed of [false, true]) {
    const index = openIndex(file);
    const engine = createSearchEngine({ index, vocabulary });
    engine.search({ query: 'mounts' }); // a known word: the engine's own first-call costs, not the typo index
    if (warmed) await engine.warm({ pauseMs: 0 });
    const query = queries[round % queries.length] ?? 'moutns';
    const t0 = performance.now();
    engine.search({ query });
    (warmed ? warm : cold).push(performance.now() - t0);
    index.close();
  }
}
const show = (times: number[]) => `median ${percentile(times, 50).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`;
console.log(`first query with an unknown word on a fresh engine (${cold.length} rounds each):`);
console.log(`  typo index loaded on the request: ${show(cold)}`);
console.log(`  typo index warmed in the background first: ${show(warm)}`);
