import type { IndexHandle } from '../db/open-index.js';
import { DEFAULT_PRODUCT, type Product } from '../products.js';
import { buildMatch } from './fts-match.js';
import { createConceptFrequency } from './concept-frequency.js';
import { mayMatchAll } from './may-match.js';
import { DEFAULT_MAX_TOKENS, MAX_MAX_TOKENS, fitBudget } from './fit-budget.js';
import { fuseByRank, fuseByScore, type RankedList } from './fuse-rankings.js';
import { parseQuery, splitCompound, type QueryConcept } from './parse-query.js';
import { readRowRanges, sectionKey, type RowRange } from './row-ranges.js';
import { createSnippetMaker } from './snippet.js';
import { namedSubjects, readPageSubjects } from './page-subjects.js';
import { pickResults } from './pick-results.js';
import { findPrefixTerms, loadPostingsIndex, type PostingsIndex } from './postings-index.js';
import { createScoreScratch, scoreBm25f } from './score-bm25f.js';
import { isIndexWord, stemWord } from './analyze.js';
import { createTopicTermTest } from './topic-terms.js';
import { createErrorSections } from './error-sections.js';
import { createLinkedSections, readDocsUrls } from './docs-urls.js';
import { reduceLog } from './reduce-log.js';
import { dropRequestVerb } from './request-verb.js';
import { EMPTY_QUERY_NAMES, respell } from './query-names.js';
import { createMatchShare } from './match-quality.js';
import { addPageEvidence } from './page-evidence.js';
import { boostNamedTitles, createTitleTest, lazyPageTitles } from './title-match.js';
import { createTypoIndexStore, TYPO_SEARCH_OPTIONS } from './typo-index.js';
import type { SearchParams, SearchResponse, SearchResult } from './types.js';
import type { Vocabulary } from './vocabulary.js';
import { DEFAULT_TUNING, type SearchTuning } from './search-tuning.js';
import { weighConcept } from './weigh-concept.js';
import { readWarmUpQuestions, warmUpCode } from './warm-up.js';

export { DEFAULT_TUNING, type SearchTuning } from './search-tuning.js';

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 20;

interface SectionRow {
  id: number;
  page_id: number;
  anchor: string;
  level: number;
  heading_path: string;
  markdown: string;
  prose: string;
  path: string;
  url: string;
  title: string;
  product: Product;
  section: string;
}

export interface SearchEngine {
  search(params: SearchParams): SearchResponse;
  /**
   * Load the default product's typo index in the background (one turn of the event loop,
   * after the caller's work), so that the first query with an unknown word does not pay for it; then
   * warm V8's code and SQLite's page cache with a scratch engine (warm-up.ts), one query at a time with
   * `pauseMs` between them (default: paced for a server already answering requests; 0 when nothing else
   * waits). Resolves when done; never rejects: a typo index that cannot be loaded is reported by the first
   * query that needs it, as without warming.
   */
  warm(options?: { pauseMs?: number }): Promise<void>;
}

export interface SearchEngineDeps {
  index: IndexHandle;
  vocabulary: Vocabulary;
  tuning?: Partial<SearchTuning>;
}

/** How many distinct concept look-ups to remember per engine (the index never changes under it). */
const FREQUENCY_CACHE_SIZE = 20_000;

