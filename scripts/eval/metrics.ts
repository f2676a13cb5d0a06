/**
 * Retrieval metrics for the docs eval sets (see /work/shared/eval/README.md).
 *
 * - Hit@1: the first result's page is relevant.
 * - Hit@5: a relevant page is among the first 5 distinct pages.
 * - MRR@10: mean of 1/rank of the first relevant page within the first 10 distinct pages (0 if none).
 * - Section@5: one of the first 5 results (not pages) points at `anchor` on the first relevant page;
 *   computed over the cases that have an anchor only.
 *
 * Everything here is pure except `loadQuestions`, which reads a JSONL file.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const QUESTION_KINDS = ['question', 'keywords', 'config', 'error', 'howto-cli'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const EvalQuestionSchema = z.object({
  id: z.string().min(1),
  query: z.string().min(1),
  kind: z.enum(QUESTION_KINDS),
  /** Source paths relative to `sites/upsun/src`, most relevant first. */
  relevant: z.array(z.string().min(1)).min(1),
  /** Heading id of the answering section on `relevant[0]`, "" for the whole page. */
  anchor: z.string(),
  note: z.string(),
});
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

/** One section-level search result. Several results may share a page. */
export interface RankedResult {
  path: string;
  anchor: string;
}

export interface CaseScore {
  id: string;
  kind: QuestionKind;
  query: string;
  relevant: string[];
  anchor: string;
  /** 1-based rank of the first relevant page among distinct pages (within the first 10), or null. */
  pageRank: number | null;
  hit1: boolean;
  hit5: boolean;
  /** Reciprocal rank within the first 10 distinct pages, 0 if none. */
  rr10: number;
  /** Null when the case has no anchor (not counted for Section@5). */
  section5: boolean | null;
  /** The first 3 distinct pages returned, each with the anchor of its best-ranked section. */
  top3: RankedResult[];
}

export interface MetricSummary {
  count: number;
  hit1: number;
  hit5: number;
  mrr10: number;
  /** Number of cases with an anchor (the Section@5 denominator). */
  sectionCount: number;
  /** Null when no case has an anchor. */
  section5: number | null;
}

export interface EvalMiss {
  id: string;
  kind: QuestionKind;
  query: string;
  /** `relevant[0]#anchor` followed by the other relevant pages. */
  expected: string[];
  /** Top 3 distinct pages as `path#anchor`. */
  got: string[];
}

export interface EvalReport {
  overall: MetricSummary;
  /** Only kinds that occur in the questions, in QUESTION_KINDS order. */
  byKind: Partial<Record<QuestionKind, MetricSummary>>;
  cases: CaseScore[];
  /** Cases without a relevant page among the first 5 distinct pages (Hit@5 = 0). */
  misses: EvalMiss[];
}

export type Rankings =
  | ReadonlyMap<string, readonly RankedResult[]>
  | Readonly<Record<string, readonly RankedResult[]>>;

/** Parse and validate JSONL question text. Blank lines are skipped; ids must be unique. */
export function parseQuestions(text: string, source = '<questions>'): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${source}:${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new Error(`${where}: invalid JSON (${(err as Error).message})`);
    }
    const parsed = EvalQuestionSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new Error(`${where}: invalid question (${issues})`);
    }
    if (seen.has(parsed.data.id)) throw new Error(`${where}: duplicate id ${parsed.data.id}`);
    seen.add(parsed.data.id);
    questions.push(parsed.data);
  });
  return questions;
}

/** Read and validate a JSONL question file. */
export function loadQuestions(file: string): EvalQuestion[] {
  return parseQuestions(readFileSync(file, 'utf8'), file);
}

/** Normalise a docs path for comparison: forward slashes, no leading `./` or `/`. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

function normalizeAnchor(anchor: string): string {
  return anchor.replace(/^#/, '');
}

/** Distinct pages in rank order, each with the anchor of its first (best-ranked) result. */
export function distinctPages(results: readonly RankedResult[], limit = Infinity): RankedResult[] {
  const pages: RankedResult[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    if (pages.length >= limit) break;
    const path = normalizePath(r.path);
    if (seen.has(path)) continue;
    seen.add(path);
    pages.push({ path, anchor: normalizeAnchor(r.anchor) });
  }
  return pages;
}

