/** The two public addresses of one page: the rendered HTML and the site's own Markdown output. */
export interface PageUrls {
  html: string;
  md: string;
}

/**
 * Map a content path (relative to the site's content folder, e.g. `create-apps/_index.md`) to the URLs
 * Hugo publishes it at. The site sets `uglyurls: true` and keeps Hugo's default lower-casing of paths,
 * and no page overrides `url`/`slug` (NOTES.md §3.2), so the rule is purely syntactic:
 * `_index.md` → `/` and `/index.md`; `<dir>/_index.md` → `<dir>.html` / `<dir>.md`;
 * `<dir>/<name>.md` → `<dir>/<name>.html` / `.md`.
 */
export function toPageUrls(path: string, baseUrl: string): PageUrls {
  if (!path.endsWith('.md')) {
    throw new Error(`Not a Markdown content path: '${path}'. Pass a path under the content folder ending in .md, e.g. 'create-apps/_index.md'.`);
  }
  const base = baseUrl.replace(/\/+$/, '');
  const lower = path.replace(/^\/+/, '').toLowerCase();
  if (lower === '_index.md') return { html: `${base}/`, md: `${base}/index.md` };
  const stem = lower.endsWith('/_index.md') ? lower.slice(0, -'/_index.md'.length) : lower.slice(0, -'.md'.length);
  return { html: `${base}/${stem}.html`, md: `${base}/${stem}.md` };
}
