import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Product } from '../src/products.js';
import { estimateTokens } from '../src/tokens.js';
import { crawlContent } from './crawl.js';
import { parseFrontMatter } from './hugo/front-matter.js';
import { loadHugoSite, type HugoSite } from './hugo/site.js';
import { resolveShortcodes, TemplateFiles, type PageInfo, type ShortcodeContext } from './hugo/shortcodes/resolve-shortcodes.js';
import { toPageUrls } from './hugo/page-url.js';
import type { ChunkedPage } from './markdown/chunk-page.js';
import type { ChunkJob, ChunkSite } from './markdown/chunk-jobs.js';
import type { ChunkPool } from './markdown/chunk-pool.js';
import { compareByWeight, parentOf, sectionOf, toPageInfo } from './page-tree.js';
import type { DocsSource } from './sources/docs-source.js';
import type { FrontMatter, IndexedPage, IndexWarning, SourcePage } from './types.js';
import { readPreviousPages } from './write/previous-index.js';

export interface ProductPlanOptions {
  source: DocsSource;
  /** An index whose pages are reused when their content hash matches. */
  previousFile: string;
  /** Part of every content hash: a new indexer version renders every page again. */
  indexerVersion: number;
  /** The tree's shared/data, read once for every product of a build (default: read here). */
  sharedData?: Record<string, unknown>;
}

/** One product's pages read and hashed: which can be reused from the previous index and which must be rendered. */
export interface ProductPlan {
  product: Product;
  /** Pages that need parsing. */
  toRender: number;
  /**
   * Resolve the shortcodes of the pages to render and send them to the pool, a batch at a time. Settles once every
   * page is sent, with the product's pages still to come: the caller can read the next product while the pool parses.
   */
  dispatch(pool: ChunkPool, onProgress?: (event: { product: Product; done: number; total: number }) => void): Promise<DispatchedProduct>;
}

/** A product whose pages are all with the parse pool. */
export interface DispatchedProduct {
  /** Its pages, reused and parsed, in crawl order, once the pool has parsed them all. */
  rendered: Promise<RenderedProduct>;
}

export interface RenderedProduct {
  pages: IndexedPage[];
  warnings: IndexWarning[];
  reused: number;
}

/** Characters of resolved Markdown sent to the pool at a time, so threads start parsing while shortcodes are still being resolved. */
const DISPATCH_CHARS = 48_000;

/**
 * Read a product's pages and front matter and hash each with everything its rendering reads: the
 * crawl-and-hash half of the build, before anything is parsed.
 */
export function planProduct(options: ProductPlanOptions, product: Product): ProductPlan {
  const site = loadHugoSite(options.source.root, product, options.sharedData ? { sharedData: options.sharedData } : {});
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
  const fingerprint = fingerprintSite(site, [...infos.values()], options.indexerVersion);
  const previous = readPreviousPages(options.previousFile, product);
  const hashes = parsed.map((page) => createHash('sha256').update(fingerprint).update(page.source.raw).digest('hex'));
  const reusable = parsed.map((page, index) => {
    const old = previous.get(page.source.path);
    return old && old.contentHash === hashes[index] ? old : undefined;
  });
  const context = { site, templates, infos, paths, fileLabel };

  return {
    product,
    toRender: reusable.filter((old) => old === undefined).length,
    async dispatch(pool, onProgress) {
      const chunkSite: ChunkSite = { paths: [...paths], baseUrl: site.baseUrl, configFiles: site.vendor.config.files };
      // Shortcodes are resolved here, a batch at a time, while the pool parses the batches already sent.
      const resolved = new Map<number, ResolvedPage>();
      const pending: Array<Promise<void>> = [];
      let batch: number[] = [];
      let chars = 0;
      const send = () => {
        const indexes = batch;
        pending.push(
          pool.chunk(chunkSite, indexes.map((i) => (resolved.get(i) as ResolvedPage).job)).then((chunked) => {
            indexes.forEach((pageIndex, i) => ((resolved.get(pageIndex) as ResolvedPage).chunked = chunked[i]));
          }),
        );
        batch = [];
        chars = 0;
      };
      for (const [index, page] of parsed.entries()) {
        if (reusable[index]) continue;
        const result = resolvePage(page, context);
        resolved.set(index, result);
        batch.push(index);
        chars += result.job.markdown.length;
        if (chars >= DISPATCH_CHARS) {
          send();
          // Let the pool hand the batch to a thread before resolving the next one.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (batch.length > 0) send();
      const collect = (): RenderedProduct => {
        const pages: IndexedPage[] = [];
        for (const [index, page] of parsed.entries()) {
          const old = reusable[index];
          if (old) {
            pages.push(old);
          } else {
            const rendered = toIndexedPage(page, resolved.get(index) as ResolvedPage, hashes[index] as string, context);
            pages.push(rendered.page);
            warnings.push(...rendered.warnings);
          }
          onProgress?.({ product, done: index + 1, total: parsed.length });
        }
        return { pages, warnings, reused: parsed.length - resolved.size };
      };
      return { rendered: Promise.all(pending).then(collect) };
    },
  };
}

interface ParsedPage {
  source: SourcePage;
  frontMatter: FrontMatter;
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
  infos: Map<string, PageInfo>;
  paths: Set<string>;
  fileLabel: (path: string) => string;
}

/** A page with its shortcodes resolved, ready to parse, and once parsed, its chunks. */
interface ResolvedPage {
  job: ChunkJob;
  warnings: IndexWarning[];
  chunked?: ChunkedPage;
}

function resolvePage({ source, frontMatter }: ParsedPage, context: RenderContext): ResolvedPage {
  const { site, templates, infos, paths, fileLabel } = context;
  const shortcodeContext: ShortcodeContext = { site, templates, page: { path: source.path, file: fileLabel(source.path), frontMatter }, pages: infos };
  const resolved = resolveShortcodes(source.body, shortcodeContext, { firstLine: source.bodyLine });
  let body = resolved.text;
  if (body.trim() === '' && source.path.endsWith('_index.md')) body = renderChildList(source.path, infos, paths, site.baseUrl);
  return { job: { markdown: body, title: frontMatter.title, path: source.path }, warnings: [...resolved.warnings] };
}

function toIndexedPage(
  { source, frontMatter }: ParsedPage,
  resolved: ResolvedPage,
  contentHash: string,
  context: Pick<RenderContext, 'site' | 'paths' | 'fileLabel'>,
): { page: IndexedPage; warnings: IndexWarning[] } {
  const { site, paths, fileLabel } = context;
  const chunked = resolved.chunked;
  if (!chunked) throw new Error(`${source.path} was resolved but never parsed.`);
  const file = fileLabel(source.path);
  const warnings = [...resolved.warnings];
  const parentPath = parentOf(source.path, (path) => paths.has(path));
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
      contentHash,
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
function fingerprintSite(site: HugoSite, infos: PageInfo[], indexerVersion: number): string {
  const hash = createHash('sha256');
  hash.update(`indexer:${indexerVersion}\n`);
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

