import { readFileSync } from 'node:fs';
import { parseQuery } from '../dist/src/search/parse-query.js';
import { loadVocabulary } from '../dist/src/search/vocabulary.js';
import { openIndex } from '../dist/src/db/open-index.js';
const v = loadVocabulary('/work/wt/search/data/search');
const idx = openIndex('/tmp/search-index.sqlite');
const count = idx.db.prepare("select count(*) n from sections_fts where sections_fts match ? and rowid between 2590 and 4886");
const file = process.argv[2];
for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
  const q = JSON.parse(line);
  const cs = parseQuery(q.query, v);
  const out = cs.map(c => { let n; try { n = count.get('"' + c.alternatives[0].join(' ') + '"').n } catch { n = '?' } return `${c.text}${c.alternatives.length>1?'['+c.alternatives.slice(1).map(a=>a.join(' ')).join('|')+']':''}(${n})`; });
  console.log(q.id, out.join(' '));
}
