import { describe, expect, it } from 'vitest';
import { createLinkResolver } from '../../../indexer/hugo/resolve-link.js';
import { toPageUrls } from '../../../indexer/hugo/page-url.js';
import { chunkPage, type ChunkedPage } from '../../../indexer/markdown/chunk-page.js';
import { readUpsunPages } from './upsun-pages.js';

const BASE = 'https://docs.upsun.com';

describe('chunkPage over every Upsun page', () => {
  const pages = readUpsunPages();
  const resolve = createLinkResolver(
    pages.map((page) => page.path),
    BASE,
  );
  const started = performance.now();
  const chunked = new Map<string, ChunkedPage>();
  for (const page of pages) {
    chunked.set(
      page.path,
      chunkPage({
        markdown: page.body,
        title: page.path,
        path: page.path,
        resolveLink: (dest) => {
          const target = resolve(dest, page.path);
          if (target.kind === 'internal') return target.url;
          if (target.kind === 'same-page') return `${toPageUrls(page.path, BASE).html}#${target.fragment}`;
          return undefined;
        },
      }),
    );
  }
  const elapsed = performance.now() - started;
  const bytes = pages.reduce((sum, page) => sum + page.body.length, 0);
  const sectionCount = [...chunked.values()].reduce((sum, page) => sum + page.sections.length, 0);
  // A measurement, not an assertion: timings depend on the machine and on vitest's development builds.
  console.log(`chunked ${pages.length} pages (${(bytes / 1e6).toFixed(2)} MB) into ${sectionCount} sections in ${elapsed.toFixed(0)} ms`);

  it('gives every page at least one section and unique anchors', () => {
    const problems = [...chunked].filter(([, page]) => page.sections.length === 0 || new Set(page.anchors).size !== page.anchors.length);
    expect(problems.map(([path]) => path)).toEqual([]);
  });

  it('points almost every #fragment link at an existing heading (NOTES.md §3.1: 1,459 of 1,465)', () => {
    let withFragment = 0;
    const misses: string[] = [];
    for (const [path, page] of chunked) {
      for (const link of page.links) {
        const target = resolve(link.dest, path);
        const fragment = target.kind === 'internal' || target.kind === 'same-page' ? target.fragment : '';
        if (fragment === '') continue;
        withFragment++;
        const targetPath = target.kind === 'internal' ? target.path : path;
        if (!chunked.get(targetPath)?.anchors.includes(fragment)) misses.push(`${path}:${link.line} ${link.dest}`);
      }
    }
    // With shortcodes resolved, links and headings built by shortcodes count too (1,684 links, one miss:
    // `#france-fr-3-fr-3` in development/regions.md, which no heading of that page produces).
    console.log(`fragment links: ${withFragment}, hitting an anchor: ${withFragment - misses.length}\n  ${misses.join('\n  ')}`);
    expect(withFragment).toBeGreaterThan(1_400);
    expect(misses.length).toBeLessThanOrEqual(6);
  });

  it('rewrites every resolvable site link to a docs.upsun.com URL in the page Markdown', () => {
    const leftovers = [...chunked].flatMap(([path, page]) => [...page.markdown.matchAll(/\]\((\/[^)\s]*\.md(?:#[^)\s]*)?)\)/g)].map((m) => `${path}: ${m[1]}`));
    // The one known unresolvable link (NOTES.md §3.1) sits in a `note version="1"` block, which the
    // shortcode resolver drops as the Upsun site does.
    expect(leftovers).toEqual([]);
  });

  it('leaves no HTML comment outside code in any section', () => {
    const withComments = [...chunked].filter(([, page]) => page.sections.some((section) => section.prose.includes('<!--')));
    expect(withComments.map(([path]) => path)).toEqual([]);
  });
});
