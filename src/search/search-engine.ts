import type Database from 'better-sqlite3';
import type MiniSearch from 'minisearch';
import type { IndexHandle } from '../db/open-index.js';
import { DEFAULT_PRODUCT, type Product } from '../products.js';
import { buildMatch } from './fts-match.js';
import { DEFAULT_MAX_TOKENS, MAX_MAX_TOKENS, fitBudget } from './fit-budget.js';
import { parseQuery, type QueryConcept } from './parse-query.js';
import { makeSnippet } from './snippet.js';
import { loadTypoIndex, TYPO_INDEX_KEY, TYPO_SEARCH_OPTIONS, type TypoDocument } from './typo-index.js';
import type { SearchParams, SearchResponse, SearchResult } from './types.js';
import type { Vocabulary } from './vocabulary.js';

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 20;
/** At most this many sections of one page in a result list, so one long page cannot crowd out the rest. */
const PER_PAGE = 2;
/** Candidates taken from each ranked list before fusion. */
const CANDIDATES = 60;
/** Reciprocal rank fusion constant (Cormack et al. 2009 use 60). */
const RRF_K = 60;

/**
 * BM25 column weights: title (page title + keywords), headings, body (prose), code.
 * Headings name what a section is about, so they weigh most; code is searchable (config keys,
 * commands) but repeats words, so it weighs least. https://sqlite.org/fts5.html#the_bm25_function
 */
const BM25 = 'bm25(sections_fts, 4.0, 6.0, 1.0, 0.6)';

interface SectionRow {
  id: number;
  anchor: string;
  level: number;
  heading: string;
  heading_path: string;
  markdown: string;
  prose: string;
  tokens: number;
  path: string;
  url: string;
  title: string;
  product: Product;
  section: string;
}

export interface SearchEngine {
  search(params: SearchParams): SearchResponse;
}

export interface SearchEngineDeps {
  index: IndexHandle;
  vocabulary: Vocabulary;
}

/** A search engine over an open index. Statements are prepared once; each call is synchronous. */
export function createSearchEngine({ index, vocabulary }: SearchEngineDeps): SearchEngine {
  const { db } = index;
  const typo = loadStoredTypoIndex(db);
  const ftsQuery = (withSection: boolean) =>
    db.prepare(
      `SELECT rowid AS id, ${BM25} AS rank FROM sections_fts
       WHERE sections_fts MATCH ? AND product = ? ${withSection ? 'AND section = ?' : ''}
       ORDER BY rank LIMIT ${CANDIDATES}`,
    );
  const statements = {
    fts: ftsQuery(false),
    ftsInSection: ftsQuery(true),
    section: db.prepare(
      `SELECT s.id, s.anchor, s.level, s.heading, s.heading_path, s.markdown, s.prose, s.tokens,
              p.path, p.url, p.title, p.product, p.section
       FROM sections s JOIN pages p ON p.id = s.page_id WHERE s.id = ?`,
    ),
  };

  const runFts = (match: string | null, product: Product, section: string | undefined): number[] => {
    if (match === null) return [];
    const rows = (section ? statements.ftsInSection.all(match, product, section) : statements.fts.all(match, product)) as Array<{ id: number }>;
    return rows.map((row) => row.id);
  };

  const runTypo = (concepts: QueryConcept[], product: Product, section: string | undefined): number[] => {
    const text = concepts.map((concept) => concept.alternatives[0]?.join(' ') ?? '').join(' ');
    if (text.trim() === '') return [];
    const hits = typo.search(text, { ...TYPO_SEARCH_OPTIONS, filter: (hit) => hit.product === product });
    const ids: number[] = [];
    for (const hit of hits) {
      if (ids.length >= CANDIDATES) break;
      const id = Number(hit.id);
      if (section && getSection(id)?.section !== section) continue;
      ids.push(id);
    }
    return ids;
  };

  const sectionCache = new Map<number, SectionRow | undefined>();
  const getSection = (id: number): SectionRow | undefined => {
    if (!sectionCache.has(id)) sectionCache.set(id, statements.section.get(id) as SectionRow | undefined);
    return sectionCache.get(id);
  };

  return {
    search(params) {
      const product = params.product ?? DEFAULT_PRODUCT;
      const limit = clamp(params.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT);
      const maxTokens = clamp(params.maxTokens ?? DEFAULT_MAX_TOKENS, 0, MAX_MAX_TOKENS);
      const concepts = parseQuery(params.query, vocabulary);
      if (concepts.length === 0) return { query: params.query, results: [], match: 'none', tokens: 0, truncated: [] };

      const all = concepts.length > 1 ? runFts(buildMatch(concepts, 'all'), product, params.section) : [];
      const any = runFts(buildMatch(concepts, 'any'), product, params.section);
      const fuzzy = runTypo(concepts, product, params.section);
      const fused = fuseRankings([
        { ids: all, weight: 1.0 },
        { ids: any, weight: 1.0 },
        { ids: fuzzy, weight: 0.7 },
      ]);

      const perPage = new Map<string, number>();
      const picked: Array<{ row: SectionRow; score: number }> = [];
      for (const { id, score } of fused) {
        const row = getSection(id);
        if (!row) continue;
        const count = perPage.get(row.path) ?? 0;
        if (count >= PER_PAGE) continue;
        perPage.set(row.path, count + 1);
        picked.push({ row, score });
        if (picked.length >= limit) break;
      }

      const queryWords = concepts.flatMap((concept) => concept.alternatives.flat());
      const budget = fitBudget(picked.map(({ row }) => ({ markdown: row.markdown })), maxTokens);
      const results: SearchResult[] = picked.map(({ row, score }, i) => ({
        path: row.path,
        url: row.anchor ? `${row.url}#${row.anchor}` : row.url,
        anchor: row.anchor,
        title: row.title,
        heading_path: JSON.parse(row.heading_path) as string[],
        score: Math.round(score * 10_000) / 10_000,
        snippet: makeSnippet(row.prose, queryWords),
        content: budget.contents[i] ?? '',
        product: row.product,
        section: row.section,
      }));
      return {
        query: params.query,
        results,
        match: all.length > 0 ? 'all' : any.length > 0 || fuzzy.length > 0 ? 'any' : 'none',
        tokens: budget.tokens,
        truncated: budget.truncated.map((i) => ({ url: results[i]?.url ?? '', reason: 'budget' as const })),
      };
    },
  };
}

/** Weighted reciprocal rank fusion: each list adds weight / (k + rank) to the ids it holds. */
function fuseRankings(lists: Array<{ ids: number[]; weight: number }>): Array<{ id: number; score: number }> {
  const scores = new Map<number, number>();
  for (const { ids, weight } of lists) {
    ids.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + weight / (RRF_K + rank + 1)));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

function loadStoredTypoIndex(db: Database.Database): MiniSearch<TypoDocument> {
  const row = db.prepare('SELECT value FROM blobs WHERE key = ?').get(TYPO_INDEX_KEY) as { value: Buffer | string } | undefined;
  if (!row) throw new Error(`The index has no ${TYPO_INDEX_KEY} search state; rebuild it with \`upsun-docs-mcp index\`.`);
  return loadTypoIndex(row.value.toString());
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
