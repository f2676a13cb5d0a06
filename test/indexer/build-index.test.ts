import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildIndex, type BuildReport } from '../../indexer/build-index.js';
import { openLocalSource } from '../../indexer/sources/local-source.js';
import { openIndex } from '../../src/db/open-index.js';
import { createPageStore } from '../../src/db/page-store.js';
import { readPage } from '../../src/docs/read-page.js';
import { DATA_PATHS } from '../../src/paths.js';

const work = mkdtempSync(join(tmpdir(), 'upsun-docs-build-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A small docs tree: the real site config, data and templates, and a few real pages plus the given extras. */
function makeTree(name: string, pages: string[], extras: Record<string, string | Buffer> = {}): string {
  const root = join(work, name);
  for (const dir of ['sites/upsun/config', 'sites/upsun/layouts', 'shared/data', 'themes/psh-docs/layouts']) {
    cpSync(join(DATA_PATHS.docsSnapshot, dir), join(root, dir), { recursive: true });
  }
  for (const page of pages) cpSync(join(DATA_PATHS.docsSnapshot, 'sites/upsun/src', page), join(root, 'sites/upsun/src', page));
  for (const [path, content] of Object.entries(extras)) {
    cpSync(join(DATA_PATHS.docsSnapshot, 'sites/upsun/src/_index.md'), join(root, 'sites/upsun/src', path)); // creates folders
    writeFileSync(join(root, 'sites/upsun/src', path), content);
  }
  return root;
}

// async, so that a source that cannot be opened is a rejection like any other build failure.
const build = async (root: string, outFile: string, check?: (file: string) => void) =>
  buildIndex({ source: openLocalSource(root), products: ['upsun'], outFile, ...(check && { check }) });

describe('the index build', () => {
  const full = join(work, 'full.sqlite');
  let report: BuildReport;
  // The whole Upsun product: seconds on a quiet machine, minutes on a loaded one.
  beforeAll(async () => {
    report = await build(DATA_PATHS.docsSnapshot, full);
  }, 600_000);

  it('indexes every Upsun page of the snapshot with no shortcode left in the stored text', () => {
    // 290 files, less registry/_index.md and search.md, which the public site does not serve as docs.
    expect(report.pages).toBe(288);
    expect(report.unresolvedShortcodes).toBe(0);
    const index = openIndex(full);
    const leftovers = index.db.prepare("SELECT count(*) AS n FROM sections WHERE markdown LIKE '%{{<%' OR markdown LIKE '%{{\\%%' ESCAPE '\\'").get() as { n: number };
    index.close();
    expect(leftovers.n).toBe(0);
  });

  it('indexes every page question of data/search/page-questions beside a section of the snapshot', () => {
    expect(report.warnings.filter((w) => w.kind === 'page-questions')).toEqual([]);
    const index = openIndex(full);
    const rows = index.db.prepare("SELECT count(*) AS n FROM sections_fts WHERE asked != ''").get() as { n: number };
    index.close();
    // Seven files, about 1,700 questions over about 1,200 of the 2,297 sections.
    expect(rows.n).toBeGreaterThan(1_000);
  });

  it('shows the resolved config file name and the runtime table where the source has shortcodes', () => {
    const index = openIndex(full);
    const page = readPage(createPageStore(index), { reference: 'create-apps/app-reference/single-runtime-image.md', maxTokens: 20_000 });
    index.close();
    expect(page.markdown).toContain('.upsun/config.yaml');
    expect(page.markdown).not.toContain('vendor/configfile');
    // The runtimes table generated from registry.json: one row per runtime with its supported versions.
    expect(page.markdown).toMatch(/\|[^\n]*Node\.js[^\n]*\|[^\n]*26/);
  });

  it('reports what it could not resolve with the file and line', () => {
    expect(report.warnings.length).toBeLessThan(10);
    for (const warning of report.warnings) expect(warning.file).toMatch(/^sites\/upsun\/src\/.+\.md$/);
    expect(report.warnings.some((w) => w.file === 'sites/upsun/src/add-services/gotenberg.md' && w.line === 38)).toBe(true);
  });

  it('reuses unchanged pages on a rebuild and renders a changed one again', async () => {
    const root = makeTree('reuse', ['_index.md', 'create-apps/image-properties/mounts.md', 'create-apps/image-properties/web.md']);
    const out = join(work, 'reuse.sqlite');
    expect((await build(root, out)).reused).toBe(0);
    const mounts = join(root, 'sites/upsun/src/create-apps/image-properties/mounts.md');
    writeFileSync(mounts, `${readFileSync(mounts, 'utf8')}\n## Zebra storage\n\nStripes persist across deployments.\n`);
    const second = await build(root, out);
    expect(second.reused).toBe(2);
    const index = openIndex(out);
    const anchors = createPageStore(index).getSections(createPageStore(index).findPage('create-apps/image-properties/mounts.md').page.id).map((s) => s.anchor);
    index.close();
    expect(anchors).toContain('zebra-storage');
  });
});

describe('bad input', () => {
  it('indexes a page with malformed front matter, an unclosed shortcode, an empty file and a binary file, with a warning for each', async () => {
    const root = makeTree('bad', ['_index.md', 'create-apps/image-properties/mounts.md'], {
      'broken/front.md': '---\ntitle: [unclosed\n---\nBody text about zebras.\n',
      'broken/unclosed.md': '---\ntitle: Unclosed\n---\n{{< note >}}\nA note that never ends about giraffes.\n',
      'broken/empty.md': '',
      'broken/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]),
    });
    const out = join(work, 'bad.sqlite');
    const result = await build(root, out);
    const messages = result.warnings.map((w) => `${w.kind} ${w.file}:${w.line} ${w.message}`);
    expect(messages.some((m) => m.startsWith('front-matter sites/upsun/src/broken/front.md:2 Malformed front matter'))).toBe(true);
    expect(messages.some((m) => m.includes('broken/unclosed.md:4'))).toBe(true);
    expect(messages).toContain('file sites/upsun/src/broken/empty.md:0 Empty page; skipped.');
    expect(messages).toContain('file sites/upsun/src/broken/binary.md:0 Binary file with a .md name; skipped.');
    const index = openIndex(out);
    const store = createPageStore(index);
    expect(store.findPage('broken/front.md').page.markdown).toContain('zebras');
    expect(store.findPage('broken/unclosed.md').page.markdown).toContain('giraffes');
    expect(store.findPage('broken/unclosed.md').page.markdown).not.toContain('{{<');
    index.close();
  });

  it('never replaces a good index with a bad one: a failed check or an empty source leaves the old file', async () => {
    const root = makeTree('atomic', ['_index.md', 'create-apps/image-properties/mounts.md']);
    const out = join(work, 'atomic.sqlite');
    await build(root, out);
    const before = statSync(out).mtimeMs;
    await expect(
      build(root, out, () => {
        throw new Error('simulated crash before publishing');
      }),
    ).rejects.toThrow('simulated crash before publishing');
    const empty = makeTree('empty', [], { 'search.md': '---\nlayout: search\n---\n' });
    await expect(build(empty, out)).rejects.toThrow(/no pages were indexed/);
    await expect(build(join(work, 'no-such-tree'), out)).rejects.toThrow(/Docs source folder not found/);
    expect(statSync(out).mtimeMs).toBe(before);
    const index = openIndex(out);
    expect(index.meta.pageCount).toBe(2);
    index.close();
    expect(readdirSync(work).filter((name) => name.startsWith('.atomic.sqlite.tmp'))).toEqual([]);
  });

  it('a fresh build of two products whose second site is missing fails naming it, with the first already parsing, and writes nothing', async () => {
    const root = makeTree('one-site', ['_index.md', 'create-apps/image-properties/mounts.md', 'add-services/redis.md']);
    const out = join(work, 'one-site.sqlite');
    // No previous index: the parse pool starts at once and gets Upsun's pages before Platform.sh's site is read.
    await expect(buildIndex({ source: openLocalSource(root), products: ['upsun', 'platformsh'], outFile: out })).rejects.toThrow(/sites\/platform\/src is missing/);
    expect(readdirSync(work).filter((name) => name.startsWith('one-site.sqlite') || name.startsWith('.one-site.sqlite'))).toEqual([]);
  });

  it('a build killed at any moment leaves the previous index in place and readable', async () => {
    const root = makeTree('killed', ['_index.md', 'create-apps/image-properties/mounts.md', 'administration/cli/reference.md']);
    const out = join(work, 'killed.sqlite');
    await build(root, out);
    for (const delay of [50, 150, 300, 600]) {
      const child = spawn(process.execPath, [inject('cliEntry'), 'index', '--source', root, '--out', out], { stdio: 'ignore' });
      // Listen before waiting: a build that finishes before the kill has already exited by then.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await exited;
      const index = openIndex(out);
      expect(index.meta.pageCount, `killed after ${delay} ms`).toBe(3);
      index.close();
    }
  });
});
