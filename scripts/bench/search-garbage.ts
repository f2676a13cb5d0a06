// node dist/scripts/bench/search-garbage.js [--index FILE] [--queries N]
// Bytes a search allocates, and where: V8's sampling heap profiler with the objects that minor and major GCs
// collected kept in the profile, over N distinct questions (none asked twice) after a warm-up. Garbage is
// what the young generation's collections pay for on every call; unlike timings, this figure does not move
// with the machine's load, so it can compare two builds on a busy machine. Prints the total per query and the
// functions that allocate most (self, with the caller for built-ins such as `replace`).
import { Session } from 'node:inspector/promises';
import { parseScriptArgs } from '../script-args.js';
import { readConfig } from '../../src/config.js';
import { chooseIndexFile } from '../../src/db/choose-index.js';
import { openIndex } from '../../src/db/open-index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { createSearchEngine } from '../../src/search/search-engine.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { createDistinctQuestions, loadBaseQuestions } from '../load-test/distinct-queries.js';

const { values } = parseScriptArgs(import.meta.url, { options: { index: { type: 'string' }, queries: { type: 'string', default: '3000' } } });
const count = Number(values.queries);

const index = openIndex(chooseIndexFile(readConfig(process.env), values.index));
const engine = createSearchEngine({ index, vocabulary: loadVocabulary(DATA_PATHS.searchData) });
const nextQuestion = createDistinctQuestions(loadBaseQuestions());
// Warm-up: start-up reads, lazily built tables and the typo index are not per-query garbage.
for (let i = 0; i < 500; i++) engine.search({ query: nextQuestion(), limit: 5 });

const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
for (let i = 0; i < count; i++) engine.search({ query: nextQuestion(), limit: 5 });
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();
index.close();

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}
const bySite = new Map<string, number>();
let total = 0;
const nameOf = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return url === '' ? `${functionName || '(anonymous)'} (built-in)` : `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
};
const walk = (node: ProfileNode, caller: string) => {
  const name = nameOf(node);
  // A built-in's garbage is charged to it and its caller: "replace (built-in) in makeSnippet".
  const site = node.callFrame.url === '' && caller !== '' ? `${name} in ${caller}` : name;
  bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
  total += node.selfSize;
  for (const child of node.children) walk(child, node.callFrame.url === '' ? caller : (node.callFrame.functionName || '(anonymous)'));
};
walk(profile.head as unknown as ProfileNode, '');

console.log(`${count} distinct questions, limit 5 (Node ${process.version}): ${(total / count / 1024).toFixed(0)} KB allocated per query`);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`${((bytes / count / 1024).toFixed(1) + ' KB').padStart(10)}  ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${site}`);
}
