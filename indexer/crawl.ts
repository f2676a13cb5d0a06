import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Product } from '../src/products.js';
import { splitFrontMatter } from './hugo/front-matter.js';
import type { IndexWarning, SourcePage } from './types.js';

/**
 * Pages the public site does not serve as docs: `registry/` holds build-generated files the site
 * hides from links and search, and `search.md` is the search UI (NOTES.md §1.2).
 */
function isSkipped(path: string): boolean {
  return path.startsWith('registry/') || path === 'search.md';
}

/** Read every Markdown page of a site's content folder, sorted by path so builds are deterministic. */
export function crawlContent(contentDir: string, product: Product, fileLabel: (path: string) => string): { pages: SourcePage[]; warnings: IndexWarning[] } {
  const pages: SourcePage[] = [];
  const warnings: IndexWarning[] = [];
  for (const path of listMarkdownFiles(contentDir)) {
    if (isSkipped(path)) continue;
    const bytes = readFileSync(join(contentDir, path));
    if (bytes.includes(0)) {
      warnings.push({ kind: 'file', file: fileLabel(path), line: 0, message: 'Binary file with a .md name; skipped.' });
      continue;
    }
    const raw = bytes.toString('utf8');
    if (raw.trim() === '') {
      warnings.push({ kind: 'file', file: fileLabel(path), line: 0, message: 'Empty page; skipped.' });
      continue;
    }
    const { frontMatterText, body, bodyLine } = splitFrontMatter(raw);
    pages.push({ product, path, raw, frontMatterText, body, bodyLine });
  }
  return { pages, warnings };
}

function listMarkdownFiles(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
