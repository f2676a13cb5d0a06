import { join, relative } from 'node:path';
import { toPageInfo } from '../../../indexer/page-tree.js';
import { crawlContent } from '../../../indexer/crawl.js';
import { parseFrontMatter } from '../../../indexer/hugo/front-matter.js';
import { loadHugoSite, type HugoSite } from '../../../indexer/hugo/site.js';
import { resolveShortcodes, TemplateFiles, type PageInfo } from '../../../indexer/hugo/shortcodes/resolve-shortcodes.js';
import type { FrontMatter, SourcePage } from '../../../indexer/types.js';
import { DATA_PATHS } from '../../../src/paths.js';

export interface UpsunPage {
  path: string;
  title: string;
  /** The body as the indexer hands it to chunkPage: front matter removed, shortcodes resolved. */
  body: string;
}

/** Fixed so that pages printing the current year resolve the same every year. */
const BUILD_YEAR = 2025;

interface UpsunSite {
  site: HugoSite;
  templates: TemplateFiles;
  pages: Array<{ source: SourcePage; frontMatter: FrontMatter }>;
  infos: Map<string, PageInfo>;
}

/**
 * Every page of the Upsun site in the bundled snapshot, read and resolved by the indexer's own crawler and
 * shortcode resolver, as the index build does (titles are taken from the front matter as written).
 */
export function readUpsunPages(): UpsunPage[] {
  const upsun = loadUpsunSite();
  return upsun.pages.map((page) => resolvePage(upsun, page));
}

/** One Upsun page body (front matter removed, shortcodes resolved), by its path under the content folder. */
export function readUpsunPage(path: string): string {
  const upsun = loadUpsunSite();
  const page = upsun.pages.find((candidate) => candidate.source.path === path);
  if (!page) throw new Error(`No Upsun page ${path} in ${upsun.site.contentDir}`);
  return resolvePage(upsun, page).body;
}

function loadUpsunSite(): UpsunSite {
  const site = loadHugoSite(DATA_PATHS.docsSnapshot, 'upsun');
  const fileLabel = (path: string) => relative(site.root, join(site.contentDir, path));
  const pages = crawlContent(site.contentDir, 'upsun', fileLabel).pages.map((source) => ({
    source,
    frontMatter: parseFrontMatter(source.frontMatterText, fileLabel(source.path), source.path).frontMatter,
  }));
  const infos = new Map<string, PageInfo>(pages.map(({ source, frontMatter }) => [source.path, toPageInfo(source.path, frontMatter)]));
  return { site, templates: new TemplateFiles(site.layoutDirs), pages, infos };
}

function resolvePage(upsun: UpsunSite, { source, frontMatter }: UpsunSite['pages'][number]): UpsunPage {
  const file = relative(upsun.site.root, join(upsun.site.contentDir, source.path));
  const context = { site: upsun.site, templates: upsun.templates, page: { path: source.path, file, frontMatter }, pages: upsun.infos, buildYear: BUILD_YEAR };
  return { path: source.path, title: frontMatter.title, body: resolveShortcodes(source.body, context, { firstLine: source.bodyLine }).text };
}
