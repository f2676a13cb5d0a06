import type { PageInfo, RenderEnv, ShortcodeCall } from './shortcode-call.js';

/**
 * Build the objects a template sees as `.` inside a shortcode: `.Get`, `.Inner`, `.Name`,
 * `.Params`, `.Site` (params, data, GetPage) and `.Page` (title, description, child pages,
 * RenderString). Functions stand for Go methods.
 */
export function createShortcodeDot(call: ShortcodeCall, env: RenderEnv): Record<string, unknown> {
  const site = createSiteObject(env, call.line);
  const page = createPageObject(env.page.path, env, call.line, site, { title: env.page.frontMatter.title, description: env.page.frontMatter.description });
  const named: Record<string, unknown> = {};
  const positional: unknown[] = [];
  for (const arg of call.args) {
    const value = readTypedArg(arg);
    if (arg.name === undefined) positional.push(value);
    else named[arg.name] = value;
  }
  return {
    Name: call.name,
    Inner: call.inner ?? '',
    Get: (key: unknown) => (typeof key === 'number' ? positional[key] : named[String(key)]),
    Params: call.args.some((arg) => arg.name !== undefined) ? named : positional,
    IsNamedParams: call.args.some((arg) => arg.name !== undefined),
    Site: site,
    Page: page,
    Scratch: createScratch(),
  };
}

/** Hugo types unquoted `true`/`false` shortcode arguments as booleans. */
function readTypedArg(arg: ShortcodeCall['args'][number]): unknown {
  if (!arg.quoted && (arg.value === 'true' || arg.value === 'false')) return arg.value === 'true';
  return arg.value;
}

function createSiteObject(env: RenderEnv, line: number): Record<string, unknown> {
  const site: Record<string, unknown> = {
    Params: env.site.params,
    Data: env.site.data,
    BaseURL: env.site.baseUrl,
  };
  site.GetPage = (path: unknown) => {
    const found = findPage(env.pages, String(path));
    return found ? createPageObject(found.path, env, line, site, found) : undefined;
  };
  return site;
}

function createPageObject(path: string, env: RenderEnv, line: number, site: Record<string, unknown>, info: Pick<PageInfo, 'title' | 'description'> & Partial<PageInfo>): Record<string, unknown> {
  return {
    Title: info.title,
    LinkTitle: info.sidebarTitle ?? info.title,
    Description: info.description,
    Weight: info.weight ?? 0,
    Params: { title: info.title, description: info.description, sidebarTitle: info.sidebarTitle, weight: info.weight },
    File: { Path: path },
    RelPermalink: `/${path}`,
    Site: site,
    RenderString: (...args: unknown[]) => env.renderString(String(args[args.length - 1] ?? ''), line),
    // Getters, so a page only lists its children when a template asks.
    get Pages(): Record<string, unknown>[] {
      return listChildPages(env.pages, path).map((child) => createPageObject(child.path, env, line, site, child));
    },
  };
}

/** `.Site.GetPage "/add-services"`: a section (`_index.md`) or a page, with or without `.md`. */
function findPage(pages: ReadonlyMap<string, PageInfo>, ref: string): PageInfo | undefined {
  const path = ref.replace(/^\/+|\/+$/g, '').replace(/\.html$/, '');
  const candidates = path === '' ? ['_index.md'] : [`${path}/_index.md`, `${path}.md`, path];
  for (const candidate of candidates) {
    const found = pages.get(candidate);
    if (found) return found;
  }
  return undefined;
}

/**
 * Hugo's `.Pages` of a section: its regular pages and sub-sections, by weight (unweighted last),
 * then title.
 */
export function listChildPages(pages: ReadonlyMap<string, PageInfo>, sectionPath: string): PageInfo[] {
  if (!sectionPath.endsWith('_index.md')) return [];
  const dir = sectionPath.slice(0, -'_index.md'.length);
  const children: PageInfo[] = [];
  for (const page of pages.values()) {
    if (!page.path.startsWith(dir) || page.path === sectionPath) continue;
    const rest = page.path.slice(dir.length);
    const isDirectPage = !rest.includes('/');
    const isSubSection = /^[^/]+\/_index\.md$/.test(rest);
    if (isDirectPage || isSubSection) children.push(page);
  }
  return children.sort(compareByWeight);
}

function compareByWeight(left: PageInfo, right: PageInfo): number {
  const a = left.weight || Number.POSITIVE_INFINITY;
  const b = right.weight || Number.POSITIVE_INFINITY;
  if (a !== b) return a < b ? -1 : 1;
  return left.title.localeCompare(right.title) || left.path.localeCompare(right.path);
}

function createScratch(): Record<string, unknown> {
  const values = new Map<string, unknown>();
  return {
    Set: (key: unknown, value: unknown) => {
      values.set(String(key), value);
      return '';
    },
    Get: (key: unknown) => values.get(String(key)),
    Add: (key: unknown, value: unknown) => {
      const current = values.get(String(key));
      values.set(String(key), Array.isArray(current) ? [...current, value] : typeof current === 'number' ? current + Number(value) : value);
      return '';
    },
  };
}
