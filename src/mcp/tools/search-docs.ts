import type { McpServer } from '@modelcontextprotocol/server';
import { withCachedJsonSchema } from '../cached-json-schema.js';
import * as z from 'zod';
import { PRODUCTS } from '../../products.js';
import { renderSearchResults } from '../../search/render-results.js';
import type { SearchResponse } from '../../search/types.js';
import type { DocsServerDeps } from '../server-deps.js';
import { withArgumentAliases } from './argument-aliases.js';
import { READ_ONLY_TOOL } from './tool-annotations.js';

// Validation messages follow the argument name in the SDK's error ("limit: must be …"), so they start lower-case.
const LIMIT_RANGE = 'must be a whole number from 1 to 20.';
// A pasted build or deploy log is welcome: the engine keeps its first line and its error lines (reduce-log.ts),
// then reads at most MAX_QUERY_CHARS of them. The HTTP body limit and the rate limiter's size charge bound the rest.
const MAX_TOOL_QUERY_CHARS = 8_000;
const MAX_TOKENS_RANGE = 'must be a whole number from 200 to 10000.';
export const PRODUCT_VALUES = 'must be upsun (Upsun Flex, the default) or platformsh (Upsun Fixed).';

export const SearchDocsInput = withArgumentAliases(
  { query: ['q', 'question', 'topic', 'search', 'text'], max_tokens: ['maxTokens'] },
  z.object({
    query: z
      .string({ error: 'missing. Pass the words or question to search the docs for, e.g. "add a mount".' })
      .trim()
      .min(1, 'empty. Pass the words or question to search the docs for, e.g. "add a mount".')
      .max(MAX_TOOL_QUERY_CHARS, 'longer than 8,000 characters. Pass the key words or the error lines instead.')
      .describe('What to look for: words, a question or an error message, e.g. "persistent storage for uploads". A pasted log is reduced to its error lines.'),
    limit: z
      .number({ error: LIMIT_RANGE })
      .int(LIMIT_RANGE)
      .min(1, LIMIT_RANGE)
      .max(20, LIMIT_RANGE)
      .optional().describe('Most sections to return (default 5, at most 20).'),
    product: z
      .enum(PRODUCTS, { error: PRODUCT_VALUES })
      .optional()
      .describe('Which docs: upsun (default, Upsun Flex, .upsun/config.yaml) or platformsh (Upsun Fixed, .platform.app.yaml).'),
    section: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('Only this top-level docs section, e.g. add-services, create-apps, define-routes, development, environments.'),
    max_tokens: z
      .number({ error: MAX_TOKENS_RANGE })
      .int(MAX_TOKENS_RANGE)
      .min(200, MAX_TOKENS_RANGE)
      .max(10_000, MAX_TOKENS_RANGE)
      .optional()
      .describe('Token budget for the sections\' Markdown in the answer (default 2,500, at most 10,000).'),
  }),
);

const SearchResultOutput = z.object({
  path: z.string().describe('Source path of the page; pass it to read_page.'),
  url: z.string().describe('Public URL of the section, with #anchor: cite it.'),
  anchor: z.string(),
  title: z.string(),
  heading_path: z.array(z.string()),
  score: z.number(),
  snippet: z.string(),
  content: z.string().describe('The section\'s Markdown; empty when the token budget ran out before it.'),
  product: z.enum(PRODUCTS),
  section: z.string(),
});

export const SearchDocsOutput = z.object({
  query: z.string(),
  match: z.enum(['all', 'any', 'none']).describe('Whether results match all words, any word, or nothing could be matched.'),
  quality: z.number().describe('How well the best result holds the query, 0 to 1 (share of its words, rare words weighing more).'),
  weak: z.boolean().describe('True when no section matches the query well: the results are the closest sections, not answers.'),
  tokens: z.number().describe('Tokens used by the results\' content.'),
  results: z.array(SearchResultOutput),
  truncated: z.array(z.object({ url: z.string(), reason: z.literal('budget') })),
});

export const SEARCH_DOCS_CONFIG = {
  title: 'Search the Upsun docs',
  description:
    'Full-text search of the Upsun documentation (typo-tolerant, synonyms). Returns the best matching sections ' +
    'as Markdown with their public URLs to cite, within a token budget. Use it first for any question about ' +
    'Upsun: configuration keys, services, routes, CLI commands, errors. `q`, `question` and `topic` are ' +
    'accepted for `query`.',
  inputSchema: withCachedJsonSchema(SearchDocsInput),
  outputSchema: withCachedJsonSchema(SearchDocsOutput),
  annotations: READ_ONLY_TOOL,
};

export function registerSearchDocsTool(server: McpServer, deps: DocsServerDeps): void {
  server.registerTool('search_docs', SEARCH_DOCS_CONFIG, (args) => {
    const index = deps.getIndex();
    const held = index.handle.meta.products;
    if (args.product && !held.includes(args.product)) {
      // An index built for one product would answer "no results", which reads as "the docs do not say".
      throw new Error(
        `This server's index holds the ${held.join(' and ')} docs only, not ${args.product}. Search without product, ` +
          `or ask the user to rebuild the index with both products (upsun-docs-mcp index, or refresh).`,
      );
    }
    const response: SearchResponse = index.search.search({
      query: args.query,
      ...(args.limit !== undefined && { limit: args.limit }),
      ...(args.product && { product: args.product }),
      ...(args.section && { section: args.section }),
      ...(args.max_tokens !== undefined && { maxTokens: args.max_tokens }),
    });
    return {
      content: [{ type: 'text', text: renderSearchResults(response) }],
      structuredContent: { ...response },
    };
  });
}
