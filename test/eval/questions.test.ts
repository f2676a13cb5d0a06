import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchorize, extractHeadings, headingIds, resolveHeadingShortcodes } from '../../scripts/eval/headings.js';
import { loadQuestions, QUESTION_KINDS, type EvalQuestion } from '../../scripts/eval/metrics.js';
import { parse } from 'yaml';
import { loadPageQuestions } from '../../indexer/page-questions.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { compareTerms, toSearchTerms } from './leakage.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS_SRC = join(ROOT, 'data/platformsh-docs/sites/upsun/src');

const FILES = {
  sample: join(ROOT, 'test/fixtures/eval-sample.jsonl'),
  own: join(ROOT, 'test/fixtures/eval-own.jsonl'),
  holdout: join(ROOT, 'test/fixtures/eval-holdout.jsonl'),
  holdout2: join(ROOT, 'test/fixtures/eval-holdout2.jsonl'),
  holdout3: join(ROOT, 'test/fixtures/eval-holdout3.jsonl'),
  holdout4: join(ROOT, 'test/fixtures/eval-holdout4.jsonl'),
  holdout5: join(ROOT, 'test/fixtures/eval-holdout5.jsonl'),
  holdout6: join(ROOT, 'test/fixtures/eval-holdout6.jsonl'),
  holdout7: join(ROOT, 'test/fixtures/eval-holdout7.jsonl'),
} as const;

const idCache = new Map<string, Set<string>>();
function pageIds(relPath: string): Set<string> {
  let ids = idCache.get(relPath);
  if (!ids) {
    ids = headingIds(readFileSync(join(DOCS_SRC, relPath), 'utf8'));
    idCache.set(relPath, ids);
  }
  return ids;
}

/** Problems with one question's paths and anchor, as readable strings. */
function problems(q: EvalQuestion): string[] {
  const out: string[] = [];
  for (const p of q.relevant) {
    if (!existsSync(join(DOCS_SRC, p))) out.push(`${q.id}: relevant path does not exist: ${p}`);
  }
  if (new Set(q.relevant).size !== q.relevant.length) out.push(`${q.id}: duplicate relevant paths`);
  const first = q.relevant[0];
  if (q.anchor !== '' && first !== undefined && existsSync(join(DOCS_SRC, first))) {
    if (!pageIds(first).has(q.anchor)) out.push(`${q.id}: anchor #${q.anchor} is not a heading id of ${first}`);
  }
  return out;
}

describe('heading id helper', () => {
  it('anchorizes like Hugo (github style)', () => {
    expect(anchorize('1. Turn on outgoing email')).toBe('1-turn-on-outgoing-email');
    expect(anchorize("Let's Encrypt limitations")).toBe('lets-encrypt-limitations');
    expect(anchorize('Tips & Tricks')).toBe('tips--tricks');
    expect(anchorize('Server reached max_children')).toBe('server-reached-max_children');
  });

  it('resolves vendor shortcodes, custom ids, inline code and duplicates', () => {
    const md = [
      '---',
      'title: "# not a heading"',
      '---',
      '## {{% vendor/name %}} CLI',
      '### `app:config-validate`',
      '## Configuration options {#config-opts}',
      '```bash',
      '# a comment, not a heading',
      '```',
      '## Usage',
      '## Usage',
      '## Run `{{% vendor/cli %}} push`',
      '## `Strict_Transport_Security` header',
    ].join('\n');
    expect(extractHeadings(md).map((h) => h.id)).toEqual([
      'upsun-cli',
      'appconfig-validate',
      'config-opts',
      'usage',
      'usage-1',
      'run-upsun-push',
      'strict_transport_security-header',
    ]);
    expect(resolveHeadingShortcodes('{{< vendor/configfile "app" >}}')).toBe('.upsun/config.yaml');
  });

  it('treats codetabs with highlight= as code', () => {
    const md = ['{{< codetabs >}}', '+++', 'title=Ruby', 'highlight=ruby', '+++', '# Producer', '<--->', '+++', 'title=Text', '+++', '## Real', '{{< /codetabs >}}'].join('\n');
    expect(extractHeadings(md).map((h) => h.id)).toEqual(['real']);
  });

  it('finds known ids in the docs snapshot', () => {
    expect(pageIds('administration/cli/_index.md').has('rootnotfoundexception')).toBe(true);
    expect(pageIds('add-services/postgresql/_index.md').has('configuration-options')).toBe(false);
    expect(pageIds('add-services/mysql/_index.md').has('configuration-options')).toBe(true);
  });
});

