import { join } from 'node:path';
import { toPageInfo } from '../../../../indexer/page-tree.js';
import { DATA_PATHS } from '../../../../src/paths.js';
import type { Product } from '../../../../src/products.js';
import { crawlContent } from '../../../../indexer/crawl.js';
import { parseFrontMatter } from '../../../../indexer/hugo/front-matter.js';
import { loadHugoSite, type HugoSite } from '../../../../indexer/hugo/site.js';
import { resolveShortcodes, TemplateFiles, type PageInfo, type ResolveResult, type ShortcodeContext } from '../../../../indexer/hugo/shortcodes/resolve-shortcodes.js';
import type { FrontMatter, SourcePage } from '../../../../indexer/types.js';

export interface CorpusPage {
  source: SourcePage;
  file: string;
  frontMatter: FrontMatter;
}

export interface Corpus {
  site: HugoSite;
  pages: CorpusPage[];
  pageInfos: Map<string, PageInfo>;
  templates: TemplateFiles;
}

/** Load a product of the bundled docs snapshot the way the indexer does: crawl, then front matter. */
export function loadCorpus(product: Product): Corpus {
  const site = loadHugoSite(DATA_PATHS.docsSnapshot, product);
  const siteFolder = site.contentDir.slice(DATA_PATHS.docsSnapshot.length + 1);
  const fileOf = (path: string): string => join(siteFolder, path);
  const { pages: sources } = crawlContent(site.contentDir, product, fileOf);
  const pages = sources.map((source) => {
    const { frontMatter } = parseFrontMatter(source.frontMatterText, fileOf(source.path), source.path);
    return { source, file: fileOf(source.path), frontMatter };
  });
  const pageInfos = new Map<string, PageInfo>(pages.map(({ source, frontMatter }) => [source.path, toPageInfo(source.path, frontMatter)]));
  return { site, pages, pageInfos, templates: new TemplateFiles(site.layoutDirs) };
}

/** A context for one page of a loaded corpus, sharing the corpus's template cache. */
export function createPageContext(corpus: Corpus, path: string): ShortcodeContext {
  const page = corpus.pages.find((candidate) => candidate.source.path === path);
  if (!page) throw new Error(`No page ${path} in the ${corpus.site.product} snapshot`);
  return {
    site: corpus.site,
    page: { path, file: page.file, frontMatter: page.frontMatter },
    pages: corpus.pageInfos,
    templates: corpus.templates,
    buildYear: 2026,
  };
}

export function findPage(corpus: Corpus, path: string): CorpusPage {
  const page = corpus.pages.find((candidate) => candidate.source.path === path);
  if (!page) throw new Error(`No page ${path} in the ${corpus.site.product} snapshot`);
  return page;
}

/** Resolve one page's body as the indexer will, with warnings pointing at file lines. */
export function resolvePageBody(corpus: Corpus, path: string): ResolveResult {
  const page = findPage(corpus, path);
  return resolveShortcodes(page.source.body, createPageContext(corpus, path), { firstLine: page.source.bodyLine });
}

/** Resolve shortcodes in a text as if it stood on `path` (a real page of the corpus). */
export function resolveOn(corpus: Corpus, text: string, path = 'add-services/redis.md'): string {
  return resolveShortcodes(text, createPageContext(corpus, path)).text;
}
