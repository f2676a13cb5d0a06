import type { SearchResponse } from './types.js';

/**
 * The text a model (or a person at a terminal) reads for a search: each result's heading path and
 * URL to cite, then its Markdown within the budget; results without content are listed with their
 * snippet so the reader knows where else to look.
 */
export function renderSearchResults(response: SearchResponse): string {
  if (response.results.length === 0) {
    return `No docs sections match "${response.query}". Try other words (the docs' terms: mounts, relationships, routes, variables, hooks…), fewer words, or drop the section filter.`;
  }
  const parts: string[] = [];
  if (response.weak) {
    // Said first, so that a model does not present the closest sections as the docs' answer.
    parts.push(
      `No docs section matches "${response.query}" well: the docs may not cover it, or use other words for it. ` +
        'The closest sections follow; they may not answer it. Try the docs\' terms (mounts, relationships, routes, variables, hooks…) or the exact error line.',
    );
  }
  for (const [i, result] of response.results.entries()) {
    const header = `## ${i + 1}. ${result.heading_path.join(' > ')}\n${result.url}`;
    if (result.content) parts.push(`${header}\n\n${result.content}`);
    else parts.push(`${header}\n\n${result.snippet}\n\n(Left out to fit the token budget: read it with read_page.)`);
  }
  const cut = response.truncated.length;
  if (cut > 0) parts.push(`${cut} result(s) were shortened or left out to fit max_tokens; read_page returns whole pages and sections.`);
  return parts.join('\n\n---\n\n');
}
