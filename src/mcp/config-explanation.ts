import type { ConfigReport, DocsRef } from '../config-check/index.js';
import { renderConfigReport } from '../config-check/index.js';
import type { LoadedIndex } from '../docs/loaded-index.js';
import { toResourceUri } from '../docs/page-ref.js';
import { readPage } from '../docs/read-page.js';
import { PageNotFoundError } from '../db/page-store.js';
import type { DocsServerDeps } from './server-deps.js';

export interface ExplainConfigOptions {
  /** The `.upsun/config.yaml` text. */
  config: string;
  /** A key, app or topic to explain first (`mounts`, `applications.app.web`, `why does the build fail`). */
  focus?: string;
  /**
   * Tokens for all docs sections together (default 2,500, like search_docs). Sections are attached only for
   * keys with findings and for the focus; every other key the file uses is listed with its URL.
   */
  maxTokens?: number;
  /** Tokens for one docs section (default 800); longer sections are cut at a block boundary. */
  maxSectionTokens?: number;
}

/** A docs section that explains some of the keys or findings, resolved from the index. */
export interface ExplainedSection {
  /** Keys and finding paths this section documents. */
  topics: string[];
  path: string;
  anchor: string;
  title: string;
  url: string;
  /** `upsun-docs://upsun/<path>#<anchor>`, readable as a resource. */
  uri: string;
  markdown: string;
  /** True when the section went on past `maxSectionTokens`. */
  cut: boolean;
}

export interface ConfigExplanation {
  report: ConfigReport;
  sections: ExplainedSection[];
  /** Docs of findings or the focus that did not fit the budget, to read with read_page. */
  leftOut: Array<{ topics: string[]; url: string }>;
  /** The other keys the file uses, each with the URL that explains it (not attached: no finding, not the focus). */
  otherKeys: Array<{ key: string; url: string }>;
}

export const DEFAULT_EXPLAIN_TOKENS = 2_500;
const DEFAULT_SECTION_TOKENS = 800;
/** Search results put first for a focus that is not a key of the file. */
const FOCUS_RESULTS = 2;

/**
 * Check a config, then gather the docs for what needs explaining: the sections behind the findings (errors
 * first) and behind the focus, once each, within a budget. Every other key the file uses gets its URL only:
 * a model reading a working config needs the problems and the links, not twenty reference sections.
 */
export async function explainConfig(deps: DocsServerDeps, options: ExplainConfigOptions): Promise<ConfigExplanation> {
  const report = await deps.configChecker.check(options.config);
  const index = deps.getIndex();
  const focus = options.focus?.trim();
  const { wanted, focusKeys } = orderDocsRefs(report, focus);
  if (focus && focusKeys.length === 0) {
    // A focus that names no key in the file is a question or a topic: the docs search answers it first.
    const found = index.search.search({ query: focus, limit: FOCUS_RESULTS, maxTokens: 200 });
    wanted.unshift(...found.results.map((result) => ({ docs: { path: result.path, ...(result.anchor && { anchor: result.anchor }) }, topics: [`focus: ${focus}`] })));
  }
  const total = options.maxTokens ?? DEFAULT_EXPLAIN_TOKENS;
  const perSection = options.maxSectionTokens ?? DEFAULT_SECTION_TOKENS;

  const sections: ExplainedSection[] = [];
  const leftOut: ConfigExplanation['leftOut'] = [];
  let used = 0;
  for (const { docs, topics } of wanted) {
    // Below ~150 tokens a section is a heading and a half sentence: a link serves better.
    if (total - used < 150) {
      leftOut.push({ topics, url: docsUrl(index, docs) });
      continue;
    }
    const section = readDocsSection(index, docs, Math.min(perSection, total - used));
    if (!section) continue;
    sections.push({ ...section, topics });
    used += section.tokens;
  }
  const explained = new Set([...sections.flatMap((s) => s.topics), ...leftOut.flatMap((l) => l.topics)]);
  const otherKeys = report.usedKeys
    .filter((key) => !explained.has(key.key))
    .map((key) => ({ key: key.key, url: docsUrl(index, key.docs) }));
  return { report, sections, leftOut, otherKeys };
}

