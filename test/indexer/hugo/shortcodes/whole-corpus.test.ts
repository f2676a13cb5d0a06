import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../src/products.js';
import { resolveShortcodes } from '../../../../indexer/hugo/shortcodes/resolve-shortcodes.js';
import { scanShortcodeTags } from '../../../../indexer/hugo/shortcodes/scan-shortcode-tags.js';
import type { IndexWarning } from '../../../../indexer/types.js';
import { createPageContext, loadCorpus } from './load-corpus.js';

const LEFTOVER = /\{\{[<%]|[>%]\}\}/;

interface CorpusRun {
  pages: number;
  tags: number;
  milliseconds: number;
  leftovers: string[];
  warnings: IndexWarning[];
}

/** Resolve the body and the front matter text of every page of a product, the way the indexer will. */
function resolveCorpus(product: Product): CorpusRun {
  const corpus = loadCorpus(product);
  const run: CorpusRun = { pages: corpus.pages.length, tags: 0, milliseconds: 0, leftovers: [], warnings: [] };
  const started = performance.now();
  for (const page of corpus.pages) {
    const ctx = createPageContext(corpus, page.source.path);
    const parts = [
      { text: page.source.body, firstLine: page.source.bodyLine },
      { text: page.source.frontMatterText, firstLine: 2 },
    ];
    for (const part of parts) {
      const { text, warnings } = resolveShortcodes(part.text, ctx, { firstLine: part.firstLine });
      run.warnings.push(...warnings);
      const leftover = LEFTOVER.exec(text);
      if (leftover) run.leftovers.push(`${page.file}: …${text.slice(Math.max(0, leftover.index - 40), leftover.index + 40)}…`);
    }
  }
  run.milliseconds = performance.now() - started;
  for (const page of corpus.pages) {
    for (const text of [page.source.body, page.source.frontMatterText]) run.tags += scanShortcodeTags(text).filter((item) => item.kind === 'tag' && !item.closing).length;
  }
  return run;
}

function printRun(product: Product, run: CorpusRun): void {
  console.log(`${product}: ${run.pages} pages, ${run.tags} shortcode tags, resolved in ${run.milliseconds.toFixed(0)} ms, ${run.warnings.length} warnings`);
  for (const warning of run.warnings) console.log(`  ${warning.kind} ${warning.file}:${warning.line} ${warning.message}`);
}

describe('the whole corpus', () => {
  it('resolves every shortcode of all Upsun pages, with at most a couple of warnings', () => {
    const run = resolveCorpus('upsun');
    printRun('upsun', run);
    // 290 files minus registry/_index.md and search.md, which the crawler skips.
    expect(run.pages).toBe(288);
    expect(run.tags).toBeGreaterThan(4000);
    expect(run.leftovers).toEqual([]);
    // The only one left is a stray `>}}` typo in add-services/gotenberg.md.
    expect(run.warnings.map((warning) => `${warning.file}:${warning.line}`)).toEqual(['sites/upsun/src/add-services/gotenberg.md:38']);
  });

  it('resolves every shortcode of all Upsun Fixed pages; only files fetched at site build time are missing', () => {
    const run = resolveCorpus('platformsh');
    printRun('platformsh', run);
    expect(run.pages).toBeGreaterThan(350);
    expect(run.leftovers).toEqual([]);
    expect(run.warnings.filter((warning) => warning.kind !== 'file')).toEqual([]);
    expect(run.warnings.length).toBeLessThanOrEqual(10);
  });
});
