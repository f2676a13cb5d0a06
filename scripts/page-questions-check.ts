// npm run page-questions:check: which Upsun docs sections have page questions, which have none, and which
// entries of data/search/page-questions no longer match the docs (a page moved, a heading renamed upstream).
// It builds the Upsun index of the docs into a temporary file, as `index` and `refresh` do, and lists what
// their one-line report counts. Exits 1 when an entry is stale: its questions are not indexed.
//   --source DIR|GIT_URL  the docs to check against (default: the bundled snapshot); --ref REF for a git source
//   --questions DIR       the page-questions folder (default: data/search/page-questions)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScriptArgs } from './script-args.js';
import { buildIndex } from '../indexer/build-index.js';
import { renderPageQuestionCheck } from '../indexer/page-question-coverage.js';
import { loadPageQuestions, PAGE_QUESTIONS_PRODUCT } from '../indexer/page-questions.js';
import { openDocsSource } from '../indexer/sources/open-source.js';
import { DATA_PATHS } from '../src/paths.js';

const { values } = parseScriptArgs(import.meta.url, { options: { source: { type: 'string' }, ref: { type: 'string' }, questions: { type: 'string' } } });
const source = await openDocsSource(values.source ?? DATA_PATHS.docsSnapshot, values.ref ? { ref: values.ref } : {});
const dir = mkdtempSync(join(tmpdir(), 'upsun-docs-page-questions-check-'));
try {
  const report = await buildIndex({
    source,
    products: [PAGE_QUESTIONS_PRODUCT],
    outFile: join(dir, 'index.sqlite'),
    pageQuestions: loadPageQuestions(values.questions ?? DATA_PATHS.pageQuestions),
  });
  console.log(renderPageQuestionCheck(report.pageQuestions));
  process.exitCode = report.pageQuestions.stale.length > 0 ? 1 : 0;
} finally {
  source.dispose();
  rmSync(dir, { recursive: true, force: true });
}
