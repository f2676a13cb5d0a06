import { posix } from 'node:path';
import type { PageInfo } from './hugo/shortcodes/resolve-shortcodes.js';
import type { FrontMatter } from './types.js';

/** Top-level section of a content path: `add-services/redis.md` → `add-services`, `glossary.md` → `glossary`, home → ''. */
export function sectionOf(path: string): string {
  if (path === '_index.md') return '';
  const first = path.split('/')[0] ?? '';
  return first.replace(/\.md$/, '');
}

/**
 * The section page above a page, as Hugo nests them: `a/b/c.md` → `a/b/_index.md`, `a/b/_index.md`
 * → `a/_index.md`, climbing past folders that have no `_index.md`; undefined for the home page.
 */
export function parentOf(path: string, exists: (path: string) => boolean): string | undefined {
  if (path === '_index.md') return undefined;
  let dir = posix.dirname(path);
  if (posix.basename(path) === '_index.md') dir = posix.dirname(dir);
  while (dir !== '.' && dir !== '') {
    const candidate = `${dir}/_index.md`;
    if (exists(candidate)) return candidate;
    dir = posix.dirname(dir);
  }
  return exists('_index.md') ? '_index.md' : undefined;
}

/** Hugo's default page order: weight (pages without one last), then title. */
export function compareByWeight(a: { weight?: number; title: string }, b: { weight?: number; title: string }): number {
  const wa = a.weight ?? Number.POSITIVE_INFINITY;
  const wb = b.weight ?? Number.POSITIVE_INFINITY;
  if (wa !== wb) return wa < wb ? -1 : 1;
  return a.title.localeCompare(b.title);
}

/** What other pages' shortcodes may read of a page (titles and descriptions in generated lists). */
export function toPageInfo(path: string, frontMatter: FrontMatter): PageInfo {
  return {
    path,
    title: frontMatter.title,
    description: frontMatter.description,
    ...(frontMatter.weight !== undefined && { weight: frontMatter.weight }),
    ...(frontMatter.sidebarTitle !== undefined && { sidebarTitle: frontMatter.sidebarTitle }),
    ...(frontMatter.sidebarIgnore && { sidebarIgnore: true }),
  };
}