/** Score one question against its ranked results. */
export function scoreCase(question: EvalQuestion, results: readonly RankedResult[]): CaseScore {
  const relevant = new Set(question.relevant.map(normalizePath));
  const pages = distinctPages(results, 10);
  const index = pages.findIndex((p) => relevant.has(p.path));
  const pageRank = index === -1 ? null : index + 1;
  const first = results[0];
  const hit1 = first !== undefined && relevant.has(normalizePath(first.path));
  const hit5 = pageRank !== null && pageRank <= 5;
  const rr10 = pageRank === null ? 0 : 1 / pageRank;

  let section5: boolean | null = null;
  const anchor = normalizeAnchor(question.anchor);
  if (anchor !== '') {
    const target = normalizePath(question.relevant[0] ?? '');
    section5 = results
      .slice(0, 5)
      .some((r) => normalizePath(r.path) === target && normalizeAnchor(r.anchor) === anchor);
  }

  return {
    id: question.id,
    kind: question.kind,
    query: question.query,
    relevant: question.relevant,
    anchor: question.anchor,
    pageRank,
    hit1,
    hit5,
    rr10,
    section5,
    top3: pages.slice(0, 3),
  };
}

/** Aggregate case scores (means; 0 for an empty list). */
export function summarize(cases: readonly CaseScore[]): MetricSummary {
  const n = cases.length;
  const mean = (f: (c: CaseScore) => number) => (n === 0 ? 0 : cases.reduce((s, c) => s + f(c), 0) / n);
  const withAnchor = cases.filter((c) => c.section5 !== null);
  return {
    count: n,
    hit1: mean((c) => (c.hit1 ? 1 : 0)),
    hit5: mean((c) => (c.hit5 ? 1 : 0)),
    mrr10: mean((c) => c.rr10),
    sectionCount: withAnchor.length,
    section5: withAnchor.length === 0 ? null : withAnchor.filter((c) => c.section5).length / withAnchor.length,
  };
}

function rankingFor(rankings: Rankings, id: string): readonly RankedResult[] {
  if (rankings instanceof Map) return rankings.get(id) ?? [];
  const record = rankings as Readonly<Record<string, readonly RankedResult[]>>;
  return Object.prototype.hasOwnProperty.call(record, id) ? (record[id] ?? []) : [];
}

function formatResult(r: RankedResult): string {
  return r.anchor ? `${r.path}#${r.anchor}` : r.path;
}

/** Score all questions. A question without an entry in `rankings` counts as "no results". */
export function evaluate(questions: readonly EvalQuestion[], rankings: Rankings): EvalReport {
  const cases = questions.map((q) => scoreCase(q, rankingFor(rankings, q.id)));
  const byKind: Partial<Record<QuestionKind, MetricSummary>> = {};
  for (const kind of QUESTION_KINDS) {
    const ofKind = cases.filter((c) => c.kind === kind);
    if (ofKind.length > 0) byKind[kind] = summarize(ofKind);
  }
  const misses: EvalMiss[] = cases
    .filter((c) => !c.hit5)
    .map((c) => ({
      id: c.id,
      kind: c.kind,
      query: c.query,
      expected: c.relevant.map((p, i) => (i === 0 && c.anchor ? `${p}#${c.anchor}` : p)),
      got: c.top3.map(formatResult),
    }));
  return { overall: summarize(cases), byKind, cases, misses };
}

function pct(x: number | null): string {
  return x === null ? '-' : `${(x * 100).toFixed(1)}%`;
}

/** A plain-text table of the metrics overall and per kind, followed by the misses. */
/** The report as a table per kind, then the misses: listed, or only counted when `listMisses` is false. */
export function formatEvalReport(report: EvalReport, { listMisses = true }: { listMisses?: boolean } = {}): string {
  const header = ['kind', 'n', 'Hit@1', 'Hit@5', 'MRR@10', 'Section@5'];
  const row = (name: string, s: MetricSummary): string[] => [
    name,
    String(s.count),
    pct(s.hit1),
    pct(s.hit5),
    s.mrr10.toFixed(3),
    s.section5 === null ? '-' : `${pct(s.section5)} (${s.sectionCount})`,
  ];
  const rows = [header];
  for (const kind of QUESTION_KINDS) {
    const s = report.byKind[kind];
    if (s) rows.push(row(kind, s));
  }
  rows.push(row('overall', report.overall));
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows.slice(1)) {
    if (r[0] === 'overall') out.push(widths.map((w) => '-'.repeat(w)).join('  '));
    out.push(line(r));
  }
  out.push('');
  out.push(`Misses (no relevant page in the first 5 pages): ${report.misses.length}${listMisses || report.misses.length === 0 ? '' : ' (not listed)'}`);
  for (const m of listMisses ? report.misses : []) {
    out.push(`- [${m.id} ${m.kind}] ${m.query}`);
    out.push(`    expected: ${m.expected.join(', ')}`);
    out.push(`    got:      ${m.got.length > 0 ? m.got.join(', ') : '(no results)'}`);
  }
  return out.join('\n');
}
