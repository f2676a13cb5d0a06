import type Database from 'better-sqlite3';
import type { QueryConcept } from './parse-query.js';

/** The folders whose children are one technology each: a language, a service, a framework's stack. */
const SUBJECT_FOLDER = /^(?:languages|add-services|get-started\/stacks)\/([^/]+?)(?:\.md)?(?:\/|$)/u;

/** The technologies the docs have pages about, and the pages about each. */
export interface PageSubjects {
  /** Every technology name, as its folder is named (`nodejs`, `postgresql`, `headless-chrome`). */
  names: string[];
  /** Page id → the technologies its path names (`increase-observability/application-metrics/go.md` → go). */
  byPage: Map<number, string[]>;
}

/**
 * Read the pages' subjects from their paths: the names are the children of the technology folders,
 * and a page is about every name one of its path segments (or a segment's hyphenated part) spells.
 */
export function readPageSubjects(db: Database.Database): PageSubjects {
  const pages = db.prepare('SELECT id, path FROM pages').all() as Array<{ id: number; path: string }>;
  const names = new Set<string>();
  for (const { path } of pages) {
    const name = SUBJECT_FOLDER.exec(path)?.[1];
    if (name && name !== '_index') names.add(name);
  }
  const byPage = new Map<number, string[]>();
  for (const { id, path } of pages) {
    const about = new Set<string>();
    for (const segment of path.replace(/\.md$/u, '').split('/')) {
      for (const part of [segment, ...segment.split('-')]) if (names.has(part)) about.add(part);
    }
    if (about.size > 0) byPage.set(id, [...about]);
  }
  return { names: [...names], byPage };
}

/**
 * The technologies a query names, through its words or their vocabulary alternatives ("postgres"
 * names postgresql); a version glued to the name counts ("magento2", "php8").
 */
export function namedSubjects(concepts: QueryConcept[], subjects: PageSubjects): Set<string> {
  const words = new Set(concepts.flatMap((concept) => concept.alternatives.flat()));
  const named = new Set<string>();
  for (const name of subjects.names) {
    const parts = name.split('-');
    if (parts.every((part) => words.has(part))) named.add(name);
  }
  for (const word of words) {
    const name = /^(\p{L}+)\d+$/u.exec(word)?.[1];
    if (name && subjects.names.includes(name)) named.add(name);
  }
  return named;
}
