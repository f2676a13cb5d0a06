import { toPageUrls } from './page-url.js';

/** Where a link in a page's Markdown leads. */
export type LinkTarget =
  /** A page of the same site: its content path, the `#fragment` (without `#`, may be ''), its public URL. */
  | { kind: 'internal'; path: string; fragment: string; url: string }
  /** `#fragment` on the page the link is on. */
  | { kind: 'same-page'; fragment: string }
  /** Another site, or a scheme such as mailto:; the destination as written. */
  | { kind: 'external'; url: string }
  /** A site link that names no page; `reason` says what was looked for. */
  | { kind: 'unresolved'; reason: string };

/** Resolves a link destination found on the page at `fromPath` (a content path such as `add-services/redis.md`). */
export type LinkResolver = (destination: string, fromPath: string) => LinkTarget;

// Any URI scheme (RFC 3986 §3.1), or a protocol-relative `//host`.
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Create a resolver over one product's content paths, with the semantics of the site's link render hook
 * (themes/psh-docs/layouts/_default/_markup/render-link.html) and Hugo's `relref` (NOTES.md §3.1):
 * - `http(s):`, `mailto:` and other schemes are external and kept as written;
 * - `#x` alone points into the same page;
 * - a destination containing `.html` is a built URL, used verbatim (an absolute site path gets the base URL);
 *   it still counts as internal when a page is published at that URL;
 * - anything else is a content reference: the `#fragment` and `?query` are stripped, `x.md`, `x/_index.md`,
 *   `x` and `x/` are interchangeable, a relative path is tried against the page's folder first and then
 *   against the content root, and paths compare case-insensitively (Hugo lower-cases them).
 */
export function createLinkResolver(contentPaths: Iterable<string>, baseUrl: string): LinkResolver {
  const pathByKey = new Map<string, string>();
  const pathByHtmlUrl = new Map<string, string>();
  for (const path of contentPaths) {
    pathByKey.set(toPageKey(path), path);
    pathByHtmlUrl.set(toPageUrls(path, baseUrl).html, path);
  }
  const base = baseUrl.replace(/\/+$/, '');

  const toInternal = (path: string, fragment: string): LinkTarget => ({
    kind: 'internal',
    path,
    fragment,
    url: toPageUrls(path, base).html + (fragment ? `#${fragment}` : ''),
  });

  return (destination: string, fromPath: string): LinkTarget => {
    const dest = destination.trim();
    if (dest === '') return { kind: 'unresolved', reason: 'empty destination' };
    if (EXTERNAL.test(dest)) return { kind: 'external', url: dest };
    if (dest.startsWith('#')) return { kind: 'same-page', fragment: dest.slice(1) };

    const hashAt = dest.indexOf('#');
    const fragment = hashAt >= 0 ? dest.slice(hashAt + 1) : '';
    const target = (hashAt >= 0 ? dest.slice(0, hashAt) : dest).replace(/\?.*$/, '');

    if (target.includes('.html')) {
      // Verbatim, as the browser would resolve it against the page's own URL.
      const url = new URL(target, toPageUrls(fromPath, base).html).href;
      const path = pathByHtmlUrl.get(url.toLowerCase());
      if (path === undefined) return { kind: 'unresolved', reason: `no page is published at ${url}` };
      return toInternal(path, fragment);
    }

    const candidates = target.startsWith('/')
      ? [target]
      : [joinPath(toFolder(fromPath), target), target];
    for (const candidate of candidates) {
      const path = pathByKey.get(toPageKey(candidate));
      if (path !== undefined) return toInternal(path, fragment);
    }
    return { kind: 'unresolved', reason: `no page '${target}' from ${fromPath} (tried ${candidates.map((c) => `'${toPageKey(c)}'`).join(', ')})` };
  };
}

/** The folder a page's relative links start from: its own folder (for `x/_index.md`, that is `x/`). */
function toFolder(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Join a relative reference to a folder, applying `.` and `..` segments. */
function joinPath(folder: string, relative: string): string {
  const segments = folder === '' ? [] : folder.split('/');
  for (const segment of relative.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

/**
 * One key for every way of naming a page: `/A/b.md`, `a/b`, `a/b/` → `a/b`; `a/_index.md`, `a/` → `a`;
 * the home page (`_index.md`, `/`) → ''.
 */
function toPageKey(reference: string): string {
  return reference
    .toLowerCase()
    .replace(/^\/+|\/+$/g, '')
    .replace(/(?:^|\/)_index\.md$/, '')
    .replace(/\.md$/, '');
}