for (const [name, file] of Object.entries(FILES)) {
  describe(`eval questions: ${name}`, () => {
    const questions = loadQuestions(file); // throws on schema errors or duplicate ids

    it('has valid, uniquely identified questions', () => {
      expect(questions.length).toBeGreaterThan(0);
      expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
      for (const q of questions) expect(QUESTION_KINDS).toContain(q.kind);
    });

    it('uses exactly the documented fields', () => {
      const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
      for (const l of lines) {
        expect(Object.keys(JSON.parse(l) as object).sort()).toEqual(['anchor', 'id', 'kind', 'note', 'query', 'relevant']);
      }
    });

    it('points at existing pages and heading ids', () => {
      const found = questions.flatMap(problems);
      if (found.length > 0) console.warn(`Problems in ${name} questions:\n${found.join('\n')}`);
      expect(found).toEqual([]);
    });
  });
}

describe('own question set', () => {
  const own = loadQuestions(FILES.own);
  const sample = loadQuestions(FILES.sample);

  it('has at least 60 questions with ids u001.. in order', () => {
    expect(own.length).toBeGreaterThanOrEqual(60);
    own.forEach((q, i) => expect(q.id).toBe(`u${String(i + 1).padStart(3, '0')}`));
  });

  it('covers every kind and every top-level docs section', () => {
    expect(new Set(own.map((q) => q.kind))).toEqual(new Set(QUESTION_KINDS));
    const sections = new Set(own.flatMap((q) => q.relevant.map((p) => p.split('/')[0])));
    for (const s of [
      'get-started', 'create-apps', 'add-services', 'languages', 'development', 'administration',
      'increase-observability', 'learn', 'integrations', 'domains', 'environments', 'manage-resources',
      'define-routes', 'security', 'projects', 'glossary',
    ]) {
      expect(sections, s).toContain(s);
    }
  });

  it('does not repeat a sample query', () => {
    const norm = (s: string) => s.toLowerCase().replace(/\W+/g, ' ').trim();
    const sampleQueries = new Set(sample.map((q) => norm(q.query)));
    for (const q of own) expect(sampleQueries.has(norm(q.query)), q.id).toBe(false);
  });
});

describe('holdout question set', () => {
  const holdout = loadQuestions(FILES.holdout);
  const norm = (s: string) => s.toLowerCase().replace(/\W+/g, ' ').trim();
  const others = [...loadQuestions(FILES.sample), ...loadQuestions(FILES.own)];

  it('has ids h001.. in order, unique across all question files', () => {
    holdout.forEach((q, i) => expect(q.id).toBe(`h${String(i + 1).padStart(3, '0')}`));
    const otherIds = new Set(others.map((q) => q.id));
    for (const q of holdout) expect(otherIds.has(q.id), q.id).toBe(false);
  });

  it('covers every kind and does not repeat a sample or own query', () => {
    expect(new Set(holdout.map((q) => q.kind))).toEqual(new Set(QUESTION_KINDS));
    const otherQueries = new Set(others.map((q) => norm(q.query)));
    for (const q of holdout) expect(otherQueries.has(norm(q.query)), q.id).toBe(false);
  });
});

