import { z } from 'zod';
import { splitWords } from './analyze.js';

/**
 * The error catalogue (data/search/errors.yaml): messages that runtimes, package managers and frameworks
 * print when an Upsun mechanism is the cause, each entry mapped to the sections that fix it. A query that
 * holds a message is about that entry's concept, whatever else it holds: the user's paths, file and app
 * names around the message are words the docs never contain.
 */
export const errorCatalogueFile = z.array(
  z.object({
    concept: z.string().min(1),
    /** `path#anchor` (or a bare path: the page's first section) under the product's docs, best first. */
    pages: z.array(z.string().min(1)).min(1),
    /** How the docs name the mechanism: added to the query as one-way expansions. */
    words: z.array(z.string().min(1)),
    messages: z.array(z.object({ text: z.string().min(1), source: z.string().min(1) })).min(1),
  }),
);
export type ErrorCatalogueFile = z.infer<typeof errorCatalogueFile>;
export type ErrorEntry = ErrorCatalogueFile[number];

export interface ErrorCatalogue {
  /** The entries whose messages the text holds, in catalogue order, each once. */
  match(text: string): ErrorEntry[];
  /** Whether one line of text holds a catalogued message (used to pick error lines from a log). */
  holdsMessage(line: string): boolean;
}

/** Words as the matcher compares them: letters and digits, lower-cased, diacritics folded, single spaces. */
export function normalizeForMatch(text: string): string {
  return splitWords(text).join(' ');
}

/**
 * One regular expression over all messages (an alternation of word sequences, `*` standing for one word),
 * compiled once: a query is tested in one pass, whatever the catalogue's size.
 */
export function createErrorCatalogue(entries: ErrorCatalogueFile): ErrorCatalogue {
  const owners: ErrorEntry[] = [];
  const alternatives: string[] = [];
  for (const entry of entries) {
    for (const message of entry.messages) {
      const words = message.text.split(/\s+/u).flatMap((word) => (word === '*' ? ['*'] : splitWords(word)));
      if (words.length === 0) continue;
      owners.push(entry);
      alternatives.push(`(${words.map((word) => (word === '*' ? '[a-z0-9]+' : escapeRegExp(word))).join(' ')})`);
    }
  }
  if (alternatives.length === 0) return { match: () => [], holdsMessage: () => false };
  const source = `(?<![a-z0-9])(?:${alternatives.join('|')})(?![a-z0-9])`;
  const once = new RegExp(source, 'u');
  // matchAll works on a copy of a global expression, so one compiled here serves every call.
  const every = new RegExp(source, 'gu');
  return {
    match(text) {
      const normalized = normalizeForMatch(text);
      // Most queries hold no message: one test, and the groups are looked at only when one does.
      if (!once.test(normalized)) return [];
      const found = new Set<ErrorEntry>();
      for (const hit of normalized.matchAll(every)) {
        const at = hit.slice(1).findIndex((group) => group !== undefined);
        const owner = owners[at];
        if (owner) found.add(owner);
      }
      return entries.filter((entry) => found.has(entry));
    },
    holdsMessage: (line) => once.test(normalizeForMatch(line)),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
