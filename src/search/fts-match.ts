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

