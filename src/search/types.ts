import type { Product } from '../products.js';

export interface SearchParams {
  query: string;
  /** Most results to return (default 5, at most 20). */
  limit?: number;
  product?: Product;
  /** Top-level docs section, e.g. `add-services`. */
  section?: string;
  /** Token budget for the sections' Markdown in `content` (default 2,500, at most 10,000). */
  maxTokens?: number;
}

/** One matching section. The field names are the MCP tool's output contract. */
export interface SearchResult {
  /** Source path of the page under the site's src/, e.g. create-apps/image-properties/mounts.md */
  path: string;
  /** Public URL of the section (page URL with #anchor). */
  url: string;
  anchor: string;
  /** Page title. */
  title: string;
  /** Page title, then the headings down to this section. */
  heading_path: string[];
  score: number;
  /** A short extract with the matched words in **bold**. */
  snippet: string;
  /** The section's Markdown, within the token budget ('' when the budget ran out before it). */
  content: string;
  product: Product;
  section: string;
}

export interface SearchResponse {
  query: string;
  results: SearchResult[];
  /** How the query was matched: 'all' words, 'any' word, or nothing to match. */
  match: 'all' | 'any' | 'none';
  /**
   * How well the best of the first results holds the query, 0 to 1: the share of the query's words (rare
   * words weigh more) it contains; a section the error catalogue names for a pasted error counts 1.
   */
  quality: number;
  /** True when nothing matches well (quality under the engine's threshold): the results are the closest sections, not answers. */
  weak: boolean;
  /** Tokens used by `content` across results. */
  tokens: number;
  /** Results whose content was cut or left out to fit the budget. */
  truncated: Array<{ url: string; reason: 'budget' }>;
}
