import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { splitFrontMatter } from '../../../indexer/hugo/front-matter.js';
import { DATA_PATHS } from '../../../src/paths.js';

/** Content folder of the Upsun site in the repo's bundled snapshot. */
export const UPSUN_CONTENT_DIR = join(DATA_PATHS.docsSnapshot, 'sites/upsun/src');

export interface UpsunPage {
  path: string;
  body: string;
}

/**
 * Every Upsun page body with shortcodes crudely replaced, standing in for the shortcode resolver in
 * tests of later stages: the few vendor values that shape links and heading ids are substituted, every
 * other tag is dropped and the text between paired tags kept.
 */
export function readUpsunPages(): UpsunPage[] {
  const entries = readdirSync(UPSUN_CONTENT_DIR, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative(UPSUN_CONTENT_DIR, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort()
    .map((path) => ({ path, body: stripShortcodes(splitFrontMatter(readFileSync(join(UPSUN_CONTENT_DIR, path), 'utf8')).body) }));
}

/** Read one Upsun page body (front matter removed), shortcodes crudely replaced. */
export function readUpsunPage(path: string): string {
  return stripShortcodes(splitFrontMatter(readFileSync(join(UPSUN_CONTENT_DIR, path), 'utf8')).body);
}

export function stripShortcodes(markdown: string): string {
  return markdown
    .replace(/\{\{[<%]\s*vendor\/name\s*[>%]\}\}/g, 'Upsun')
    .replace(/\{\{[<%]\s*vendor\/cli\s*[>%]\}\}/g, 'upsun')
    .replace(/\{\{[<%]\s*vendor\/urlraw\s+"host"\s*[>%]\}\}/g, 'upsun.com')
    .replace(/\{\{[<%]\s*vendor\/urlraw\s+"docs"\s*[>%]\}\}/g, 'https://docs.upsun.com')
    .replace(/\{\{[<%]\s*vendor\/configfile\s+"[^"]*"\s*[>%]\}\}/g, '.upsun/config.yaml')
    .replace(/\{\{[<%]\s*vendor\/prefix\s*[>%]\}\}/g, 'PLATFORM')
    .replace(/\{\{[<%]\s*variable\s+"([^"]*)"\s*[>%]\}\}/g, '$1')
    .replace(/\{\{[<%][\s\S]*?[>%]\}\}/g, '');
}
