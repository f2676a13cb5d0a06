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
  /** Tokens for all docs sections together (default 8,000). */
  maxTokens?: number;
  /** Tokens for one docs section (default 1,200); longer sections are cut at a block boundary. */
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
  /** Docs references that did not fit the budget, to read with read_page. */
  leftOut: Array<{ topics: string[]; url: string }>;
}

const DEFAULT_TOTAL_TOKENS = 8_000;
const DEFAULT_SECTION_TOKENS = 1_200;
/** Search results put first for a focus that is not a key of the file. */
const FOCUS_RESULTS = 2;

/**
 * Check a config, then gather the docs for what it says: first the sections behind each finding (errors
 * first), then the section of every key the config uses (the focus first), once each, within a budget.
 * The model then explains from these sections, not from memory.
 */
export async function explainConfig(deps: DocsServerDeps, options: ExplainConfigOptions): Promise<ConfigExplanation> {
  const report = await deps.configChecker.check(options.config);
  const index = deps.getIndex();
  const wanted = orderDocsRefs(report, options.focus);
  const focus = options.focus?.trim();
  if (focus && !report.usedKeys.some((used) => used.key.toLowerCase().includes(focus.toLowerCase()))) {
    // A focus that names no key in the file is a question or a topic: the docs search answers it first.
    const found = index.search.search({ query: focus, limit: FOCUS_RESULTS, maxTokens: 200 });
    wanted.unshift(...found.results.map((result) => ({ docs: { path: result.path, ...(result.anchor && { anchor: result.anchor }) }, topics: [`focus: ${focus}`] })));
  }
  const total = options.maxTokens ?? DEFAULT_TOTAL_TOKENS;
  const perSection = options.maxSectionTokens ?? DEFAULT_SECTION_TOKENS;

  const sections: ExplainedSection[] = [];
  const leftOut: ConfigExplanation['leftOut'] = [];
  let used = 0;
  for (const { docs, topics } of wanted) {
    if (used >= total) {
      leftOut.push({ topics, url: docsUrl(index, docs) });
      continue;
    }
    const section = readDocsSection(index, docs, Math.min(perSection, total - used));
    if (!section) continue;
    sections.push({ ...section, topics });
    used += section.tokens;
  }
  return { report, sections, leftOut };
}

/** The report, then each docs section with its URL, then what was left out. */
export function renderConfigExplanation(explanation: ConfigExplanation): string {
  // The report's own list of docs links is left out: every key's section (or its link) follows below.
  const parts = [renderConfigReport(explanation.report, { includeUsedKeys: false }).trimEnd()];
  if (explanation.sections.length > 0) {
    parts.push('## Docs for this config');
    for (const section of explanation.sections) {
      const more = section.cut ? `\n\n(Section continues: read_page ${section.path}${section.anchor ? ` anchor ${section.anchor}` : ''}.)` : '';
      parts.push(`### ${section.title}${section.anchor ? ` § ${section.anchor}` : ''} (${section.topics.join(', ')})\n${section.url}\n\n${section.markdown}${more}`);
    }
  }
  if (explanation.leftOut.length > 0) {
    parts.push(
      `Left out to fit the budget (read with read_page):\n${explanation.leftOut.map((item) => `- ${item.topics.join(', ')}: ${item.url}`).join('\n')}`,
    );
  }
  return parts.join('\n\n');
}

interface WantedDocs {
  docs: DocsRef;
  topics: string[];
}

function orderDocsRefs(report: ConfigReport, focus: string | undefined): WantedDocs[] {
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
  const needle = focus?.trim().toLowerCase();
  const keys = needle
    ? [...report.usedKeys].sort((a, b) => Number(!a.key.toLowerCase().includes(needle)) - Number(!b.key.toLowerCase().includes(needle)))
    : report.usedKeys;
  for (const used of keys) add(used.docs, used.key);
  return [...byRef.values()];
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