const SECTIONS = [
  'get-started', 'create-apps', 'add-services', 'languages', 'development', 'administration',
  'increase-observability', 'learn', 'integrations', 'domains', 'environments', 'manage-resources',
  'define-routes', 'security', 'projects', 'glossary',
];

/** The later held-out sets: each written after the ones before it, with its own id letter. */
const LATER_HOLDOUTS = [
  { title: 'second', file: FILES.holdout2, count: 60, prefix: 'k', before: [FILES.sample, FILES.own, FILES.holdout], sections: SECTIONS.filter((s) => s !== 'glossary') },
  { title: 'third', file: FILES.holdout3, count: 80, prefix: 'm', before: [FILES.sample, FILES.own, FILES.holdout, FILES.holdout2], sections: SECTIONS },
  { title: 'fourth', file: FILES.holdout4, count: 80, prefix: 'n', before: [FILES.sample, FILES.own, FILES.holdout, FILES.holdout2, FILES.holdout3], sections: SECTIONS, maxPerPage: 3 },
  { title: 'fifth', file: FILES.holdout5, count: 80, prefix: 'p', before: [FILES.sample, FILES.own, FILES.holdout, FILES.holdout2, FILES.holdout3, FILES.holdout4], sections: SECTIONS, maxPerPage: 3 },
  { title: 'sixth', file: FILES.holdout6, count: 79, prefix: 'r', before: [FILES.sample, FILES.own, FILES.holdout, FILES.holdout2, FILES.holdout3, FILES.holdout4, FILES.holdout5], sections: SECTIONS.filter((s) => s !== 'glossary'), maxPerPage: 3 },
  { title: 'seventh', file: FILES.holdout7, count: 79, prefix: 's', before: [FILES.sample, FILES.own, FILES.holdout, FILES.holdout2, FILES.holdout3, FILES.holdout4, FILES.holdout5, FILES.holdout6], sections: SECTIONS.filter((s) => s !== 'glossary' && s !== 'projects'), maxPerPage: 3 },
];

for (const set of LATER_HOLDOUTS) {
  describe(`${set.title} holdout question set`, () => {
    const questions = loadQuestions(set.file);
    const norm = (s: string) => s.toLowerCase().replace(/\W+/g, ' ').trim();
    const others = set.before.flatMap((file) => loadQuestions(file));

    it(`has ${set.count} questions with ids ${set.prefix}001.. in order, unique across all question files`, () => {
      expect(questions.length).toBe(set.count);
      questions.forEach((q, i) => expect(q.id).toBe(`${set.prefix}${String(i + 1).padStart(3, '0')}`));
      const otherIds = new Set(others.map((q) => q.id));
      for (const q of questions) expect(otherIds.has(q.id), q.id).toBe(false);
    });

    it('covers every kind and every top-level section, and repeats no query', () => {
      expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(QUESTION_KINDS));
      const sections = new Set(questions.flatMap((q) => q.relevant.map((p) => p.split('/')[0])));
      for (const s of set.sections) expect(sections, s).toContain(s);
      const otherQueries = new Set(others.map((q) => norm(q.query)));
      for (const q of questions) expect(otherQueries.has(norm(q.query)), q.id).toBe(false);
      expect(new Set(questions.map((q) => norm(q.query))).size).toBe(questions.length);
    });

    if (set.maxPerPage !== undefined) {
      const max = set.maxPerPage;
      it(`puts no more than ${max} questions on one page`, () => {
        const perPage = new Map<string, number>();
        for (const q of questions) for (const p of q.relevant) perPage.set(p, (perPage.get(p) ?? 0) + 1);
        for (const [p, n] of perPage) expect(n, p).toBeLessThanOrEqual(max);
      });
    }
  });
}

