import { PRODUCT_INFO, PRODUCTS, isProduct, type Product } from '../products.js';

/** Scheme of page resources: `upsun-docs://<product>/<source path>[#anchor]`. */
export const RESOURCE_SCHEME = 'upsun-docs';

export function toResourceUri(product: Product, path: string): string {
  return `${RESOURCE_SCHEME}://${product}/${path}`;
}

/** Where a user-supplied page reference points, before looking it up. */
export interface PageRef {
  product: Product | undefined;
  /** Candidate source paths, most likely first. */
  candidates: string[];
  /** Public URL paths to try (lower-cased, without extension), when the reference was a URL. */
  urlPath?: string;
  anchor?: string;
}

/**
 * Parse what a user or model may call a page: a source path (`create-apps/_index.md`,
 * `/create-apps/image-properties/mounts`), a public URL (`https://docs.upsun.com/x/y.html#a`, `.md`
 * too), or a resource URI. Returns candidates; the store decides which exists.
 */
export function parsePageRef(input: string): PageRef {
  const text = input.trim();
  const hashAt = text.indexOf('#');
  const anchor = hashAt >= 0 ? text.slice(hashAt + 1) || undefined : undefined;
  const bare = hashAt >= 0 ? text.slice(0, hashAt) : text;

  const resource = new RegExp(`^${RESOURCE_SCHEME}://([^/]+)/(.*)$`).exec(bare);
  if (resource) {
    const product = isProduct(resource[1]) ? resource[1] : undefined;
    return { product, candidates: pathCandidates(resource[2] ?? ''), ...(anchor && { anchor }) };
  }
  for (const product of PRODUCTS) {
    const base = PRODUCT_INFO[product].baseUrl;
    const host = base.replace(/^https?:\/\//, '');
    const url = new RegExp(`^(?:https?://)?${host.replace(/\./g, '\\.')}(/.*)?$`, 'i').exec(bare);
    if (url) {
      return { product, candidates: [], urlPath: publicUrlPath(url[1] ?? '/'), ...(anchor && { anchor }) };
    }
  }
  return { product: undefined, candidates: pathCandidates(bare), ...(anchor && { anchor }) };
}

/**
 * The path of a public docs URL as the site's pages are keyed (`/create-apps/image-properties/mounts.html` →
 * `create-apps/image-properties/mounts`; `.md` the same; `/` and `/index.html` → ''): Hugo lower-cases paths.
 */
export function publicUrlPath(urlPath: string): string {
  return urlPath.replace(/\/index\.(html|md)$/i, '/').replace(/\.(html|md)$/i, '').replace(/\/+$/, '').replace(/^\//, '').toLowerCase();
}

/** The public URL of the page at `urlPath` (see publicUrlPath) on the site at `base`, as HTML or as Markdown. */
export function publicPageUrl(base: string, urlPath: string, format: 'html' | 'md' = 'html'): string {
  if (urlPath === '') return format === 'html' ? `${base}/` : `${base}/index.md`;
  return `${base}/${urlPath}.${format}`;
}

/** Source paths a path-like reference may mean: `x.md`, `x/_index.md`, `x` and `x/` are one page to Hugo. */
function pathCandidates(raw: string): string[] {
  const path = raw.replace(/^\.?\/+/, '').replace(/^(sites\/(upsun|platform)\/)?src\//, '').replace(/\/+$/, '');
  if (path === '' || path === '_index.md' || path === 'index.md') return ['_index.md'];
  if (path.endsWith('/_index.md') || path.endsWith('.md')) {
    const stem = path.replace(/(\/_index)?\.md$/, '');
    return [...new Set([path, `${stem}.md`, `${stem}/_index.md`])];
  }
  const stem = path.replace(/\.html$/, '');
  return [`${stem}.md`, `${stem}/_index.md`];
}
