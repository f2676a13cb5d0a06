import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Product } from '../src/products.js';
import { estimateTokens } from '../src/tokens.js';
import { crawlContent } from './crawl.js';
import { parseFrontMatter } from './hugo/front-matter.js';
import { loadHugoSite, type HugoSite } from './hugo/site.js';
import { resolveShortcodes, TemplateFiles, type PageInfo, type ShortcodeContext } from './hugo/shortcodes/resolve-shortcodes.js';
import { toPageUrls } from './hugo/page-url.js';
import { createLinkResolver, type LinkResolver } from './hugo/resolve-link.js';
import { chunkPage } from './markdown/chunk-page.js';
import { compareByWeight, parentOf, sectionOf, toPageInfo } from './page-tree.js';
import type { DocsSource } from './sources/docs-source.js';
import type { FrontMatter, IndexedPage, IndexWarning, SourcePage } from './types.js';
import { readPreviousPages } from './write/previous-index.js';
import { writeIndex } from './write/write-index.js';
import { loadPageQuestions, matchPageQuestions, type PageQuestions } from './page-questions.js';
import type { PageQuestionCoverage } from './page-question-coverage.js';
import { buildSearchBlobs } from './search-blobs.js';
import { DATA_PATHS } from '../src/paths.js';

/**
 * Bump when the indexer's output changes for the same input (a resolver fix, new chunking), so
 * that content-hash reuse does not keep pages rendered by the old code.
 */
export const INDEXER_VERSION = 5;

export interface BuildIndexOptions {
  source: DocsSource;
  products: Product[];
  outFile: string;
  /** An existing index whose unchanged pages may be reused (defaults to `outFile`). */
  previousFile?: string;
  /** Called as pages are rendered, for a progress bar. */
  onProgress?: (event: { product: Product; done: number; total: number }) => void;
  /** Extra check on the finished temp file before it replaces `outFile`; throw to abort. */
  check?: (tempFile: string) => void;
  /** Questions users ask per section, indexed beside them (default: the product's data/search/page-questions/). */
  pageQuestions?: PageQuestions;
}

export interface BuildReport {
  products: Product[];
  pages: number;
  sections: number;
  reused: number;
  warnings: IndexWarning[];
  /** Shortcode tags still present in stored text (the target is zero). */
  unresolvedShortcodes: number;
  /** Which sections have page questions, and which entries were dropped and why. */
  pageQuestions: PageQuestionCoverage;
  seconds: number;
  docsCommit: string | null;
  outFile: string;
}

/** Build an index of the given products from a docs tree and publish it atomically. */
export function buildIndex(options: BuildIndexOptions): BuildReport {
  const started = performance.now();
  const warnings: IndexWarning[] = [];
  const pages: IndexedPage[] = [];
  let reused = 0;
  for (const product of options.products) {
    const built = renderProduct(options, product);
    pages.push(...built.pages);
    warnings.push(...built.warnings);
    reused += built.reused;
  }
  const unresolvedShortcodes = countShortcodeTags(pages);
  const questions = matchPageQuestions(options.pageQuestions ?? loadPageQuestions(DATA_PATHS.pageQuestions), pages);
  warnings.push(...questions.warnings);
  writeIndex(
    pages,
    { docsCommit: options.source.commit, docsSource: options.source.origin, products: options.products, warningCount: warnings.length },
    options.outFile,
    { deriveBlobs: buildSearchBlobs, questionsFor: questions.questionsFor, ...(options.check && { check: options.check }) },
  );
  return {
    products: options.products,
    pages: pages.length,
    sections: pages.reduce((sum, page) => sum + page.sections.length, 0),
    reused,
    warnings,
    unresolvedShortcodes,
    pageQuestions: questions.coverage,
    seconds: (performance.now() - started) / 1000,
    docsCommit: options.source.commit,
    outFile: options.outFile,
  };
}

interface ParsedPage {
  source: SourcePage;
  frontMatter: FrontMatter;
}

function renderProduct(options: BuildIndexOptions, product: Product): { pages: IndexedPage[]; warnings: IndexWarning[]; reused: number } {
  const site = loadHugoSite(options.source.root, product);
  const fileLabel = (path: string) => relative(site.root, join(site.contentDir, path));
  const crawled = crawlContent(site.contentDir, product, fileLabel);
  const warnings = [...crawled.warnings];
  // One template cache for the whole build: each shortcode template is read and parsed once.
  const templates = new TemplateFiles(site.layoutDirs);

  const parsed = crawled.pages.map((source): ParsedPage => {
    const fallbackTitle = source.path.replace(/(\/_index)?\.md$/, '').split('/').pop() ?? source.path;
    const result = parseFrontMatter(source.frontMatterText, fileLabel(source.path), fallbackTitle);
    warnings.push(...result.warnings);
    return { source, frontMatter: resolveFrontMatter(result.frontMatter, { site, templates, page: { path: source.path, file: fileLabel(source.path), frontMatter: result.frontMatter }, pages: new Map() }, warnings) };
  });
  const infos = new Map<string, PageInfo>(parsed.map(({ source, frontMatter }) => [source.path, toPageInfo(source.path, frontMatter)]));
  const paths = new Set(infos.keys());
  const links = createLinkResolver(paths, site.baseUrl);
  const fingerprint = fingerprintSite(site, [...infos.values()]);
  const previous = readPreviousPages(options.previousFile ?? options.outFile, product);

  const pages: IndexedPage[] = [];
  let reused = 0;
  for (const [done, page] of parsed.entries()) {
    const contentHash = createHash('sha256').update(fingerprint).update(page.source.raw).digest('hex');
    const old = previous.get(page.source.path);
    if (old && old.contentHash === contentHash) {
      pages.push(old);
      reused++;
    } else {
      const rendered = renderPage(page, { site, templates, infos, paths, links, fileLabel, contentHash });
      pages.push(rendered.page);
      warnings.push(...rendered.warnings);
    }
    options.onProgress?.({ product, done: done + 1, total: parsed.length });
  }
  return { pages, warnings, reused };
}

