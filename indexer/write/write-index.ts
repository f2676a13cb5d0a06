import Database from 'better-sqlite3';
import { renameSync, rmSync, mkdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SCHEMA_SQL, SCHEMA_VERSION, META_KEYS, FTS_TOKENIZER } from '../../src/db/schema.js';
import type { IndexedPage, Section } from '../types.js';

export interface IndexMetaInput {
  docsCommit: string | null;
  docsSource: string;
  products: string[];
  warningCount: number;
  builtAt?: Date;
}

/** Search state stored beside the tables, by key. */
export type SearchBlobs = Record<string, Uint8Array | string>;

/** A stored section with the row id the index gave it, for search state built beside the tables. */
export interface StoredSection {
  id: number;
  page: IndexedPage;
  section: Section;
  /** The questions users ask that the section answers, one a line ('' for none). */
  questions: string;
}

export interface WriteIndexOptions {
  /**
   * Precomputed search state to store beside the tables (key → bytes), from the rows to store. It is asked for
   * before the rows are inserted, so that it may be computed elsewhere (worker threads) while they are.
   */
  deriveBlobs?: (sections: StoredSection[]) => SearchBlobs | Promise<SearchBlobs>;
  /** The questions users ask that a section answers, one a line, indexed beside it (default: none). */
  questionsFor?: (page: IndexedPage, section: Section) => string;
  /** Called with the finished temp file before it replaces `outFile`; throw to abort. */
  check?: (tempFile: string) => void;
}

/**
 * Write a complete index to `outFile` atomically: everything goes into a temporary file in the same
 * folder, which is checked and then renamed over the old one. rename(2) within one file system is
 * atomic, so readers see the old index or the new one, never a half-written file, and a crash or a
 * failed check leaves the old index in place.
 */
