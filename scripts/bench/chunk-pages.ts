// Times chunkPage over every Upsun page of the bundled snapshot, shortcodes resolved as the build does.
// Run after `npm run build`: node dist/scripts/bench/chunk-pages.js [ROUNDS]
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { crawlContent } from '../../indexer/crawl.js';
import { parseFrontMatter } from '../../indexer/hugo/front-matter.js';
import { createLinkResolver } from '../../indexer/hugo/resolve-link.js';
import { loadHugoSite } from '../../indexer/hugo/site.js';
import { resolveShortcodes, TemplateFiles, type PageInfo } from '../../indexer/hugo/shortcodes/resolve-shortcodes.js';
import { chunkPage } from '../../indexer/markdown/chunk-page.js';
import { DATA_PATHS } from '../../src/paths.js';

interface ResolvedPage {
  path: string;
  title: string;
  body: string;
}

/** Every Upsun page body with its shortcodes resolved, as build-index feeds chunkPage. */
function readResolvedPages(): ResolvedPage[] {
  const site = loadHugoSite(DATA_PATHS.docsSnapshot, 'upsun');
  const fileLabel = (path: string) => relative(site.root, join(site.contentDir, path));
  const templates = new TemplateFiles(site.layoutDirs);
  const parsed = crawlContent(site.contentDir, 'upsun', fileLabel).pages.map((source) => ({
    source,
    frontMatter: parseFrontMatter(source.frontMatterText, fileLabel(source.path), source.path).frontMatter,
  }));
  const infos = new Map<string, PageInfo>(parsed.map(({ source, frontMatter }) => [source.path, { path: source.path, title: frontMatter.title, description: frontMatter.description }]));
  return parsed.map(({ source, frontMatter }) => ({
    path: source.path,
    title: frontMatter.title,
    body: resolveShortcodes(source.body, { site, templates, page: { path: source.path, file: fileLabel(source.path), frontMatter }, pages: infos }, { firstLine: source.bodyLine }).text,
  }));
}

function main(): void {
  const rounds = Number(process.argv[2] ?? 5);
  const pages = readResolvedPages();
  const resolve = createLinkResolver(
    pages.map((page) => page.path),
    'https://docs.upsun.com',
  );
  const bytes = pages.reduce((sum, page) => sum + page.body.length, 0);
  const timings: number[] = [];
  const cpuTimings: number[] = [];
  let sections = 0;
  for (let round = 0; round < rounds; round++) {
    sections = 0;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (const page of pages) {
      const chunked = chunkPage({
        markdown: page.body,
        title: page.title,
        path: page.path,
        resolveLink: (dest) => {
          const link = resolve(dest, page.path);
          if (link.kind === 'internal' || link.kind === 'external') return link.url;
          return link.kind === 'same-page' ? `#${link.fragment}` : undefined;
        },
      });
      sections += chunked.sections.length;
    }
    timings.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuTimings.push((cpu.user + cpu.system) / 1000);
  }
  // CPU time too: on a shared machine the wall clock of the first (cold) round varies twofold.
  const format = (values: number[]) => values.map((ms) => Math.round(ms)).join(', ');
  process.stdout.write(`${pages.length} pages, ${(bytes / 1e6).toFixed(2)} MB, ${sections} sections; chunkPage per round, wall ms: ${format(timings)}; CPU ms: ${format(cpuTimings)}\n`);
}

main();
