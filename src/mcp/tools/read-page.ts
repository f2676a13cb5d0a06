import type { McpServer } from '@modelcontextprotocol/server';
import { withCachedJsonSchema } from '../cached-json-schema.js';
import * as z from 'zod';
import { DEFAULT_PAGE_TOKENS, MAX_PAGE_TOKENS, readPage, type ReadPageResult } from '../../docs/read-page.js';
import { PRODUCTS } from '../../products.js';
import type { DocsServerDeps } from '../server-deps.js';
import { withArgumentAliases } from './argument-aliases.js';
import { groupThousands } from './group-thousands.js';
import { PRODUCT_VALUES } from './search-docs.js';
import { READ_ONLY_TOOL } from './tool-annotations.js';

const MAX_TOKENS_RANGE = `must be a whole number from 200 to ${MAX_PAGE_TOKENS}.`;

export const ReadPageInput = withArgumentAliases(
  { path_or_url: ['path', 'url', 'page', 'uri'], max_tokens: ['maxTokens'] },
  z.object({
    path_or_url: z
      .string({ error: 'missing. Pass a page path from search_docs (e.g. create-apps/image-properties/mounts.md) or a docs.upsun.com URL.' })
      .trim()
      .min(1, 'empty. Pass a page path from search_docs or a docs.upsun.com URL.')
      .describe(
        'The page: a source path from search_docs (create-apps/image-properties/mounts.md), a docs URL ' +
          '(https://docs.upsun.com/create-apps/image-properties/mounts.html, .md too, #anchor allowed) or an upsun-docs:// resource URI.',
      ),
    anchor: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('Only this section (and its subsections), by heading id, e.g. define-a-mount.'),
    product: z.enum(PRODUCTS, { error: PRODUCT_VALUES }).optional().describe('Which docs, when the path alone is ambiguous (default upsun).'),
    max_tokens: z
      .number({ error: MAX_TOKENS_RANGE })
      .int(MAX_TOKENS_RANGE)
      .min(200, MAX_TOKENS_RANGE)
      .max(MAX_PAGE_TOKENS, MAX_TOKENS_RANGE)
      .optional()
      .describe(`Tokens per part (default ${groupThousands(DEFAULT_PAGE_TOKENS)}); longer pages come in parts with a next_cursor.`),
    cursor: z.string().min(1).optional().describe('The next_cursor of the previous read_page call, unchanged, to read the next part.'),
  }),
);

export const ReadPageOutput = z.object({
  path: z.string(),
  url: z.string().describe('Public URL of the page or section: cite it.'),
  title: z.string(),
  anchor: z.string(),
  product: z.enum(PRODUCTS),
  markdown: z.string(),
  tokens: z.number(),
  part: z.number().describe('1-based part number of a paginated read.'),
  next_cursor: z.string().optional().describe('Pass back as cursor to read the next part; absent on the last part.'),
});

export const READ_PAGE_CONFIG = {
  title: 'Read an Upsun docs page',
  description:
    'A whole docs page or one section as Markdown, with its public URL. Use it after search_docs when a ' +
    'section is not enough, or for a page you already know. Long pages come in parts: pass next_cursor back ' +
    'as cursor. `path`, `url` and `page` are accepted for `path_or_url`.',
  inputSchema: withCachedJsonSchema(ReadPageInput),
  outputSchema: withCachedJsonSchema(ReadPageOutput),
  annotations: READ_ONLY_TOOL,
};

export function registerReadPageTool(server: McpServer, deps: DocsServerDeps): void {
  server.registerTool('read_page', READ_PAGE_CONFIG, (args) => {
    const result = readPage(deps.getIndex().pages, {
      reference: args.path_or_url,
      ...(args.anchor && { anchor: args.anchor.replace(/^#/, '') }),
      ...(args.product && { product: args.product }),
      ...(args.max_tokens !== undefined && { maxTokens: args.max_tokens }),
      ...(args.cursor && { cursor: args.cursor }),
    });
    return { content: [{ type: 'text', text: renderPage(result) }], structuredContent: { ...result } };
  });
}

/** The page with where it comes from first (to cite) and, when cut, how to go on. */
export function renderPage(result: ReadPageResult): string {
  const part = result.part > 1 || result.next_cursor ? ` (part ${result.part})` : '';
  const header = `# ${result.title}${result.anchor ? ` § ${result.anchor}` : ''}${part}\nSource: ${result.url}`;
  const more = result.next_cursor
    ? `\n\n---\nThe page continues. To read on, call read_page with the same path_or_url${result.anchor ? ' and anchor' : ''} and cursor "${result.next_cursor}".`
    : '';
  return `${header}\n\n${result.markdown}${more}`;
}
