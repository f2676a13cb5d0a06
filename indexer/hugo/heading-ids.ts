/**
 * Heading ids as Hugo 0.139 renders them with Goldmark and `autoHeadingIDType: github`
 * (gohugoio/hugo markup/goldmark/autoid.go, yuin/goldmark parser/attribute.go).
 *
 * github-slugger is close but not equal, so it is not used: it keeps combining marks and
 * non-decimal digits (`é` spelled e + U+0301, `²`) that Go's `unicode.IsLetter`/`IsDigit` reject, and
 * drops a tab where Hugo writes `-`. The differences are pinned in test/indexer/hugo/heading-ids.test.ts.
 */

/** A heading's id and its text once a trailing `{#id .class}` attribute block is removed. */
export interface HeadingId {
  id: string;
  /** The heading's source text without the attribute block, trimmed. */
  text: string;
  /** True when the id came from a `{#id}` attribute rather than from the text. */
  custom: boolean;
}

/** Gives each heading of one page its id, in document order; create one per page. */
export type HeadingIdFactory = (headingSource: string) => HeadingId;

// Go's unicode.IsLetter / unicode.IsDigit (category Nd only) plus '_' (hugo isAlphaNumeric).
const ALPHANUMERIC = /[\p{L}\p{Nd}_]/u;
// Goldmark's attribute list: `#id`, `.class` or `key=value` (value quoted or bare), space separated.
const ATTRIBUTE = /\s*(#[^\s{}#.]+|\.[^\s{}#.]+|[A-Za-z_:][\w:.-]*=(?:"[^"]*"|'[^']*'|[^\s"'{}=]+))/;

/**
 * Turn heading text into an id the way Hugo's `github` auto-id type does, without de-duplication:
 * letters, decimal digits and `_` kept (lower-cased rune by rune), space, tab and `-` become `-`,
 * everything else (punctuation, symbols, emoji, non-breaking space) is dropped. Runs of spaces are
 * not collapsed (`a  b` → `a--b`), as on GitHub.
 */
export function toHeadingSlug(text: string): string {
  let slug = '';
  for (const char of text.trim()) {
    if (char === ' ' || char === '\t' || char === '-') slug += '-';
    else if (ALPHANUMERIC.test(char)) {
      // Go lower-cases one rune to one rune; JS may expand (İ → i + U+0307), so keep the first.
      const lower = char.toLowerCase();
      slug += String.fromCodePoint(lower.codePointAt(0) ?? 0);
    }
  }
  return slug;
}

/**
 * Split a trailing Goldmark attribute block off a heading's source text. Like Goldmark, only the last
 * `{...}` counts, it must parse as attributes and nothing but blanks may follow it; `\{` is literal.
 */
export function splitHeadingAttributes(headingSource: string): { text: string; id?: string } {
  const source = headingSource.trimEnd();
  if (!source.endsWith('}')) return { text: source.trim() };
  const open = source.lastIndexOf('{');
  if (open < 0 || (open > 0 && source[open - 1] === '\\')) return { text: source.trim() };
  const tokens = readAttributeTokens(source.slice(open + 1, -1));
  if (!tokens) return { text: source.trim() };
  // Goldmark keeps the last `#id` when a block names several.
  const id = tokens.filter((token) => token.startsWith('#')).at(-1)?.slice(1);
  return { text: source.slice(0, open).trim(), ...(id !== undefined && { id }) };
}

/** The tokens of an attribute list, or undefined when the text is not one. */
function readAttributeTokens(inner: string): string[] | undefined {
  const tokens: string[] = [];
  // A fresh sticky regex per call: `lastIndex` is state, and module-level state must not be shared.
  const attribute = new RegExp(ATTRIBUTE.source, 'y');
  let consumed = 0;
  for (let match = attribute.exec(inner); match !== null; match = attribute.exec(inner)) {
    tokens.push(match[1] ?? '');
    consumed = attribute.lastIndex;
  }
  return inner.slice(consumed).trim() === '' ? tokens : undefined;
}

/**
 * Create the id generator for one page. Goldmark keeps one set of used ids per document: a custom
 * `{#id}` is taken as written and reserved; an automatic id that is already used gets `-1`, `-2`, ...
 * (the first free one); an empty automatic id becomes `heading`. Feed it the heading's Markdown source
 * (after shortcodes are resolved, before inline parsing: Goldmark slugs the raw line, so link URLs and
 * inline HTML tag names end up in the id just as on the live site).
 */
export function createHeadingIdFactory(): HeadingIdFactory {
  const used = new Set<string>();
  return (headingSource: string): HeadingId => {
    const { text, id: customId } = splitHeadingAttributes(headingSource);
    if (customId !== undefined) {
      used.add(customId);
      return { id: customId, text, custom: true };
    }
    const slug = toHeadingSlug(text) || 'heading';
    let id = slug;
    for (let n = 1; used.has(id); n++) id = `${slug}-${n}`;
    used.add(id);
    return { id, text, custom: false };
  };
}
