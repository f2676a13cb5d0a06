// Page questions: hand-written user phrasings indexed beside the section they ask about.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../indexer/build-index.js';
import { describePageQuestionCoverage, renderPageQuestionCheck } from '../../indexer/page-question-coverage.js';
import { loadPageQuestions } from '../../indexer/page-questions.js';
import { openLocalSource } from '../../indexer/sources/local-source.js';
import { loadIndex } from '../../src/docs/loaded-index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';

const work = mkdtempSync(join(tmpdir(), 'upsun-docs-page-questions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function questionsDir(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** The real site config and templates with two real pages. */
function smallTree(name = 'tree'): string {
  const root = join(work, name);
  for (const dir of ['sites/upsun/config', 'sites/upsun/layouts', 'shared/data', 'themes/psh-docs/layouts']) {
    cpSync(join(DATA_PATHS.docsSnapshot, dir), join(root, dir), { recursive: true });
  }
  for (const page of ['_index.md', 'create-apps/image-properties/mounts.md', 'create-apps/image-properties/web.md']) {
    cpSync(join(DATA_PATHS.docsSnapshot, 'sites/upsun/src', page), join(root, 'sites/upsun/src', page));
  }
  return root;
}

describe('page questions', () => {
  it('reads every YAML file of the folder, merging entries for the same section', () => {
    const dir = questionsDir('merge', {
      'a.yaml': 'create-apps/image-properties/mounts.md:\n  "":\n    - where can my app write files\n',
      'b.yaml': 'create-apps/image-properties/mounts.md:\n  "":\n    - uploads vanish after deploy\n',
      'notes.txt': 'not read',
    });
    expect(loadPageQuestions(dir).byKey.get('create-apps/image-properties/mounts.md#')).toEqual(['where can my app write files', 'uploads vanish after deploy']);
  });

  it('names the file and says what is wrong when a file is not valid YAML or not of the expected shape', () => {
    expect(() => loadPageQuestions(questionsDir('bad-yaml', { 'broken.yaml': 'mounts.md:\n  "": [unclosed\n' }))).toThrow(/broken\.yaml is not valid YAML/);
    expect(() => loadPageQuestions(questionsDir('bad-shape', { 'flat.yaml': 'create-apps/image-properties/mounts.md:\n  - a question without an anchor\n' }))).toThrow(
      /flat\.yaml is not a page-questions file \(page path → section anchor → list of questions\)/,
    );
  });

  it('indexes the questions beside their section, so a user\'s own words find it, and warns about sections the docs lack', async () => {
    const dir = questionsDir('index', {
      'apps.yaml': [
        'create-apps/image-properties/mounts.md:',
        '  define-a-mount:',
        '    - my quokka pictures disappear after every redeploy',
        '  no-such-heading:',
        '    - a question for a heading renamed upstream',
        'create-apps/image-properties/gone.md:',
        '  "":',
        '    - a page removed upstream',
      ].join('\n'),
    });
    const outFile = join(work, 'questions.sqlite');
    const source = openLocalSource(smallTree());
    const report = await buildIndex({ source, products: ['upsun'], outFile, pageQuestions: loadPageQuestions(dir) });
    source.dispose();
    expect(report.warnings.filter((w) => w.kind === 'page-questions').map((w) => w.message)).toEqual([
      'create-apps/image-properties/mounts.md has no section #no-such-heading; its 1 page questions are not indexed.',
      '1 pages with page questions are not in these docs (create-apps/image-properties/gone.md); their questions are not indexed.',
    ]);
    const index = loadIndex(outFile, loadVocabulary(DATA_PATHS.searchData));
    try {
      // "quokka" is in no docs page: only the page question can bring the section up.
      const [first] = index.search.search({ query: 'quokka pictures disappear', limit: 3 }).results;
      expect(first?.path).toBe('create-apps/image-properties/mounts.md');
      expect(first?.anchor).toBe('define-a-mount');
    } finally {
      index.close();
    }
  });

  it('reports questions whose heading was renamed upstream as stale, and counts the sections that have questions', async () => {
    // The real mounts page, with one heading renamed as an upstream docs change would.
    const root = smallTree('renamed-tree');
    const mounts = join(root, 'sites/upsun/src/create-apps/image-properties/mounts.md');
    const original = readFileSync(mounts, 'utf8');
    expect(original).toContain('\n### Define a mount\n');
    writeFileSync(mounts, original.replace('\n### Define a mount\n', '\n### Declare a mount\n'));
    const dir = questionsDir('renamed', {
      'apps.yaml': [
        'create-apps/image-properties/mounts.md:',
        '  "":',
        '    - where can my app write files at runtime',
        '  define-a-mount:',
        '    - persistent storage folder for user uploads',
        '    - how do I declare a writable directory',
        'create-apps/image-properties/web.md:',
        '  "":',
        '    - what does the web key do',
      ].join('\n'),
    });
    const source = openLocalSource(root);
    const report = await buildIndex({ source, products: ['upsun'], outFile: join(work, 'renamed.sqlite'), pageQuestions: loadPageQuestions(dir) });
    source.dispose();
    const coverage = report.pageQuestions;
    expect(coverage.stale).toEqual([{ path: 'create-apps/image-properties/mounts.md', anchor: 'define-a-mount', questions: 2, reason: 'heading-gone', file: 'apps.yaml' }]);
    expect(coverage.droppedQuestions).toBe(2);
    expect(coverage.covered).toBe(2);
    expect(coverage.sections).toBe(report.sections);
    expect(coverage.uncovered).toContainEqual({ path: 'create-apps/image-properties/mounts.md', anchor: 'declare-a-mount', heading: 'Declare a mount' });
    // What `index` and `refresh` print, and what `npm run page-questions:check` lists.
    expect(describePageQuestionCoverage(coverage)).toBe(
      `Page questions: 2 of ${report.sections} upsun sections have some (${((200 / report.sections)).toFixed(1)}%); 2 dropped: 2 for a heading no longer on its page (renamed or removed). \`npm run page-questions:check\` lists them and the sections with none.`,
    );
    const check = renderPageQuestionCheck(coverage);
    expect(check).toContain('data/search/page-questions/apps.yaml: create-apps/image-properties/mounts.md#define-a-mount (2 questions): the page has no heading #define-a-mount any more (renamed or removed)');
    expect(check).toContain('create-apps/image-properties/mounts.md#declare-a-mount "Declare a mount"');
  });

  it('reports the questions of a page gone from the docs as stale, for that reason', async () => {
    const dir = questionsDir('page-gone', { 'ops.yaml': 'create-apps/image-properties/gone.md:\n  "":\n    - a page removed upstream\n    - another question\n' });
    const source = openLocalSource(smallTree());
    const report = await buildIndex({ source, products: ['upsun'], outFile: join(work, 'gone.sqlite'), pageQuestions: loadPageQuestions(dir) });
    source.dispose();
    expect(report.pageQuestions.stale).toEqual([{ path: 'create-apps/image-properties/gone.md', anchor: '', questions: 2, reason: 'page-gone', file: 'ops.yaml' }]);
    expect(describePageQuestionCoverage(report.pageQuestions)).toContain('; 2 dropped: 2 for a page no longer in the docs.');
  });
});