/** Hugo leaves shortcodes in front matter alone, but the theme renders them in titles and descriptions. */
function resolveFrontMatter(frontMatter: FrontMatter, context: ShortcodeContext, warnings: IndexWarning[]): FrontMatter {
  const resolve = (text: string) => {
    const result = resolveShortcodes(text, context, { firstLine: 1 });
    warnings.push(...result.warnings);
    return result.text.trim();
  };
  return {
    ...frontMatter,
    title: resolve(frontMatter.title),
    description: resolve(frontMatter.description),
    keywords: frontMatter.keywords.map(resolve),
    ...(frontMatter.sidebarTitle !== undefined && { sidebarTitle: resolve(frontMatter.sidebarTitle) }),
  };
}

interface RenderContext {
  site: HugoSite;
  templates: TemplateFiles;
  links: LinkResolver;
  infos: Map<string, PageInfo>;
  paths: Set<string>;
  fileLabel: (path: string) => string;
  contentHash: string;
}

function renderPage({ source, frontMatter }: ParsedPage, context: RenderContext): { page: IndexedPage; warnings: IndexWarning[] } {
  const { site, templates, infos, paths, links, fileLabel } = context;
  const file = fileLabel(source.path);
  const shortcodeContext: ShortcodeContext = { site, templates, page: { path: source.path, file, frontMatter }, pages: infos };
  const resolved = resolveShortcodes(source.body, shortcodeContext, { firstLine: source.bodyLine });
  const warnings = [...resolved.warnings];
  const parentPath = parentOf(source.path, (path) => paths.has(path));

  let body = resolved.text;
  if (body.trim() === '' && source.path.endsWith('_index.md')) body = renderChildList(source.path, infos, paths, site.baseUrl);

  const chunked = chunkPage({
    markdown: body,
    title: frontMatter.title,
    path: source.path,
    configFiles: site.vendor.config.files,
    resolveLink: (destination: string) => {
      const link = links(destination, source.path);
      if (link.kind === 'internal' || link.kind === 'external') return link.url;
      // A section is read apart from its page, so a same-page link gets the page's full URL.
      return link.kind === 'same-page' ? `${toPageUrls(source.path, site.baseUrl).html}#${link.fragment}` : undefined;
    },
  });
  for (const link of chunked.links) {
    if (link.url === undefined && !link.dest.startsWith('#')) {
      warnings.push({ kind: 'link', file, line: source.bodyLine + link.line - 1, message: `Link target not found: ${link.dest}` });
    }
  }
  const urls = toPageUrls(source.path, site.baseUrl);
  return {
    page: {
      product: source.product,
      path: source.path,
      url: urls.html,
      mdUrl: urls.md,
      title: frontMatter.title,
      description: frontMatter.description,
      ...(frontMatter.sidebarTitle !== undefined && { sidebarTitle: frontMatter.sidebarTitle }),
      keywords: frontMatter.keywords,
      ...(frontMatter.weight !== undefined && { weight: frontMatter.weight }),
      section: sectionOf(source.path),
      ...(parentPath !== undefined && { parentPath }),
      markdown: chunked.markdown,
      sections: chunked.sections,
      tokens: estimateTokens(chunked.markdown),
      contentHash: context.contentHash,
    },
    warnings,
  };
}

/** Section pages with no body show their children as cards on the site; the index lists them. */
function renderChildList(path: string, infos: Map<string, PageInfo>, paths: Set<string>, baseUrl: string): string {
  const children = [...infos.values()]
    .filter((info) => !info.sidebarIgnore && info.path !== path && parentOf(info.path, (p) => paths.has(p)) === path)
    .sort(compareByWeight);
  return children
    .map((child) => `- [${child.title}](${toPageUrls(child.path, baseUrl).html})${child.description ? `: ${child.description.replace(/\s+/g, ' ')}` : ''}`)
    .join('\n');
}

/**
 * Everything besides the page's own source that its rendering reads: site params, data files,
 * shortcode templates and the page list (titles and descriptions appear on other pages).
 */
function fingerprintSite(site: HugoSite, infos: PageInfo[]): string {
  const hash = createHash('sha256');
  hash.update(`indexer:${INDEXER_VERSION}\n`);
  hash.update(JSON.stringify(site.params));
  hash.update(JSON.stringify(site.data));
  for (const dir of site.layoutDirs) {
    for (const sub of ['shortcodes', 'partials']) {
      const folder = join(dir, sub);
      if (!existsSync(folder)) continue;
      for (const name of (readdirSync(folder, { recursive: true }) as string[]).sort()) {
        const full = join(folder, name);
        try {
          hash.update(name).update(readFileSync(full));
        } catch (error) {
          // Folders are listed too; reading one fails with EISDIR, which is the one expected case.
          if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
        }
      }
    }
  }
  hash.update(JSON.stringify(infos.map((info) => [info.path, info.title, info.description])));
  return hash.digest('hex');
}

function countShortcodeTags(pages: IndexedPage[]): number {
  let count = 0;
  for (const page of pages) count += (page.markdown.match(/\{\{[<%]/g) ?? []).length;
  return count;
}