/** A search engine over an open index. Statements are prepared once; each call is synchronous. */
export function createSearchEngine({ index, vocabulary, tuning: overrides }: SearchEngineDeps): SearchEngine {
  const tuning = { ...DEFAULT_TUNING, ...overrides, weights: { ...DEFAULT_TUNING.weights, ...overrides?.weights } };
  const { db } = index;
  const ranges = readRowRanges(db);
  const blob = db.prepare('SELECT value FROM blobs WHERE key = ?');
  const readBlob = (key: string) => (blob.get(key) as { value: Buffer } | undefined)?.value;
  const postings = loadPostingsIndex(readBlob, 'stemmed');
  const exact = loadPostingsIndex(readBlob, 'exact');
  // MiniSearch serves typo correction (and the optional fuzzy list): loaded in the background by warm(),
  // or on first need, as parsing it costs more than the rest of the engine and most queries need none.
  // Only the default product's is warmed: the other (Upsun Fixed) is searched only when asked for by name,
  // and warming it too would double the start-up and swap work for few queries.
  const typoIndexes = createTypoIndexStore(readBlob, ranges.products.has(DEFAULT_PRODUCT) ? [DEFAULT_PRODUCT] : []);
  const typo = typoIndexes.get;
  const scratch = createScoreScratch(postings.size);
  const [wTitle, wHeadings, wBody, wCode, wAsked] = tuning.bm25;
  const statements = {
    ranked: db.prepare(
      `SELECT rowid AS id, -bm25(sections_fts, ${wTitle}, ${wHeadings}, ${wBody}, ${wCode}, ${wAsked}) AS score FROM sections_fts
       WHERE sections_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY score DESC LIMIT ${tuning.candidates}`,
    ),
    section: db.prepare(
      `SELECT s.id, s.page_id, s.anchor, s.level, s.heading_path, s.markdown, s.prose, p.path, p.url, p.title, p.product, p.section
       FROM sections s JOIN pages p ON p.id = s.page_id WHERE s.id IN (SELECT value FROM json_each(?))`,
    ),
  };
  // Prefix expansions depend only on the (immutable) index: remembered per analyzer and prefix.
  const prefixCache = new Map<string, string[]>();
  const prefixTerms = (index: PostingsIndex, prefix: string): string[] => {
    const key = `${index.analyzer}:${prefix}`;
    let terms = prefixCache.get(key);
    if (!terms) {
      if (prefixCache.size >= FREQUENCY_CACHE_SIZE) prefixCache.clear();
      prefixCache.set(key, (terms = findPrefixTerms(index, prefix, 8)));
    }
    return terms;
  };
  const sectionCache = new Map<number, SectionRow | undefined>();
  const errorSections = createErrorSections(db);
  const linkedSections = createLinkedSections(db);
  const noErrors = () => false;
  const subjects = readPageSubjects(db);
  const contextNames = (vocabulary.names ?? EMPTY_QUERY_NAMES).context;
  // Read on the first long question, not at start-up: stemming every title costs 8–25 ms under load.
  const pageTitles = lazyPageTitles(db, (word) => vocabulary.stopWords.has(word) || contextNames.has(word), (term) => (postings.terms.get(term)?.[1] ?? 0) <= tuning.titleMatch.maxSections);
  const isTopicTerm = createTopicTermTest(postings, FREQUENCY_CACHE_SIZE);
  /** A concept's weight: less for words that only the docs' prose holds (see SearchTuning.situationWeight). */
  const conceptWeight = (concept: QueryConcept, range: RowRange): number => {
    if (tuning.situationWeight === 1 || concept.compound) return 1;
    const topic = concept.alternatives.some((words) => {
      const terms = words.filter(isIndexWord);
      return terms.length !== 1 || isTopicTerm(stemWord(terms[0] ?? ''), range);
    });
    return topic ? 1 : tuning.situationWeight;
  };

  const rangeFor = (product: Product, section: string | undefined): RowRange | undefined =>
    section ? ranges.sections.get(sectionKey(product, section)) : ranges.products.get(product);
  /** Sections a concept occurs in, within the range; cached, because the same words recur. */
  const frequency = createConceptFrequency(db, postings, FREQUENCY_CACHE_SIZE);

  const rankFts = (match: string | null, range: RowRange, weight: number): RankedList => {
    if (match === null) return { ids: [], scores: [], weight };
    const rows = statements.ranked.all(match, range.lo, range.hi) as Array<{ id: number; score: number }>;
    return { ids: rows.map((row) => row.id), scores: rows.map((row) => row.score), weight };
  };

  /** The rows of the sections not read before, in one query: a statement per row cost twice as much. */
  const readSections = (ids: readonly number[]): void => {
    const missing = ids.filter((id) => !sectionCache.has(id));
    if (missing.length === 0) return;
    for (const id of missing) sectionCache.set(id, undefined);
    for (const row of statements.section.all(JSON.stringify(missing)) as SectionRow[]) sectionCache.set(row.id, row);
  };

  /** Give a concept that the index does not contain the close words it does contain (typos, prefixes). */
  const correct = (concept: QueryConcept, product: Product): QueryConcept => {
    const word = concept.alternatives[0]?.join(' ') ?? '';
    const hits = typo(product).search(word, { ...TYPO_SEARCH_OPTIONS, fuzzy: 0.25, prefix: true });
    const counts = new Map<string, number>();
    for (const hit of hits.slice(0, 20)) for (const term of hit.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    const best = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([term]) => [term]);
    return best.length > 0
      ? { ...concept, alternatives: [...concept.alternatives, ...best], kinds: [...concept.kinds, ...best.map(() => 'correction' as const)] }
      : concept;
  };

  const rankTypo = (concepts: QueryConcept[], product: Product, range: RowRange, weight: number): RankedList => {
    const text = concepts.map((concept) => concept.alternatives[0]?.join(' ') ?? '').join(' ');
    const hits = typo(product).search(text, {
      ...TYPO_SEARCH_OPTIONS,
      boost: tuning.typoBoost,
      fuzzy: (term) => (tuning.typoFuzzy !== false && term.length >= 5 ? tuning.typoFuzzy : false),
      prefix: (term) => tuning.typoPrefix && term.length >= 4,
      filter: (hit) => Number(hit.id) >= range.lo && Number(hit.id) <= range.hi,
    });
    const top = hits.slice(0, tuning.candidates);
    return { ids: top.map((hit) => Number(hit.id)), scores: top.map((hit) => hit.score), weight };
  };

  return {
    async warm(options) {
      await typoIndexes.warm();
      const range = ranges.products.get(DEFAULT_PRODUCT);
      await warmUpCode(
        () => createSearchEngine({ index, vocabulary, tuning: overrides }),
        () => (range ? readWarmUpQuestions(db, range) : []),
        options?.pauseMs,
      );
    },
    search(params) {
      const product = params.product ?? DEFAULT_PRODUCT;
      const limit = clamp(params.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT);
      const maxTokens = clamp(params.maxTokens ?? DEFAULT_MAX_TOKENS, 0, MAX_MAX_TOKENS);
      const empty: SearchResponse = { query: params.query, results: [], match: 'none', quality: 0, weak: true, tokens: 0, truncated: [] };
      const range = rangeFor(product, params.section);
      if (!range) return empty;

      // A link to a docs page names that page, and its path says what it is about.
      // A pasted log is cut to its error lines; a catalogued message names the mechanism and its sections.
      // An issue title's leading request verb ("Add …", "Support …") is the tracker's genre, not the subject.
      const linked = readDocsUrls(params.query);
      const text = dropRequestVerb(reduceLog(linked.text, vocabulary.errors?.holdsMessage ?? noErrors));
      const errors = vocabulary.errors?.match(respell(text, vocabulary.names ?? EMPTY_QUERY_NAMES)) ?? [];
      let concepts = parseQuery(text, vocabulary);
      const asked = concepts.length;
      for (const entry of errors) for (const word of entry.words) concepts.push(...expansionConcepts(word, concepts, vocabulary));
      if (concepts.length === 0) return empty;
      concepts = concepts.flatMap((concept) => {
        if (frequency(concept, range) > 0) return [concept];
        // An identifier the docs never contain (an error's constant, a hyphenated word) still
        // says something in its words: DNS_PROBE_FINISHED_NXDOMAIN is about DNS.
        if (concept.compound) return splitCompound(concept, vocabulary).filter((part) => !concepts.some((c) => c.text === part.text));
        // A number, size or id the docs lack is not a misspelling: its "corrections" are other numbers.
        // In a longer question, a word the docs lack is most likely the user's own name (see SearchTuning.correctUpTo).
        return [/\d/.test(concept.text) || asked > tuning.correctUpTo ? concept : correct(concept, product)];
      });
      const found = concepts.filter((concept) => frequency(concept, range) > 0);
      if (found.length === 0) return empty;
      const unknownWords = concepts.filter((concept) => !found.includes(concept) && !concept.compound && !/\d/.test(concept.text)).length;

      // An issue title's leading tag names its subject: "[Varnish] Configuration for …", "[Redis] …".
      const tagged = new Set(parseQuery(leadingTags(text), vocabulary).map((concept) => concept.text));
      const weights = found.map((concept) => conceptWeight(concept, range) * (tagged.has(concept.text) ? tuning.tagWeight : 1));
      const weighted = found.map((concept, i) => weighConcept(concept, postings, tuning, prefixTerms, weights[i]));
      const bm25f = scoreBm25f(postings, weighted, range, tuning.bm25f, scratch, tuning.candidates);
      // FTS5 checks what the postings only approximate: that an identifier's parts (web.locations,
      // PLATFORM_APP_DIR, .upsun/config.yaml) stand side by side. Asked only when the query has one.
      const hasPhrase = found.some((concept) => concept.compound);
      // When the postings show that no section holds every concept, FTS5 would find none: it is not asked.
      const all = !hasPhrase ? { ids: [], scores: [], weight: 0 }
        : mayMatchAll(postings, found, range) ? rankFts(buildMatch(found, 'all'), range, tuning.weights.all)
        : { ids: [], scores: [], weight: tuning.weights.all };
      const exactList = tuning.weights.exact > 0
        ? scoreBm25f(exact, found.map((concept, i) => weighConcept(concept, exact, tuning, prefixTerms, weights[i])), range, tuning.exactBm25f, scratch, tuning.candidates)
        : { ids: [], scores: [] };
      const errorList = errorSections(errors, product, range, tuning.weights.errors);
      const linkedList = linkedSections(linked.links, product, range, tuning.weights.errors);
      const lists = [
        { ...bm25f, weight: tuning.weights.bm25f },
        { ...exactList, weight: tuning.weights.exact },
        all,
        tuning.weights.typo > 0 ? rankTypo(found, product, range, tuning.weights.typo) : { ids: [], scores: [], weight: 0 },
        errorList,
        linkedList,
      ];
      const fused = tuning.fusion === 'rank' ? fuseByRank(lists, tuning.rrfK) : fuseByScore(lists);
      if (tuning.subjectWeight !== 1) {
        const named = namedSubjects(concepts, subjects);
        scaleScores(fused, tuning.subjectWeight, (id) => {
          const about = subjects.byPage.get(ranges.pageOf[id] ?? -1);
          return about !== undefined && !about.some((name) => named.has(name));
        });
      }
      // A section the catalogue names for a pasted error, or a page the question links to, answers it whatever its words.
      const named = new Set([...errorList.ids, ...linkedList.ids]);
      // Long questions: sections holding more of what is asked beat those matching one rare word of it.
      if (tuning.coverage.power > 0 && found.length >= tuning.coverage.from) {
        const share = createMatchShare(postings, found, (concept) => frequency(concept, range));
        weighByCoverage(fused, share, tuning.coverage.power, named);
      }
      // A long question that names a page's title is about that page's subject, whatever else it holds.
      if (tuning.titleMatch.weight !== 1 && found.length >= tuning.titleMatch.from) {
        boostNamedTitles(fused, (id) => ranges.pageOf[id], createTitleTest(pageTitles(), found), tuning.titleMatch.weight);
      }
      addPageEvidence(fused, (id) => ranges.pageOf[id], tuning.pageEvidence);
      const chosen = pickResults(fused, ranges.pageOf, limit, tuning.perPage);
      readSections(chosen.map(({ id }) => id));
      const picked = chosen.flatMap(({ id, score }) => {
        const row = sectionCache.get(id);
        return row ? [{ row, score }] : [];
      });
      // How well the best of the first results holds the query.
      const heldShare = createMatchShare(postings, found, (concept) => frequency(concept, range), unknownWords);
      const quality = picked.slice(0, 3).reduce(
        (best, { row }) => Math.max(best, named.has(row.id) ? 1 : heldShare(row.id)),
        0,
      );

      const snippetOf = createSnippetMaker(found.flatMap((concept) => concept.alternatives.flat()));
      const budget = fitBudget(picked.map(({ row }) => ({ markdown: row.markdown })), maxTokens);
      const results: SearchResult[] = picked.map(({ row, score }, i) => ({
        path: row.path,
        url: row.anchor ? `${row.url}#${row.anchor}` : row.url,
        anchor: row.anchor,
        title: row.title,
        heading_path: JSON.parse(row.heading_path) as string[],
        score: Math.round(score * 10_000) / 10_000,
        snippet: snippetOf(row.prose),
        content: budget.contents[i] ?? '',
        product: row.product,
        section: row.section,
      }));
      return {
        query: params.query,
        results,
        match: all.ids.length > 0 ? 'all' : results.length > 0 ? 'any' : 'none',
        quality: Math.round(quality * 1000) / 1000,
        weak: quality < tuning.weakBelow,
        tokens: budget.tokens,
        truncated: budget.truncated.map((i) => ({ url: results[i]?.url ?? '', reason: 'budget' as const })),
      };
    },
  };
}

