import type Database from 'better-sqlite3';
import { isIndexWord, splitWords, stemWord } from './analyze.js';
import type { QueryConcept } from './parse-query.js';

/**
 * Pages whose title a long question names: every word of the title (stop words and the platform's own name
 * left out) is a word the user asked with. A real user's question holds much besides its subject (their
 * paths, their app, the story of what they tried), and BM25's sum over all its words may rank a page that
 * shares the story's words above the page named for what is asked about ("… how to deploy an Api-Platform
 * project with Mercure and FrankenPHP": pages titled *Mercure* and *FrankenPHP*). A title is the docs' own
 * name for a page's subject. Only titles of rare words count: a title of common words ("PHP", "Get support",
 * "hooks") is named by many questions that are not about it.
 */
export interface PageTitles {
  /** Page id → the stemmed words of its title, for titles whose every word is rare. */
  terms: Map<number, readonly string[]>;
}

/** Read every page's title once; `ignore`: words that say nothing about a page; `isRare`: a stemmed word few sections hold. */
export function readPageTitles(db: Database.Database, ignore: (word: string) => boolean, isRare: (term: string) => boolean): PageTitles {
  const rows = JSON.parse((db.prepare('SELECT json_group_array(json_array(id, title)) FROM pages').pluck().get() as string) ?? '[]') as Array<[number, string]>;
  const terms = new Map<number, readonly string[]>();
  for (const [id, title] of rows) {
    const words = [...new Set(splitWords(title).filter((word) => isIndexWord(word) && !ignore(word)).map(stemWord))];
    if (words.length > 0 && words.every(isRare)) terms.set(id, words);
  }
  return { terms };
}

/** readPageTitles on first call, then the same titles (the index never changes under an engine). */
export function lazyPageTitles(db: Database.Database, ignore: (word: string) => boolean, isRare: (term: string) => boolean): () => PageTitles {
  let titles: PageTitles | undefined;
  return () => (titles ??= readPageTitles(db, ignore, isRare));
}

/**
 * Whether a page's title is named by the query: by the words of the concepts the user wrote (their own
 * words and the vocabulary's synonyms; not typo corrections, which are guesses, nor identifiers' parts).
 */
export function createTitleTest(titles: PageTitles, concepts: readonly QueryConcept[]): (page: number) => boolean {
  const words = new Set<string>();
  for (const concept of concepts) {
    if (concept.compound) continue;
    concept.alternatives.forEach((alternative, i) => {
      if (concept.kinds[i] === 'correction' || concept.kinds[i] === 'expansion') return;
      for (const word of alternative) if (isIndexWord(word)) words.add(stemWord(word));
    });
  }
  return (page) => {
    const title = titles.terms.get(page);
    return title !== undefined && title.every((word) => words.has(word));
  };
}

/** Multiply, in place, the fused score of every section whose page's title is named by `weight`. */
export function boostNamedTitles(
  fused: Map<number, number>,
  pageOf: (id: number) => number | undefined,
  named: (page: number) => boolean,
  weight: number,
): void {
  for (const [id, score] of fused) if (named(pageOf(id) ?? -1)) fused.set(id, score * weight);
}
