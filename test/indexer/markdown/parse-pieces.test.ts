import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../indexer/markdown/parse-markdown.js';
import { findPieceStarts } from '../../../indexer/markdown/split-pieces.js';
import { readUpsunPages } from './upsun-pages.js';

/** Filler that makes a piece long enough to be cut off (pieces here are at least 40 characters). */
const FILL = 'Some text that fills a paragraph up, and more.\n\n';
const PIECE = 40;

/** The text each piece starts with. */
function pieceHeads(source: string): string[] {
  return findPieceStarts(source, PIECE).map((start) => source.slice(start, start + 6));
}

describe('long pages parsed in pieces', () => {
  it('give the same tree, positions included, as the whole page on every Upsun page, with pieces as small as 100 characters', () => {
    let cut = 0;
    for (const page of readUpsunPages()) {
      if (findPieceStarts(page.body, 100).length > 1) cut++;
      // Compared as JSON: a deep equality of the trees of 288 pages takes vitest ten times longer.
      const inPieces = JSON.stringify(parseMarkdown(page.body, { pieceChars: 100 }).tree);
      expect(inPieces === JSON.stringify(parseMarkdown(page.body, { pieceChars: Infinity }).tree), `${page.path} parses differently in pieces`).toBe(true);
    }
    // Most pages have headings far enough apart to be cut at 100 characters.
    expect(cut).toBeGreaterThan(200);
  });

  it('are cut before a heading in the first column after a blank line', () => {
    expect(pieceHeads(`${FILL}# One\n\n${FILL}Text\n## Two\n\n${FILL}### Three\n\n${FILL}`)).toEqual(['Some t', '# One\n', '### Th']);
  });

  it('are not cut where a fence, an HTML comment or <pre> is still open, nor on a page with a link reference definition', () => {
    for (const open of ['```yaml', '~~~~', '<!-- draft', '<pre>', '<script>']) {
      const source = `${FILL}${open}\n\n# Not a heading\n\n${FILL}`;
      expect(pieceHeads(source), open).toEqual(['Some t']);
      expect(parseMarkdown(source, { pieceChars: PIECE }).tree.children.some((node) => node.type === 'heading'), open).toBe(false);
    }
    for (const definition of ['[docs]: /x.md', '- > 1. [docs]: /x.md', '[the\ndocs]: /x.md']) {
      expect(pieceHeads(`${FILL}See [the docs][docs].\n\n# Heading\n\n${FILL}${definition}\n`), definition).toEqual(['Some t']);
    }
  });

  it('are cut again once the fence or comment is closed', () => {
    expect(pieceHeads(`${FILL}\`\`\`\n# code\n\`\`\`\n\n# After\n\n${FILL}<!-- a -->\n\n# Next\n\n${FILL}`)).toEqual(['Some t', '# Afte', '# Next']);
  });
});
