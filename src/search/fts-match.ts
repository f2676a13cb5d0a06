import type { QueryConcept } from './parse-query.js';

/**
 * The only code that writes FTS5 MATCH expressions. Every word is emitted inside double quotes, so
 * whatever the user typed (quotes, `*`, NEAR, AND, -, parentheses, SQL) is a string to match, never
 * syntax: https://sqlite.org/fts5.html#fts5_strings. Words come from `splitWords` (letters and
 * digits only) but are escaped anyway, so this function is safe on its own.
 */
export function buildMatch(concepts: QueryConcept[], mode: 'all' | 'any'): string | null {
  const parts = concepts.map((concept) => {
    const alternatives = concept.alternatives.map((words) => quote(words.join(' ')));
    return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
  });
  if (parts.length === 0) return null;
  return parts.join(mode === 'all' ? ' AND ' : ' OR ');
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Adjacent concepts as phrases ("build hook", "browser login"), any of them: sections where the
 * user's words stand together, as the user wrote them, rank above sections that merely hold them.
 * Null when fewer than two single-word concepts stand side by side.
 */
export function buildPairMatch(concepts: QueryConcept[]): string | null {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < concepts.length; i++) {
    const a = concepts[i]?.alternatives[0];
    const b = concepts[i + 1]?.alternatives[0];
    if (a && b) pairs.push(quote([...a, ...b].join(' ')));
  }
  return pairs.length > 0 ? pairs.join(' OR ') : null;
}
