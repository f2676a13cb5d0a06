import type { DocsRef } from './types.js';

/** The public docs site (`config.yaml` `baseURL` of the Upsun Hugo site). */
export const DOCS_BASE_URL = 'https://docs.upsun.com';

/**
 * The public URL of a docs source page. The site is built with `uglyurls: true` and Hugo lower-cases
 * paths, so `create-apps/_index.md` → `/create-apps.html` and `get-started/AI/_index.md` →
 * `/get-started/ai.html`; the home `_index.md` is `/`.
 */
export function formatDocsUrl(docs: DocsRef): string {
  const page = docs.path.replace(/\.md$/, '').replace(/(^|\/)_index$/, '').toLowerCase();
  const anchor = docs.anchor ? `#${docs.anchor}` : '';
  return page === '' ? `${DOCS_BASE_URL}/${anchor}` : `${DOCS_BASE_URL}/${page}.html${anchor}`;
}
