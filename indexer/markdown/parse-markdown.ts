import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * One frozen processor for every page: configuring unified and combining the micromark extensions
 * costs more than parsing a small page, and a frozen processor cannot be reconfigured by a caller.
 * Front matter is recognised (so a body that still starts with `---` does not become a thematic break
 * and a setext heading) and GFM adds the tables, strikethrough, task lists and autolinks the docs use.
 */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/** Parse Markdown into an mdast tree with positions (offsets into `markdown`). */
export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown);
}