describe('page questions, vocabulary and evaluation questions stay apart', () => {
  // The page questions (data/search/page-questions) and the vocabulary (data/search/vocabulary.yaml) are
  // what the engine is given; an evaluation question that shares a page question's terms, or a vocabulary
  // phrase, would score the engine on text it was given. Texts are compared as the engine sees them
  // (toSearchTerms: stop words out, stemmed, identifiers split at `_` and `.`). A pair is too close when its
  // term sets overlap by half (Jaccard 0.5: copies and light rewordings), or when the smaller one, of at
  // least CONTAINED_MIN terms, lies wholly inside the other: a short page question inside a longer eval
  // question, or the reverse.
  const CONTAINED_MIN = 3;
  const { stopWords } = loadVocabulary(DATA_PATHS.searchData);
  const terms = (text: string) => toSearchTerms(text, stopWords);
  const evalQuestions = Object.values(FILES).flatMap((file) => loadQuestions(file).map((q) => ({ id: q.id, terms: terms(q.query) })));
  const tooClose = (a: Set<string>, b: Set<string>) => {
    const overlap = compareTerms(a, b);
    return overlap.jaccard >= 0.5 || (overlap.contained && overlap.smaller >= CONTAINED_MIN);
  };

  it('compares as the engine does: identifiers split, stop words out, words stemmed', () => {
    expect([...terms('Set max_request_size in web.locations for my uploads')]).toEqual(['set', 'max', 'request', 'size', 'web', 'locat', 'upload']);
    expect(tooClose(terms('redirect the bare domain to www'), terms('routes for example.com, and www. on both redirecting to the bare domain'))).toBe(true);
    expect(tooClose(terms('which port should my app listen on'), terms('my server listens on port 3000'))).toBe(false);
  });

  it('no page question is within 0.5 term overlap of an evaluation question, or contained in one, or containing one', () => {
    const close: string[] = [];
    for (const [key, questions] of loadPageQuestions(join(ROOT, 'data/search/page-questions')).byKey) {
      for (const question of questions) {
        const asked = terms(question);
        const near = evalQuestions.find((q) => tooClose(asked, q.terms));
        // Only the eval id is printed: the held-out sets' texts stay unseen.
        if (near) close.push(`${key}: "${question}" is close to ${near.id}`);
      }
    }
    expect(close).toEqual([]);
  });

  /**
   * Vocabulary phrases that are text a program prints, word for word: an evaluation question that pastes
   * the error contains them because the program wrote them, not because an entry was copied from it.
   */
  const PRINTED_MESSAGES: Record<string, string> = {
    'read-only file system': 'strerror(EROFS) in glibc and musl',
    'request entity too large': "HTTP 413's reason phrase (RFC 2616 10.4.14; nginx's error page)",
    'allowed memory size': 'PHP\'s fatal error "Allowed memory size of %zu bytes exhausted" (Zend/zend_alloc.c)',
    'could not resolve host': "curl's CURLE_COULDNT_RESOLVE_HOST message",
    'address already in use': 'strerror(EADDRINUSE) in glibc and musl',
  };

  // Single tokens (.upsun/config.yaml, upload_max_filesize) are names users type as they are; phrases of words are
  // what an entry copied from a question would look like.
  it('no vocabulary phrase of 3 or more terms is found in an evaluation question, unless a program prints it', () => {
    const vocabulary = parse(readFileSync(join(DATA_PATHS.searchData, 'vocabulary.yaml'), 'utf8')) as { equivalents: unknown[][]; expansions: Record<string, unknown[]> };
    const phrases = [...vocabulary.equivalents.flat(), ...Object.keys(vocabulary.expansions)].map(String);
    const found: string[] = [];
    for (const phrase of phrases) {
      const own = terms(phrase);
      if (!/\s/.test(phrase.trim()) || own.size < CONTAINED_MIN || phrase in PRINTED_MESSAGES) continue;
      const near = evalQuestions.find((q) => compareTerms(own, q.terms).contained);
      if (near) found.push(`vocabulary "${phrase}" is in ${near.id}`);
    }
    expect(found).toEqual([]);
  });
});
