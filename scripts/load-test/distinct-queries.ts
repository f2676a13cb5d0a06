// Search questions for the load test that never repeat within a run: real phrasings, varied the way people
// vary them, so no answer cache, query cache or warm branch sees the same query twice.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_ROOT } from '../../src/paths.js';

/**
 * The questions users ask that the docs answer: the development eval sets (never the held-out ones, which
 * are kept for judging search quality) and the page questions in data/search/page-questions.
 */
export function loadBaseQuestions(): string[] {
  const evalQuestions = ['test/fixtures/eval-sample.jsonl', 'test/fixtures/eval-own.jsonl'].flatMap((file) =>
    readFileSync(join(PACKAGE_ROOT, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { query: string }).query),
  );
  const folder = join(PACKAGE_ROOT, 'data/search/page-questions');
  const pageQuestions = readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => {
      const pages = (parseYaml(readFileSync(join(folder, name), 'utf8')) ?? {}) as Record<string, Record<string, string[]>>;
      return Object.values(pages).flatMap((sections) => Object.values(sections ?? {}).flat());
    });
  return [...new Set([...evalQuestions, ...pageQuestions].map((question) => question.trim()).filter((question) => question !== ''))];
}

// How people open and close the same question: a product name, a stack, an environment, a politeness.
const OPENINGS = ['', 'upsun:', 'on upsun,', 'platform.sh', 'quick question:', 'docs:', 'how to', 'help', 'in my project', 'for a preview environment'];
const CLOSINGS = ['', '?', 'for a node.js app', 'with php', 'in python', 'on a preview environment', 'step by step', 'example config', 'in .upsun/config.yaml', 'for my django project', 'in production', 'with the cli'];

/**
 * An endless sequence of distinct questions: every base question with each opening and closing in turn
 * (10 × 12 forms of ~1,800 questions: over 200,000 before the first would repeat), in an order that moves
 * through the bases first, so consecutive calls ask about different pages. Throws once all are used.
 */
export function createDistinctQuestions(bases: string[]): () => string {
  const forms = OPENINGS.length * CLOSINGS.length;
  const seen = new Set<string>();
  let next = 0;
  return () => {
    for (; next < bases.length * forms; ) {
      const position = next++;
      const base = bases[position % bases.length]!;
      const form = Math.floor(position / bases.length);
      const question = `${OPENINGS[form % OPENINGS.length]} ${base} ${CLOSINGS[Math.floor(form / OPENINGS.length)]}`.trim();
      // Two forms can meet (a base that already ends in '?'): skipped, so no question is asked twice.
      if (seen.has(question)) continue;
      seen.add(question);
      return question;
    }
    throw new Error(`All ${seen.size} distinct questions were used: run for less time or add phrasings.`);
  };
}
