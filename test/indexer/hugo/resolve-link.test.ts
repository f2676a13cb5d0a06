import { describe, expect, it } from 'vitest';
import { createLinkResolver } from '../../../indexer/hugo/resolve-link.js';
import { chunkPage } from '../../../indexer/markdown/chunk-page.js';
import { readUpsunPages } from '../markdown/upsun-pages.js';

const BASE = 'https://docs.upsun.com';
const PATHS = [
  '_index.md',
  'add-services/_index.md',
  'add-services/redis.md',
  'create-apps/_index.md',
  'create-apps/image-properties/mounts.md',
  'development/variables/_index.md',
  'development/regions.md',
  'get-started/AI/_index.md',
  'get-started/AI/aiagent.md',
];
const resolve = createLinkResolver(PATHS, BASE);

describe('createLinkResolver', () => {
  it('resolves an absolute .md link and keeps its fragment in the public URL', () => {
    expect(resolve('/create-apps/image-properties/mounts.md#define-a-mount', 'add-services/redis.md')).toEqual({
      kind: 'internal',
      path: 'create-apps/image-properties/mounts.md',
      fragment: 'define-a-mount',
      url: 'https://docs.upsun.com/create-apps/image-properties/mounts.html#define-a-mount',
    });
  });

  it('treats x.md, x/_index.md, x and x/ as the same section page', () => {
    const urls = ['/add-services.md', '/add-services/_index.md', '/add-services', '/add-services/'].map((dest) => resolve(dest, 'development/regions.md'));
    for (const target of urls) expect(target).toMatchObject({ kind: 'internal', path: 'add-services/_index.md', url: 'https://docs.upsun.com/add-services.html' });
  });

  it('resolves relative links against the page folder, then the content root', () => {
    expect(resolve('../development/regions.md#public-ip-addresses', 'create-apps/_index.md')).toMatchObject({ path: 'development/regions.md', fragment: 'public-ip-addresses' });
    expect(resolve('aiagent.md', 'get-started/AI/_index.md')).toMatchObject({ path: 'get-started/AI/aiagent.md' });
    expect(resolve('add-services/redis.md', 'get-started/AI/aiagent.md')).toMatchObject({ path: 'add-services/redis.md' });
  });

  it('matches mixed-case folders case-insensitively and lower-cases the URL', () => {
    expect(resolve('/get-started/ai/_index.md', 'add-services/redis.md')).toMatchObject({ path: 'get-started/AI/_index.md', url: 'https://docs.upsun.com/get-started/ai.html' });
  });

  it('uses .html destinations verbatim and still finds the page behind them', () => {
    expect(resolve('/development/variables.html#service-environment-variables', 'add-services/redis.md')).toEqual({
      kind: 'internal',
      path: 'development/variables/_index.md',
      fragment: 'service-environment-variables',
      url: 'https://docs.upsun.com/development/variables.html#service-environment-variables',
    });
  });

  it('resolves the home page', () => {
    expect(resolve('/', 'add-services/redis.md')).toMatchObject({ path: '_index.md', url: 'https://docs.upsun.com/' });
  });

  it('keeps external links and mailto as written, and same-page anchors as fragments', () => {
    expect(resolve('https://github.com/platformsh/cli', 'add-services/redis.md')).toEqual({ kind: 'external', url: 'https://github.com/platformsh/cli' });
    expect(resolve('mailto:sales@upsun.com', 'add-services/redis.md')).toEqual({ kind: 'external', url: 'mailto:sales@upsun.com' });
    expect(resolve('#available-services', 'add-services/redis.md')).toEqual({ kind: 'same-page', fragment: 'available-services' });
  });

  it('says which page it looked for when nothing matches', () => {
    const target = resolve('/administration/cli/index', 'development/regions.md');
    expect(target.kind).toBe('unresolved');
    expect(target.kind === 'unresolved' && target.reason).toContain('administration/cli/index');
  });
});

describe('links of every Upsun page', () => {
  it('resolve to a page for all but a handful (NOTES.md §3.1: 2,026 of 2,033)', () => {
    const pages = readUpsunPages();
    const resolveUpsun = createLinkResolver(
      pages.map((page) => page.path),
      BASE,
    );
    let internal = 0;
    const misses: string[] = [];
    for (const page of pages) {
      // Every link chunking finds: inline links, reference definitions, autolinks and <a href>.
      const { links } = chunkPage({ markdown: page.body, title: page.title, path: page.path, resolveLink: () => undefined });
      for (const link of links) {
        const target = resolveUpsun(link.dest, page.path);
        if (target.kind === 'external' || target.kind === 'same-page') continue;
        internal++;
        if (target.kind === 'unresolved') misses.push(`${page.path}: ${link.dest}`);
      }
    }
    console.log(`internal links: ${internal}, resolved: ${internal - misses.length}\n  ${misses.join('\n  ')}`);
    expect(internal).toBeGreaterThanOrEqual(2_020);
    expect(internal - misses.length).toBeGreaterThanOrEqual(2_020);
    // The known misses: `index` links in 502-errors.md (the dedicated-gen-2 links sit in blocks the
    // shortcode resolver drops, as the Upsun site does).
    expect(misses.length).toBeLessThanOrEqual(7);
  });
});
