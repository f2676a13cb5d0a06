import type { RootContent } from 'mdast';
import { estimateTokens } from '../../src/tokens.js';
import { tidyMarkdown } from './tidy-markdown.js';
import { createHeadingIdFactory, splitHeadingAttributes } from '../hugo/heading-ids.js';
import type { Section } from '../types.js';
import { findHiddenMarkup } from './find-hidden-markup.js';
import { findLinks, type LinkRewriter, type PageLink } from './find-links.js';
import { parseMarkdown, spanOf, type ParsedMarkdown } from './parse-markdown.js';
import { collectCode, toInlineText, toProse, type PlainTextSource } from './plain-text.js';
import { applyEdits, isInRanges, sortEdits } from './text-edits.js';

export interface ChunkPageInput {
  /** The page body with shortcodes resolved and no front matter. */
  markdown: string;
  /** Page title: the heading of the intro section and the first entry of every heading path. */
  title: string;
  /** Content path, for error messages. */
  path: string;
  /** Public URL for a link destination as written on this page; undefined leaves the link as is. */
  resolveLink: LinkRewriter;
  /** The site's config file names by key (`app` → `.upsun/config.yaml`), to label `configFile=` code blocks. */
  configFiles?: Readonly<Record<string, string>>;
}

export interface ChunkPageOptions {
  /**
   * A heading text repeated at least this many times on one page is a template label, not a topic: the
   * CLI reference repeats `Usage` 157 times, `Options` 150, `Arguments` 83 and `Examples` 64 under each
   * command, so one command is one section. Such headings keep their anchors but stay inside the
   * section of the heading above them. No other Upsun page repeats a heading more than twice. Default 3;
   * `Infinity` splits at every heading.
   */
  labelRepeats?: number;
}

export interface ChunkedPage {
  /** The whole page, hidden markup stripped and links rewritten to public URLs. */
  markdown: string;
  sections: Section[];
  /** Every heading id of the page, in order (what `#fragment` links can point to). */
  anchors: string[];
  links: PageLink[];
}

interface HeadingInfo {
  /** Its index among the root's children (-1 inside a list or quote). */
  index: number;
  /** Offset where its markup starts (its `#`, or the first line of a setext heading). */
  start: number;
  depth: number;
  /** Outside any list or blockquote. */
  isTopLevel: boolean;
  anchor: string;
  text: string;
}

const DEFAULT_LABEL_REPEATS = 3;

/**
 * Split a page into sections at its headings, the unit search returns and cites. Each section runs from a
 * heading to the next one of any level outside code (an h1 in the body splits too); the text before the
 * first heading is the intro (anchor '', level 1, headed by the page title). A page always has at least
 * one section, so a page with an empty body can still be found by its title.
 */
export function chunkPage(input: ChunkPageInput, options: ChunkPageOptions = {}): ChunkedPage {
  try {
    return splitPage(input, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not chunk ${input.path}: ${reason}`, { cause: error });
  }
}

function splitPage(input: ChunkPageInput, options: ChunkPageOptions): ChunkedPage {
  const labelRepeats = options.labelRepeats ?? DEFAULT_LABEL_REPEATS;
  const parsed = parseMarkdown(input.markdown);
  const { source, tree } = parsed;
  const blocks = tree.children;

  const hidden = findHiddenMarkup(parsed);
  const hiddenRanges = sortEdits(hidden.hiddenRanges);
  const found = findLinks(parsed, input.resolveLink, hiddenRanges);
  const edits = sortEdits([...hidden.edits, ...found.edits]);
  const from: PlainTextSource = { source, edits, hiddenRanges };

  const headings = readHeadings(parsed, from);
  const splits = selectSplitHeadings(headings, hiddenRanges, labelRepeats);

  const sections: Section[] = [];
  // Sections are cut by source offsets for their Markdown and by the root's children for their prose and code.
  const configFiles = input.configFiles ?? {};
  const addSection = (fields: Omit<Section, 'ordinal' | 'prose' | 'code' | 'tokens'>, content: readonly RootContent[]): void => {
    const markdown = tidyMarkdown(fields.markdown, configFiles);
    sections.push({
      ordinal: sections.length,
      ...fields,
      markdown,
      prose: toProse(from, content),
      code: collectCode(from, content).join('\n\n'),
      tokens: estimateTokens(markdown),
    });
  };

  const firstStart = splits[0]?.start ?? source.length;
  const intro = applyEdits(source, edits, 0, firstStart).trim();
  if (intro !== '' || splits.length === 0) {
    addSection({ anchor: '', level: 1, heading: input.title, headingPath: [input.title], markdown: intro }, blocks.slice(0, splits[0]?.index ?? blocks.length));
  }

  const enclosing: Array<{ depth: number; text: string }> = [];
  splits.forEach((heading, i) => {
    const next = splits[i + 1];
    while ((enclosing.at(-1)?.depth ?? 0) >= heading.depth) enclosing.pop();
    const headingPath = [input.title, ...enclosing.map((entry) => entry.text), heading.text];
    enclosing.push({ depth: heading.depth, text: heading.text });
    const markdown = applyEdits(source, edits, heading.start, next?.start ?? source.length).trimEnd();
    addSection({ anchor: heading.anchor, level: heading.depth, heading: heading.text, headingPath, markdown }, blocks.slice(heading.index + 1, next?.index ?? blocks.length));
  });

  return {
    markdown: tidyMarkdown(applyEdits(source, edits, 0, source.length).trim(), configFiles),
    sections,
    anchors: headings.map((heading) => heading.anchor),
    links: found.links,
  };
}

/**
 * Every heading with the id Hugo gives it, in document order. Ids come from the heading's raw source, as
 * Goldmark makes them; headings inside hidden elements still take part, as they are in the HTML.
 */
function readHeadings(parsed: ParsedMarkdown, from: PlainTextSource): HeadingInfo[] {
  const idFor = createHeadingIdFactory();
  const rootIndex = new Map<RootContent, number>(parsed.tree.children.map((child, i) => [child, i]));
  return parsed.headings.map(({ node, isTopLevel }) => {
    const first = node.children[0];
    const last = node.children.at(-1);
    const raw = first && last ? from.source.slice(spanOf(first).start, spanOf(last).end) : '';
    // Goldmark slugs the last line of a (setext) heading.
    const { id } = idFor(raw.slice(raw.lastIndexOf('\n') + 1).trimStart());
    const text = splitHeadingAttributes(toInlineText(node.children, from).replace(/\s+/g, ' ')).text;
    return { index: isTopLevel ? (rootIndex.get(node) ?? -1) : -1, start: spanOf(node).start, depth: node.depth, isTopLevel, anchor: id, text };
  });
}

/**
 * The headings that start a section: top-level ones (a heading inside a list item or quote cannot split
 * the list around it), not hidden, and not a repeated template label under another heading.
 */
function selectSplitHeadings(headings: HeadingInfo[], hiddenRanges: PlainTextSource['hiddenRanges'], labelRepeats: number): HeadingInfo[] {
  const candidates = headings.filter((heading) => heading.isTopLevel && !isInRanges(hiddenRanges, heading.start));
  const repeats = new Map<string, number>();
  for (const heading of candidates) repeats.set(heading.text, (repeats.get(heading.text) ?? 0) + 1);
  const splits: HeadingInfo[] = [];
  let shallowest = Infinity;
  for (const heading of candidates) {
    const isLabel = (repeats.get(heading.text) ?? 0) >= labelRepeats;
    if (isLabel && shallowest < heading.depth) continue;
    splits.push(heading);
    shallowest = Math.min(shallowest, heading.depth);
  }
  return splits;
}
