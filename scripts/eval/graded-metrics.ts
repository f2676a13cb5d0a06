/**
 * Graded retrieval metrics for the real-users sets (see `test/fixtures/eval-real.jsonl` and
 * ../shared/eval/README.md): pages were judged `relevant` (grade 2), `partly` (grade 1) or
 * `judged_not_relevant` (grade 0); a page not listed was never judged.
 *
 * - Hit@1, Hit@5, MRR@10: as for the written sets, on the `relevant` pages only.
 * - nDCG@10 over the first 10 distinct pages, gains 3 (relevant), 1 (partly), 0 (judged not relevant or
 *   unjudged), log2 discount; the ideal ranking is every judged page by gain.
 *
 * Questions with no `relevant` page are left out of every figure.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { QUESTION_KINDS, distinctPages, normalizePath, scoreCase, type CaseScore, type QuestionKind, type Rankings, type RankedResult } from './metrics.js';

export const GradedQuestionSchema = z.object({
  id: z.string().min(1),
  query: z.string().min(1),
  kind: z.enum(QUESTION_KINDS),
  /** Where the question was asked in public (attribution). */
  source: z.string().url(),
  relevant: z.array(z.string().min(1)),
  partly: z.array(z.string().min(1)),
  judged_not_relevant: z.array(z.string().min(1)),
});
export type GradedQuestion = z.infer<typeof GradedQuestionSchema>;

export const GAIN = { relevant: 3, partly: 1 } as const;

export interface GradedCase extends CaseScore {
  ndcg10: number;
}

export interface GradedSummary {
  count: number;
  hit1: number;
  hit5: number;
  mrr10: number;
  ndcg10: number;
}

export interface GradedReport {
  overall: GradedSummary;
  byKind: Partial<Record<QuestionKind, GradedSummary>>;
  cases: GradedCase[];
  /** Questions left out: no page judged relevant. */
  skipped: number;
}

/** Parse and validate graded JSONL; blank lines skipped, ids unique. */
export function parseGradedQuestions(text: string, source = '<questions>'): GradedQuestion[] {
  const seen = new Set<string>();
  const questions: GradedQuestion[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${source}:${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: invalid JSON (${(error as Error).message})`, { cause: error });
    }
    const parsed = GradedQuestionSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${where}: invalid graded question (${z.prettifyError(parsed.error)})`);
    if (seen.has(parsed.data.id)) throw new Error(`${where}: duplicate id ${parsed.data.id}`);
    seen.add(parsed.data.id);
    questions.push(parsed.data);
  });
  return questions;
}

export function loadGradedQuestions(file: string): GradedQuestion[] {
  return parseGradedQuestions(readFileSync(file, 'utf8'), file);
}

const discount = (rank: number) => 1 / Math.log2(rank + 1);

/** nDCG@10 of one ranking: distinct pages, gains 3/1/0. */
export function ndcgAt10(question: GradedQuestion, results: readonly RankedResult[]): number {
  const gains = new Map<string, number>();
  for (const path of question.partly) gains.set(normalizePath(path), GAIN.partly);
  for (const path of question.relevant) gains.set(normalizePath(path), GAIN.relevant);
  const dcg = distinctPages(results, 10).reduce((sum, page, i) => sum + (gains.get(page.path) ?? 0) * discount(i + 1), 0);
  const ideal = [...gains.values()].sort((a, b) => b - a).slice(0, 10).reduce((sum, gain, i) => sum + gain * discount(i + 1), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function scoreGradedCase(question: GradedQuestion, results: readonly RankedResult[]): GradedCase {
  const asWritten = { id: question.id, query: question.query, kind: question.kind, relevant: question.relevant, anchor: '', note: '' };
  return { ...scoreCase(asWritten, results), ndcg10: ndcgAt10(question, results) };
}

function summarizeGraded(cases: readonly GradedCase[]): GradedSummary {
  const n = cases.length;
  const mean = (f: (c: GradedCase) => number) => (n === 0 ? 0 : cases.reduce((s, c) => s + f(c), 0) / n);
  return { count: n, hit1: mean((c) => Number(c.hit1)), hit5: mean((c) => Number(c.hit5)), mrr10: mean((c) => c.rr10), ndcg10: mean((c) => c.ndcg10) };
}

/** Score every question that has a relevant page; a question missing from `rankings` had no results. */
export function evaluateGraded(questions: readonly GradedQuestion[], rankings: Rankings): GradedReport {
  const judged = questions.filter((q) => q.relevant.length > 0);
  const ranking = (id: string): readonly RankedResult[] =>
    rankings instanceof Map ? (rankings.get(id) ?? []) : ((rankings as Readonly<Record<string, readonly RankedResult[]>>)[id] ?? []);
  const cases = judged.map((q) => scoreGradedCase(q, ranking(q.id)));
  const byKind: Partial<Record<QuestionKind, GradedSummary>> = {};
  for (const kind of QUESTION_KINDS) {
    const ofKind = cases.filter((c) => c.kind === kind);
    if (ofKind.length > 0) byKind[kind] = summarizeGraded(ofKind);
  }
  return { overall: summarizeGraded(cases), byKind, cases, skipped: questions.length - judged.length };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A table per kind and overall; then, when `listMisses`, each question whose first page is not relevant. */
export function formatGradedReport(report: GradedReport, { listMisses = true }: { listMisses?: boolean } = {}): string {
  const header = ['kind', 'n', 'Hit@1', 'Hit@5', 'MRR@10', 'nDCG@10'];
  const row = (name: string, s: GradedSummary) => [name, String(s.count), pct(s.hit1), pct(s.hit5), s.mrr10.toFixed(3), s.ndcg10.toFixed(3)];
  const rows = [...QUESTION_KINDS.flatMap((kind) => (report.byKind[kind] ? [row(kind, report.byKind[kind])] : [])), row('overall', report.overall)];
  const widths = header.map((_, i) => Math.max(header[i]?.length ?? 0, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(header), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1] ?? [])];
  out.push('', `Left out (no page judged relevant): ${report.skipped}`);
  const misses = report.cases.filter((c) => !c.hit1);
  out.push(`Not first (first page not relevant): ${misses.length}${listMisses || misses.length === 0 ? '' : ' (not listed)'}`);
  for (const c of listMisses ? misses : []) {
    out.push(`- [${c.id} ${c.kind}] rank ${c.pageRank ?? '-'}: ${c.query.slice(0, 160)}`);
    out.push(`    relevant: ${c.relevant.join(', ')}`);
    out.push(`    got:      ${c.top3.map((r) => (r.anchor ? `${r.path}#${r.anchor}` : r.path)).join(', ') || '(no results)'}`);
  }
  return out.join('\n');
}
