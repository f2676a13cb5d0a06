import { readFileSync } from 'node:fs';
import { loadVocabulary } from '../dist/src/search/vocabulary.js';
import { openIndex } from '../dist/src/db/open-index.js';
import { createSearchEngine } from '../dist/src/search/search-engine.js';
const engine = createSearchEngine({ index: openIndex('/tmp/search-index.sqlite'), vocabulary: loadVocabulary('data/search') });
const sets = ['eval-sample','eval-own','eval-holdout','eval-holdout2','eval-real'];
const all = [];
for (const s of sets) for (const l of readFileSync(`test/fixtures/${s}.jsonl`,'utf8').split('\n').filter(Boolean)) {
  const q = JSON.parse(l); if (!q.relevant.length) continue;
  const r = engine.search({ query: q.query, limit: 10, maxTokens: 0 });
  const hit = q.relevant.includes(r.results[0]?.path);
  all.push([s, r.quality, hit, q.query.slice(0,70)]);
}
const nonsense = ['asdfgh qwerty zxcvb', 'how do I bake sourdough bread', 'best recipe for chocolate cake', 'who won the football world cup', 'lorem ipsum dolor sit amet', 'configure a kubernetes helm chart for cassandra', 'train a neural network on my gpu', 'flibbertigibbet wobblesnatch', 'install microsoft exchange server on windows', 'what is the capital of france', 'jquery datepicker not showing', 'iphone battery drains fast', 'salesforce apex trigger governor limits', 'sharepoint list permissions'];
for (const q of nonsense) { const r = engine.search({ query: q, limit: 5, maxTokens: 0 }); console.log('NONSENSE', r.quality, r.results.length, q, '->', r.results[0]?.path); }
for (const t of [0.2,0.25,0.3,0.35,0.4,0.5]) {
  const by = {}; for (const [s,qual,hit] of all) { by[s] ??= [0,0,0]; by[s][0]++; if (qual < t) { by[s][1]++; if (hit) by[s][2]++; } }
  console.log('threshold', t, JSON.stringify(by));
}
for (const [s,qual,hit,q] of all.filter(a => a[1] < 0.4)) console.log('LOW', s, qual, hit, q);
