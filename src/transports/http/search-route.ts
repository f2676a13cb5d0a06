import type { LoadedIndex } from '../../docs/loaded-index.js';
import { isProduct } from '../../products.js';
import { MAX_LIMIT } from '../../search/search-engine.js';
import { HttpError } from './http-error.js';

/** Same bound as the search_docs tool's `query`. */
const MAX_QUERY_LENGTH = 1000;
/** The landing page shows short answers; the full sections are one MCP call away. */
const CONTENT_TOKENS = 200;

export interface SearchRouteResult {
  query: string;
  match: string;
  results: Array<{ title: string; url: string; heading_path: string[]; snippet: string; path: string; product: string; section: string }>;
}

/**
 * `GET /api/search?q=&limit=&product=`: the search box on the landing page, over the engine the
 * search_docs tool uses. Returns titles, links and snippets, not the sections' Markdown.
 */
export function searchFromQueryString(index: LoadedIndex, params: URLSearchParams): SearchRouteResult {
  const query = (params.get('q') ?? '').trim();
  if (query === '') throw new HttpError(400, "Missing q: pass the words to search for, e.g. /api/search?q=add+a+mount.");
  if (query.length > MAX_QUERY_LENGTH) throw new HttpError(400, `q is longer than ${MAX_QUERY_LENGTH} characters: pass the key words instead.`);
  const limitText = params.get('limit');
  const limit = limitText === null || limitText === '' ? 5 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new HttpError(400, `limit must be a whole number from 1 to ${MAX_LIMIT}, not '${limitText?.slice(0, 20)}'.`);
  const product = params.get('product') ?? undefined;
  if (product !== undefined && product !== 'all' && !isProduct(product)) throw new HttpError(400, "product must be upsun or platformsh.");
  const response = index.search.search({ query, limit, maxTokens: CONTENT_TOKENS, ...(product !== undefined && isProduct(product) && { product }) });
  return {
    query: response.query,
    match: response.match,
    results: response.results.map(({ title, url, heading_path, snippet, path, product: resultProduct, section }) => ({
      title,
      url,
      heading_path,
      snippet,
      path,
      product: resultProduct,
      section,
    })),
  };
}
