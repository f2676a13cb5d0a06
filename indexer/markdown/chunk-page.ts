import type { Heading, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { estimateTokens } from '../../src/tokens.js';
import { createHeadingIdFactory, splitHeadingAttributes } from '../hugo/heading-ids.js';
import type { Section } from '../types.js';
import { findHiddenMarkup } from './find-hidden-markup.js';
import { findLinks, type LinkRewriter, type PageLink } from './find-links.js';
import { parseMarkdown } from './parse-markdown.js';
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
  node: Heading;
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
  const source = input.markdown;
  const tree = parseMarkdown(source);

  const hidden = findHiddenMarkup(tree, source);
  const hiddenRanges = sortEdits(hidden.hiddenRanges);
  const found = findLinks(tree, source, input.resolveLink, hiddenRanges);
  const edits = sortEdits([...hidden.edits, ...found.edits]);
  const from: PlainTextSource = { source, edits, hiddenRanges };

  const headings = readHeadings(tree, from);
  const splits = selectSplitHeadings(tree, headings, hiddenRanges, labelRepeats);

  const sections: Section[] = [];
  const addSection = (fields: Omit<Section, 'ordinal' | 'prose' | 'code' | 'tokens'>, nodes: RootContent[]): void => {
    sections.push({
      ordinal: sections.length,
      ...fields,
      prose: toProse(nodes, from),
      code: collectCode(nodes, from).join('\n\n'),
      tokens: estimateTokens(fields.markdown),
    });
  };

  const firstStart = splits[0]?.node.position?.start.offset ?? source.length;
  const intro = applyEdits(source, edits, 0, firstStart).trim();
  if (intro !== '' || splits.length === 0) {
    addSection(
      { anchor: '', level: 1, heading: input.title, headingPath: [input.title], markdown: intro },
      sliceChildren(tree, 0, firstStart),
    );
  }

  const enclosing: Array<{ depth: number; text: string }> = [];
  splits.forEach((heading, i) => {
    const start = heading.node.position?.start.offset ?? 0;
    const end = splits[i + 1]?.node.position?.start.offset ?? source.length;
    while ((enclosing.at(-1)?.depth ?? 0) >= heading.node.depth) enclosing.pop();
    const headingPath = [input.title, ...enclosing.map((entry) => entry.text), heading.text];
    enclosing.push({ depth: heading.node.depth, text: heading.text });
    const nodes = sliceChildren(tree, start, end).slice(1);
    addSection(
      { anchor: heading.anchor, level: heading.node.depth, heading: heading.text, headingPath, markdown: applyEdits(source, edits, start, end).trimEnd() },
      nodes,
    );
  });

  return {
    markdown: applyEdits(source, edits, 0, source.length).trim(),
    sections,
    anchors: headings.map((heading) => heading.anchor),
    links: found.links,
  };
}

/** The top-level nodes that start in [from, to) (children are in document order). */
function sliceChildren(tree: Root, from: number, to: number): RootContent[] {
  const offsetOf = (node: RootContent): number => node.position?.start.offset ?? 0;
  let low = 0;
  let high = tree.children.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (offsetOf(tree.children[mid] as RootContent) < from) low = mid + 1;
    else high = mid;
  }
  let end = low;
  while (end < tree.children.length && offsetOf(tree.children[end] as RootContent) < to) end++;
  return tree.children.slice(low, end);
}

/**
 * Every heading with the id Hugo gives it, in document order. Ids come from the heading's raw source
 * line, as Goldmark makes them; headings inside hidden elements still take part, as they are in the HTML.
 */
function readHeadings(tree: Root, from: PlainTextSource): HeadingInfo[] {
  const idFor = createHeadingIdFactory();
  const headings: HeadingInfo[] = [];
  visit(tree, 'heading', (node: Heading) => {
    const first = node.children[0]?.position?.start.offset;
    const last = node.children.at(-1)?.position?.end.offset;
    const raw = first === undefined || last === undefined ? '' : from.source.slice(first, last);
    // Goldmark slugs the last line of a (setext) heading.
    const { id } = idFor(raw.slice(raw.lastIndexOf('\n') + 1));
    const text = splitHeadingAttributes(toInlineText(node.children, from).replace(/\s+/g, ' ')).text;
    headings.push({ node, anchor: id, text });
  });
  return headings;
}

/**
 * The headings that start a section: top-level ones (a heading inside a list item or quote cannot split
 * the list around it), not hidden, and not a repeated template label under another heading.
 */
function selectSplitHeadings(tree: Root, headings: HeadingInfo[], hiddenRanges: PlainTextSource['hiddenRanges'], labelRepeats: number): HeadingInfo[] {
  const topLevel = new Set<RootContent>(tree.children);
  const candidates = headings.filter((heading) => topLevel.has(heading.node) && !isInRanges(hiddenRanges, heading.node.position?.start.offset ?? 0));
  const repeats = new Map<string, number>();
  for (const heading of candidates) repeats.set(heading.text, (repeats.get(heading.text) ?? 0) + 1);
  const splits: HeadingInfo[] = [];
  for (const heading of candidates) {
    const isLabel = (repeats.get(heading.text) ?? 0) >= labelRepeats;
    const hasParent = splits.some((split) => split.node.depth < heading.node.depth);
    if (isLabel && hasParent) continue;
    splits.push(heading);
  }
  return splits;
}