/** Findings first, then the docs sections behind them (and the focus), then links for the other keys. */
export function renderConfigExplanation(explanation: ConfigExplanation): string {
  const parts = [renderConfigReport(explanation.report, { includeUsedKeys: false }).trimEnd()];
  if (explanation.sections.length > 0) {
    parts.push('## Docs for the findings');
    for (const section of explanation.sections) {
      const more = section.cut ? `\n\n(Section continues: read_page ${section.path}${section.anchor ? ` anchor ${section.anchor}` : ''}.)` : '';
      parts.push(`### ${section.title}${section.anchor ? ` § ${section.anchor}` : ''} (${section.topics.join(', ')})\n${section.url}\n\n${section.markdown}${more}`);
    }
  }
  if (explanation.leftOut.length > 0) {
    parts.push(
      `Left out to fit the budget (raise max_tokens, or read with read_page):\n${explanation.leftOut.map((item) => `- ${item.topics.join(', ')}: ${item.url}`).join('\n')}`,
    );
  }
  if (explanation.otherKeys.length > 0) {
    parts.push(
      `## Docs for the other keys used\nNo findings on these; pass one as \`focus\` (or read_page the URL) for its section.\n` +
        explanation.otherKeys.map((item) => `- \`${item.key}\`: ${item.url}`).join('\n'),
    );
  }
  return parts.join('\n\n');
}

interface WantedDocs {
  docs: DocsRef;
  topics: string[];
}

/**
 * The docs to attach, in order: those of the findings (errors, then warnings, then notes), then those of the
 * keys the focus names. `focusKeys` is empty when the focus names no key of the file.
 */
function orderDocsRefs(report: ConfigReport, focus: string | undefined): { wanted: WantedDocs[]; focusKeys: string[] } {
  const byRef = new Map<string, WantedDocs>();
  const add = (docs: DocsRef, topic: string) => {
    const id = `${docs.path}#${docs.anchor ?? ''}`;
    const entry = byRef.get(id);
    if (entry) {
      if (!entry.topics.includes(topic)) entry.topics.push(topic);
    } else byRef.set(id, { docs, topics: [topic] });
  };
  const rank = { error: 0, warning: 1, info: 2 } as const;
  for (const finding of [...report.findings].sort((a, b) => rank[a.severity] - rank[b.severity])) {
    if (finding.docs) add(finding.docs, finding.path || finding.code);
  }
  const needle = focus?.toLowerCase();
  const focusKeys = needle ? report.usedKeys.filter((used) => matchesFocus(used.key.toLowerCase(), needle)) : [];
  for (const used of focusKeys) add(used.docs, used.key);
  return { wanted: [...byRef.values()], focusKeys: focusKeys.map((k) => k.key) };
}

/**
 * Whether a focus names a key: `mounts`, `web.locations` or `applications.app.web` (the `*` of the key matches
 * any name) all name the key they end like. A bare word inside a segment (`app`) names nothing.
 */
function matchesFocus(key: string, focus: string): boolean {
  const keyParts = key.split('.');
  const focusParts = focus.split('.').filter(Boolean);
  if (focusParts.length === 0 || focusParts.length > keyParts.length) return false;
  const offset = keyParts.length - focusParts.length;
  // A `*` names a choice of the user (`app`), so it matches only inside a dotted focus, never a whole one.
  return focusParts.every((part, i) => keyParts[offset + i] === part || (keyParts[offset + i] === '*' && focusParts.length > 1));
}

function readDocsSection(index: LoadedIndex, docs: DocsRef, maxTokens: number): (Omit<ExplainedSection, 'topics'> & { tokens: number }) | undefined {
  const read = (anchor: string | undefined) =>
    readPage(index.pages, { reference: docs.path, product: 'upsun', maxTokens: Math.max(200, maxTokens), ...(anchor && { anchor }) });
  let result;
  try {
    result = read(docs.anchor);
  } catch (error) {
    // A heading renamed upstream: the page still explains the key, so fall back to it; a missing page is skipped.
    if (!(error instanceof PageNotFoundError)) throw error;
    if (!docs.anchor) return undefined;
    try {
      result = read(undefined);
    } catch (pageError) {
      if (!(pageError instanceof PageNotFoundError)) throw pageError;
      return undefined;
    }
  }
  return {
    path: result.path,
    anchor: result.anchor,
    title: result.title,
    url: result.url,
    uri: `${toResourceUri(result.product, result.path)}${result.anchor ? `#${result.anchor}` : ''}`,
    markdown: result.markdown,
    cut: result.next_cursor !== undefined,
    tokens: result.tokens,
  };
}

function docsUrl(index: LoadedIndex, docs: DocsRef): string {
  try {
    const { page } = index.pages.findPage(docs.path, 'upsun');
    return docs.anchor ? `${page.url}#${docs.anchor}` : page.url;
  } catch (error) {
    if (!(error instanceof PageNotFoundError)) throw error;
    return docs.path;
  }
}