// The loops over every candidate live in small functions of their own, not in `search`: V8 compiles a hot loop
// inside a long function on its own (on-stack replacement), and that code, once it failed a type check past
// the loop, was entered and left again on every later query (measured with --trace-deopt: a deopt per
// query, with `search` itself never optimised again).

/** Multiply by `factor` the score of every candidate `applies` says yes to. */
function scaleScores(fused: Map<number, number>, factor: number, applies: (id: number) => boolean): void {
  for (const [id, score] of fused) if (applies(id)) fused.set(id, score * factor);
}

/** Weigh every candidate by the share of the query it holds (`share`, 0-1) to the `power`, except the `kept` ones. */
function weighByCoverage(fused: Map<number, number>, share: (id: number) => number, power: number, kept: ReadonlySet<number>): void {
  for (const [id, score] of fused) if (!kept.has(id)) fused.set(id, score * share(id) ** power);
}

/** A catalogue entry's word as concepts of kind 'expansion', leaving out those the query already has. */
function expansionConcepts(word: string, have: readonly QueryConcept[], vocabulary: Vocabulary): QueryConcept[] {
  return parseQuery(word, vocabulary)
    .filter((concept) => !have.some((other) => other.text === concept.text))
    .map((concept) => ({ ...concept, kinds: concept.kinds.map((kind) => (kind === 'own' ? 'expansion' : kind)) }));
}

/** The words of the bracketed tags a text starts with ("[Varnish] [PHP 8] Configuration" → "Varnish PHP 8"). */
function leadingTags(text: string): string {
  return (/^(?:\s*\[[^\]\n]{1,40}\])+/u.exec(text)?.[0] ?? '').replace(/[[\]]/gu, ' ');
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

