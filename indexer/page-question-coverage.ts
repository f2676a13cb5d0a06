import type { Product } from '../src/products.js';
import type { PageQuestions } from './page-questions.js';

/** Why a page-questions entry was not indexed. */
export type StaleReason = 'page-gone' | 'heading-gone';

/** An entry of data/search/page-questions that no longer matches the docs. */
export interface StalePageQuestions {
  path: string;
  /** The section anchor the entry names ('' for the page as a whole). */
  anchor: string;
  /** How many questions it holds, none of them indexed. */
  questions: number;
  reason: StaleReason;
  /** The data file it is written in (its name under data/search/page-questions). */
  file: string;
}

/** How well the page questions cover the docs they were matched against, and what they lost. */
export interface PageQuestionCoverage {
  /** The product whose pages the questions are written for. */
  product: Product;
  /** Its sections in these docs. */
  sections: number;
  /** Of those, the sections that have at least one question. */
  covered: number;
  /** The sections with none, in page and heading order, for a maintainer to write some. */
  uncovered: Array<{ path: string; anchor: string; heading: string }>;
  /** Entries not indexed: their page is gone, or the page has no heading with their anchor (renamed or removed). */
  stale: StalePageQuestions[];
  /** Questions in stale entries, in all. */
  droppedQuestions: number;
}

/** The part of an indexed page that coverage reads. */
export interface CoveragePage {
  product: string;
  path: string;
  sections: ReadonlyArray<{ anchor: string; heading: string }>;
}

/**
 * Match the page questions against the pages of a build (or of an index): which sections have questions,
 * which have none, and which entries name a page or heading these docs no longer have. When the pages hold
 * no page of the questions' product (a Platform.sh-only build), there is nothing to cover or to drop.
 */
export function measurePageQuestionCoverage(questions: PageQuestions, pages: Iterable<CoveragePage>, product: Product): PageQuestionCoverage {
  const anchorsByPath = new Map<string, Set<string>>();
  const sections: Array<{ path: string; anchor: string; heading: string }> = [];
  for (const page of pages) {
    if (page.product !== product) continue;
    anchorsByPath.set(page.path, new Set(page.sections.map((section) => section.anchor)));
    for (const section of page.sections) sections.push({ path: page.path, anchor: section.anchor, heading: section.heading });
  }
  const stale: StalePageQuestions[] = [];
  if (anchorsByPath.size > 0) {
    for (const [key, list] of questions.byKey) {
      const { path, anchor } = splitKey(key);
      const anchors = anchorsByPath.get(path);
      if (anchors?.has(anchor)) continue;
      stale.push({ path, anchor, questions: list.length, reason: anchors ? 'heading-gone' : 'page-gone', file: questions.origin.get(key) ?? '' });
    }
  }
  const uncovered = sections.filter((section) => !(questions.byKey.get(`${section.path}#${section.anchor}`)?.length));
  return {
    product,
    sections: sections.length,
    covered: sections.length - uncovered.length,
    uncovered,
    stale,
    droppedQuestions: stale.reduce((sum, entry) => sum + entry.questions, 0),
  };
}

/** `path#anchor` → its parts; the anchor is '' for the page as a whole. */
export function splitKey(key: string): { path: string; anchor: string } {
  const hash = key.indexOf('#');
  return hash < 0 ? { path: key, anchor: '' } : { path: key.slice(0, hash), anchor: key.slice(hash + 1) };
}

/** One line for `index` and `refresh`: coverage, and how many questions were dropped and why. */
export function describePageQuestionCoverage(coverage: PageQuestionCoverage): string {
  if (coverage.sections === 0) return `Page questions: none apply (they are written for the ${coverage.product} docs, which this build does not include).`;
  const share = ((100 * coverage.covered) / coverage.sections).toFixed(1);
  const head = `Page questions: ${coverage.covered} of ${coverage.sections} ${coverage.product} sections have some (${share}%)`;
  if (coverage.droppedQuestions === 0) return `${head}; none dropped.`;
  const count = (reason: StaleReason) => coverage.stale.filter((entry) => entry.reason === reason).reduce((sum, entry) => sum + entry.questions, 0);
  const reasons = [
    count('heading-gone') > 0 && `${count('heading-gone')} for a heading no longer on its page (renamed or removed)`,
    count('page-gone') > 0 && `${count('page-gone')} for a page no longer in the docs`,
  ].filter(Boolean);
  return `${head}; ${coverage.droppedQuestions} dropped: ${reasons.join(', ')}. \`npm run page-questions:check\` lists them and the sections with none.`;
}

/** The full list for `npm run page-questions:check`: stale entries first (they lose questions), then sections with none. */
export function renderPageQuestionCheck(coverage: PageQuestionCoverage): string {
  const lines = [describePageQuestionCoverage(coverage)];
  if (coverage.stale.length > 0) {
    lines.push('', `Stale entries (${coverage.stale.length}): their questions are not indexed. Move them to the section's new anchor, or delete them.`);
    for (const entry of coverage.stale) {
      const where = `${entry.path}${entry.anchor ? `#${entry.anchor}` : ''}`;
      const why = entry.reason === 'page-gone' ? 'the page is not in the docs any more (moved or removed)' : `the page has no heading #${entry.anchor} any more (renamed or removed)`;
      lines.push(`  data/search/page-questions/${entry.file}: ${where} (${entry.questions} questions): ${why}`);
    }
  }
  if (coverage.uncovered.length > 0) {
    lines.push('', `Sections with no page questions (${coverage.uncovered.length}), as path#anchor "heading":`);
    for (const section of coverage.uncovered) lines.push(`  ${section.path}#${section.anchor} "${section.heading}"`);
  }
  return lines.join('\n');
}
