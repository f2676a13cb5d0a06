import type { Definition, Heading, Html, Link, Nodes, Parents, Root } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { visitParents } from 'unist-util-visit-parents';
import { findPieceStarts } from './split-pieces.js';

/** A range of the page source, end exclusive. */
export interface SourceSpan {
  start: number;
  end: number;
}

/** Raw HTML, a link or a link definition outside code, in document order: what hidden-markup stripping and link rewriting look at. */
export type Mark =
  | { kind: 'html'; node: Html; span: SourceSpan; isBlock: boolean; inCellOrHeading: boolean }
  | { kind: 'link'; node: Link; span: SourceSpan }
  | { kind: 'definition'; node: Definition; span: SourceSpan };

/** A page parsed into an mdast tree, with the source its positions are offsets into. */
export interface ParsedMarkdown {
  /** The input with line endings normalized to `\n` (CommonMark §2.3), so offsets and lines agree. */
  source: string;
  tree: Root;
  /** HTML, links and definitions outside code, in document order. */
  marks: Mark[];
  /** Every heading, in document order; a top-level one is a child of the root, not of a list or quote. */
  headings: Array<{ node: Heading; isTopLevel: boolean }>;
}

/**
 * GFM tables alone, the one GFM extension the docs use: no Upsun or Platform.sh page has `~~` strikethrough,
 * task lists or footnotes outside code, and the autolink-literal extension (bare `www.` and `https://` URLs)
 * would double the parse time for links that are never rewritten. remark-gfm wires its extensions the same way.
 */
function remarkGfmTable(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

/** CommonMark (raw HTML recognised, as the docs use `<details>`, `<br>` and comments) plus GFM tables. */
const withTables = unified().use(remarkParse).use(remarkGfmTable).freeze();
/** CommonMark alone, for a page that cannot hold a table. */
const withoutTables = unified().use(remarkParse).freeze();

/**
 * A line that could be a table's delimiter row (GFM §4.10: cells of `-` with optional `:`, separated by `|`),
 * possibly inside a blockquote or indented in a list item; the test is looser (any line of only those
 * characters). A table needs such a line, so a page without one parses to the same tree without the table
 * extension, which micromark otherwise tries at the start of every line: a quarter or more of the parse time,
 * and three Upsun pages in four have no table. Thematic breaks and YAML `---` lines in code match too; they only
 * keep the extension on. The first class stops at `|`, `:` or `-`, so the two runs cannot trade characters and a
 * line that fails is read once (no backtracking blow-up on long runs of spaces).
 */
const DELIMITER_ROW_LIKE = /^[ \t>]*[|:-][|:\- \t]*$/m;

const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem']);

/**
 * Characters below which a piece of a long page is not cut further (see split-pieces.ts). Smaller pieces keep
 * fewer of micromark's events alive at once: over the Upsun pages (V8 `--predictable`, 16 MB semi-spaces),
 * pieces of 1,000 rather than 8,000 characters allocate 6 % less and leave 25 % fewer bytes for the scavenger
 * to copy; each piece costs one more parser set-up, which those figures include.
 */
const PIECE_CHARS = 1_000;

export interface ParseOptions {
  /** Cut a long page into pieces of at least this many characters, parsed one by one (default 1,000). */
  pieceChars?: number;
}

/** Parse a page: its mdast tree, and its HTML and links in document order. */
export function parseMarkdown(markdown: string, options: ParseOptions = {}): ParsedMarkdown {
  const source = markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown;
  const tree = parsePieces(source, findPieceStarts(source, options.pieceChars ?? PIECE_CHARS));
  const marks: Mark[] = [];
  const headings: ParsedMarkdown['headings'] = [];
  // The one walk over the whole tree, which needs ancestors: whether an inline node sits in a table cell or heading.
  visitParents(tree, (node: Nodes, ancestors: Parents[]) => {
    const parent = ancestors.at(-1);
    if (node.type === 'heading') {
      headings.push({ node, isTopLevel: parent?.type === 'root' });
    } else if (node.type === 'html') {
      const span = spanOf(node);
      const isBlock = parent === undefined || FLOW_PARENTS.has(parent.type);
      // An HTML block's last line may end in spaces; the block is its markup.
      if (isBlock) while (span.end > span.start && /\s/.test(source[span.end - 1] ?? '')) span.end--;
      const inCellOrHeading = !isBlock && ancestors.some((ancestor) => ancestor.type === 'tableCell' || ancestor.type === 'heading');
      marks.push({ kind: 'html', node, span, isBlock, inCellOrHeading });
    } else if (node.type === 'link') {
      marks.push({ kind: 'link', node, span: spanOf(node) });
    } else if (node.type === 'definition') {
      marks.push({ kind: 'definition', node, span: spanOf(node) });
    }
  });
  return { source, tree, marks, headings };
}

/** The tree of the whole source, from the trees of its pieces with their positions moved to where the pieces sit. */
function parsePieces(source: string, starts: readonly number[]): Root {
  const parse = (text: string): Root => (DELIMITER_ROW_LIKE.test(text) ? withTables : withoutTables).parse(text);
  if (starts.length === 1) return parse(source);
  let tree: Root | undefined;
  let lines = 0;
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? source.length;
    const piece = parse(source.slice(start, end));
    if (i > 0) shiftPositions(piece, lines, start);
    if (tree === undefined) {
      tree = piece;
    } else {
      tree.children.push(...piece.children);
      if (tree.position && piece.position) tree.position.end = piece.position.end;
    }
    for (let at = source.indexOf('\n', start); at >= 0 && at < end; at = source.indexOf('\n', at + 1)) lines++;
  });
  return tree as Root;
}

/** Move every position in a piece's tree down `lines` lines and on `offset` characters (pieces start at a line start, so columns stay). */
function shiftPositions(node: Nodes, lines: number, offset: number): void {
  const { position } = node;
  if (position) {
    position.start.line += lines;
    position.end.line += lines;
    if (position.start.offset !== undefined) position.start.offset += offset;
    if (position.end.offset !== undefined) position.end.offset += offset;
  }
  if ('children' in node) for (const child of node.children) shiftPositions(child, lines, offset);
}

/** Where a node sits in the source. Every node micromark makes has a position; a tree built by hand may not. */
export function spanOf(node: Nodes): SourceSpan {
  const { position } = node;
  if (position?.start.offset === undefined || position.end.offset === undefined) {
    throw new Error(`A ${node.type} node has no source position: parse the Markdown with parseMarkdown.`);
  }
  return { start: position.start.offset, end: position.end.offset };
}
