import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Product } from '../src/products.js';
import type { IndexedPage, IndexWarning, Section } from './types.js';
import { measurePageQuestionCoverage, type PageQuestionCoverage } from './page-question-coverage.js';

/**
 * Questions users ask that a docs section answers, written by hand from the pages ("doc2query"):
 * the search engine indexes them beside the section, so a question worded the way users ask ("my
 * uploads vanish after a deploy") meets a section worded the way the docs explain ("Mounts"). They
 * are data, kept in `data/search/page-questions/*.yaml` as page path → anchor → questions, and apply
 * to the Upsun pages, whose paths they name.
 */
export interface PageQuestions {
  /** Questions by `path#anchor` (anchor '' for the page as a whole). */
  byKey: Map<string, string[]>;
  /** Where each key was written, for warnings. */
  origin: Map<string, string>;
}

export const PAGE_QUESTIONS_PRODUCT: Product = 'upsun';

/** Read every `*.yaml` file of the folder; a file that is not valid YAML or not of this shape throws, naming it. */
export function loadPageQuestions(dir: string): PageQuestions {
  const byKey = new Map<string, string[]>();
  const origin = new Map<string, string>();
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { byKey, origin };
    throw error;
  }
  for (const name of files) {
    const file = join(dir, name);
    let data: unknown;
    try {
      data = parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file} is not valid YAML: ${(error as Error).message}`, { cause: error });
    }
    const problem = findShapeProblem(data ?? {});
    if (problem) throw new Error(`${file} is not a page-questions file (page path → section anchor → list of questions): ${problem}`);
    for (const [path, anchors] of Object.entries(data as Record<string, Record<string, string[]>>)) {
      for (const [anchor, questions] of Object.entries(anchors)) {
        const key = `${path}#${anchor}`;
        byKey.set(key, [...(byKey.get(key) ?? []), ...questions]);
        origin.set(key, name);
      }
    }
  }
  return { byKey, origin };
}

/**
 * What is wrong with the file's shape, or undefined. Checked by hand rather than with zod: the shape
 * is two maps and a list, and importing zod would add ~15 MB and ~70 ms to an index build that has
 * no other use for it (issue 2 budgets the build at 250 MB).
 */
function findShapeProblem(data: unknown): string | undefined {
  if (!isMap(data)) return 'the top level must be a map of page paths';
  for (const [path, anchors] of Object.entries(data)) {
    if (!path.endsWith('.md')) return `"${path}" is not a page path (it must end in .md)`;
    if (!isMap(anchors)) return `${path} must map section anchors ("" for the page) to lists of questions`;
    for (const [anchor, questions] of Object.entries(anchors)) {
      if (!Array.isArray(questions)) return `${path} → "${anchor}" must be a list of questions`;
      const bad = questions.find((question) => typeof question !== 'string' || question.trim() === '' || question.length > 200);
      if (bad !== undefined) return `${path} → "${anchor}" holds ${JSON.stringify(bad)}; each question is a non-empty text of at most 200 characters`;
    }
  }
  return undefined;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The questions of each indexed section, one a line ('' for none), and how well they cover these docs.
 * An entry whose page the docs have but whose anchor they lack (a heading renamed upstream) gets a
 * warning; entries for pages these docs lack (renamed, removed, or a partial tree) get one warning
 * together. Either way the entry is dropped, the coverage counts it, and the build goes on.
 */
export function matchPageQuestions(
  questions: PageQuestions,
  pages: IndexedPage[],
): { questionsFor: (page: IndexedPage, section: Section) => string; warnings: IndexWarning[]; coverage: PageQuestionCoverage } {
  const coverage = measurePageQuestionCoverage(questions, pages, PAGE_QUESTIONS_PRODUCT);
  const questionsFor = (page: IndexedPage, section: Section) =>
    page.product === PAGE_QUESTIONS_PRODUCT ? (questions.byKey.get(`${page.path}#${section.anchor}`)?.join('\n') ?? '') : '';
  const warnings: IndexWarning[] = [];
  for (const entry of coverage.stale) {
    if (entry.reason !== 'heading-gone') continue;
    const file = `data/search/page-questions/${entry.file}`;
    warnings.push({ kind: 'page-questions', file, line: 0, message: `${entry.path} has no section #${entry.anchor}; its ${entry.questions} page questions are not indexed.` });
  }
  const missingPages = [...new Set(coverage.stale.filter((entry) => entry.reason === 'page-gone').map((entry) => entry.path))];
  if (missingPages.length > 0) {
    const some = missingPages.slice(0, 5).join(', ');
    warnings.push({
      kind: 'page-questions',
      file: 'data/search/page-questions',
      line: 0,
      message: `${missingPages.length} pages with page questions are not in these docs (${some}${missingPages.length > 5 ? ', …' : ''}); their questions are not indexed.`,
    });
  }
  return { questionsFor, warnings, coverage };
}