export async function writeIndex(pages: IndexedPage[], meta: IndexMetaInput, outFile: string, options: WriteIndexOptions = {}): Promise<void> {
  mkdirSync(dirname(outFile), { recursive: true });
  const tempFile = join(dirname(outFile), `.${basename(outFile)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const db = new Database(tempFile);
    try {
      // The temp file is thrown away on any failure, so durability during the build buys nothing.
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.exec(SCHEMA_SQL);
      await insertAll(db, pages, meta, options);
      checkWritten(db, pages);
      // Readers open the file read-only; a rollback journal (not WAL) needs no -shm file beside it.
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    options.check?.(tempFile);
    renameSync(tempFile, outFile);
  } catch (error) {
    rmSync(tempFile, { force: true });
    // SQLite's messages ("unable to open database file", "database or disk is full") name no file.
    if (error instanceof Database.SqliteError || (error as NodeJS.ErrnoException).syscall !== undefined) {
      throw new Error(`Cannot write the index ${outFile} (via ${tempFile}): ${(error as Error).message}. Check that its folder is writable and has room, or pass --out FILE elsewhere.`, { cause: error });
    }
    throw error;
  }
}

async function insertAll(db: Database.Database, pages: IndexedPage[], meta: IndexMetaInput, options: WriteIndexOptions): Promise<void> {
  const insertPage = db.prepare(`INSERT INTO pages
    (product, path, url, md_url, title, description, sidebar_title, keywords, weight, section, parent_path, markdown, tokens, content_hash)
    VALUES (@product, @path, @url, @mdUrl, @title, @description, @sidebarTitle, @keywords, @weight, @section, @parentPath, @markdown, @tokens, @contentHash)`);
  const insertSection = db.prepare(`INSERT INTO sections
    (id, page_id, ordinal, anchor, level, heading, heading_path, markdown, prose, code, tokens)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertFts = db.prepare('INSERT INTO sections_fts (rowid, title, headings, body, code, asked, product, section) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  const insertBlob = db.prepare('INSERT INTO blobs (key, value) VALUES (?, ?)');

  // Insert in (product, section, path) order so each product's and each docs section's rows form
  // one contiguous rowid range: search filters on them with rowid BETWEEN, which FTS5 answers from
  // the index, instead of reading a column for every matching row.
  const ordered = [...pages].sort((a, b) => compareText(a.product, b.product) || compareText(a.section, b.section) || compareText(a.path, b.path));
  // Section ids are given here (1, 2, ... in that order, as SQLite would in the new table), so the search
  // state, which is keyed by them, can be derived while the rows are inserted.
  const stored: StoredSection[] = [];
  for (const page of ordered) {
    for (const section of page.sections) stored.push({ id: stored.length + 1, page, section, questions: options.questionsFor?.(page, section) ?? '' });
  }
  // Asked for first, so that what it does in other threads runs while this one inserts the rows.
  const blobs = options.deriveBlobs?.(stored);
  // One transaction, opened by hand because it spans the wait for the search state.
  db.exec('BEGIN');
  try {
    let next = 0;
    for (const page of ordered) {
      const { lastInsertRowid: pageId } = insertPage.run({
        ...page,
        sidebarTitle: page.sidebarTitle ?? null,
        keywords: JSON.stringify(page.keywords),
        weight: page.weight ?? null,
        parentPath: page.parentPath ?? null,
      });
      // The title column carries the page title and keywords on every section: a query naming the
      // page's subject should reach all of its sections, with the heading path deciding which.
      const title = [page.title, ...page.keywords].join(' ');
      for (const section of page.sections) {
        const { id, questions } = stored[next++] as StoredSection;
        insertSection.run(
          id, pageId, section.ordinal, section.anchor, section.level, section.heading,
          JSON.stringify(section.headingPath), section.markdown, section.prose, section.code, section.tokens,
        );
        insertFts.run(id, title, section.headingPath.slice(1).join(' '), section.prose, section.code, questions, page.product, page.section);
      }
    }
    const entries: Array<[string, string]> = [
      [META_KEYS.schemaVersion, String(SCHEMA_VERSION)],
      [META_KEYS.docsCommit, meta.docsCommit ?? ''],
      [META_KEYS.docsSource, meta.docsSource],
      [META_KEYS.builtAt, (meta.builtAt ?? new Date()).toISOString()],
      [META_KEYS.products, JSON.stringify(meta.products)],
      [META_KEYS.pageCount, String(pages.length)],
      [META_KEYS.sectionCount, String(stored.length)],
      [META_KEYS.tokenizer, FTS_TOKENIZER],
      [META_KEYS.warnings, String(meta.warningCount)],
    ];
    for (const [key, value] of entries) insertMeta.run(key, value);
    // better-sqlite3 binds a Buffer as a BLOB; one from a worker thread arrives as a plain Uint8Array.
    for (const [key, value] of Object.entries((await blobs) ?? {})) insertBlob.run(key, typeof value === 'string' ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    db.exec('COMMIT');
  } catch (error) {
    // The temp file is deleted next; the rollback only ends the transaction so that the file can be closed.
    if (db.inTransaction) db.exec('ROLLBACK');
    // This error is the one to report: a search state still being built elsewhere may fail too, unheard.
    Promise.resolve(blobs).catch(() => undefined);
    throw error;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Refuse to publish an index that does not hold what was handed in. */
function checkWritten(db: Database.Database, pages: IndexedPage[]): void {
  const expectedSections = pages.reduce((sum, page) => sum + page.sections.length, 0);
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const found = { pages: count('SELECT count(*) AS n FROM pages'), sections: count('SELECT count(*) AS n FROM sections'), fts: count('SELECT count(*) AS n FROM sections_fts') };
  if (found.pages !== pages.length || found.sections !== expectedSections || found.fts !== expectedSections) {
    throw new Error(`Index check failed: wrote ${found.pages}/${pages.length} pages, ${found.sections}/${expectedSections} sections, ${found.fts} FTS rows.`);
  }
  if (pages.length === 0) throw new Error('Index check failed: no pages were indexed; the source has no Markdown pages.');
  // https://sqlite.org/fts5.html#the_integrity_check_command
  db.prepare("INSERT INTO sections_fts (sections_fts) VALUES ('integrity-check')").run();
}
