import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { FrontMatter, IndexWarning } from '../types.js';

export interface SplitPage {
  frontMatterText: string;
  body: string;
  /** 1-based line on which the body starts. */
  bodyLine: number;
}

/** Split `---` YAML front matter from the body. A page without front matter is all body. */
export function splitFrontMatter(raw: string): SplitPage {
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { frontMatterText: '', body: text, bodyLine: 1 };
  const consumed = match[0];
  return {
    frontMatterText: match[1] ?? '',
    body: text.slice(consumed.length),
    bodyLine: consumed.split('\n').length,
  };
}

/**
 * Read the fields the index keeps. Malformed YAML is a warning, not a failure: the page is still
 * indexed, titled after its file name, so one bad page never breaks a build.
 */
export function parseFrontMatter(frontMatterText: string, file: string, fallbackTitle: string): { frontMatter: FrontMatter; warnings: IndexWarning[] } {
  const warnings: IndexWarning[] = [];
  let data: Record<string, unknown> = {};
  if (frontMatterText.trim() !== '') {
    try {
      const parsed: unknown = parseYaml(frontMatterText);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
      else warnings.push({ kind: 'front-matter', file, line: 1, message: 'Front matter is not a YAML mapping; ignored.' });
    } catch (error) {
      const line = error instanceof YAMLParseError ? (error.linePos?.[0]?.line ?? 0) + 1 : 1;
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      warnings.push({ kind: 'front-matter', file, line, message: `Malformed front matter, page indexed without it: ${reason}` });
    }
  }
  const title = readString(data.title) ?? fallbackTitle;
  const weight = typeof data.weight === 'number' && Number.isFinite(data.weight) ? data.weight : undefined;
  // One page spells it `sidebartitle`; Hugo's param keys are case-insensitive.
  const sidebarTitle = readString(data.sidebarTitle) ?? readString(data.sidebartitle);
  const keywords = Array.isArray(data.keywords) ? data.keywords.filter((k): k is string => typeof k === 'string') : [];
  return {
    frontMatter: {
      title,
      description: readString(data.description)?.trim() ?? '',
      ...(weight !== undefined && { weight }),
      ...(sidebarTitle !== undefined && { sidebarTitle }),
      keywords,
      ...(readString(data.layout) !== undefined && { layout: readString(data.layout) }),
      ...(data.sidebarIgnore === true && { sidebarIgnore: true }),
      ...(readString(data.sectionBefore) !== undefined && { sectionBefore: readString(data.sectionBefore) }),
    },
    warnings,
  };
}

function readString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
