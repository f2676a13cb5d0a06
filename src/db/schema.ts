/**
 * The index file's layout. Anything that reads or writes the index goes through these names;
 * bump SCHEMA_VERSION whenever a table, column or the tokenizer changes, so that a server never
 * reads an index it does not understand (it asks for a rebuild instead).
 */
export const SCHEMA_VERSION = 4;

/**
 * FTS5 tokenizer for docs text. `porter` stems English prose ("mounts" finds "mount");
 * `unicode61` splits identifiers on punctuation, so `web.locations` and `PLATFORM_APP_DIR`
 * index as their parts and the query builder matches them as phrases (see src/search).
 * https://sqlite.org/fts5.html#tokenizers
 */
export const FTS_TOKENIZER = "porter unicode61 remove_diacritics 2";

export const SCHEMA_SQL = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE pages (
  id            INTEGER PRIMARY KEY,
  product       TEXT NOT NULL,
  path          TEXT NOT NULL,      -- source path under the site's src/, e.g. create-apps/_index.md
  url           TEXT NOT NULL,      -- public HTML URL
  md_url        TEXT NOT NULL,      -- public Markdown URL
  title         TEXT NOT NULL,
  description   TEXT NOT NULL,
  sidebar_title TEXT,
  keywords      TEXT NOT NULL,      -- JSON array of strings
  weight        INTEGER,
  section       TEXT NOT NULL,      -- top-level folder ('' for the home page)
  parent_path   TEXT,               -- path of the section page above, NULL for the home page
  markdown      TEXT NOT NULL,      -- the whole page, resolved
  tokens        INTEGER NOT NULL,
  content_hash  TEXT NOT NULL,      -- hash of the source and everything its rendering read
  UNIQUE (product, path)
);

CREATE TABLE sections (
  id           INTEGER PRIMARY KEY,
  page_id      INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,    -- position in the page, from 0
  anchor       TEXT NOT NULL,       -- heading id on the public page; '' for the text before the first heading
  level        INTEGER NOT NULL,    -- heading depth; 1 for the page intro
  heading      TEXT NOT NULL,
  heading_path TEXT NOT NULL,       -- JSON array: page title, then each enclosing heading
  markdown     TEXT NOT NULL,       -- the section as Markdown, heading included
  prose        TEXT NOT NULL,       -- plain text outside code blocks, for the body column and snippets
  code         TEXT NOT NULL,       -- code blocks, for the code column
  tokens       INTEGER NOT NULL,
  UNIQUE (page_id, ordinal)
);
CREATE INDEX sections_anchor ON sections (page_id, anchor);

-- FTS5 table over sections: title, heading path, prose, code, and the questions users ask that the
-- section answers (data/search/page-questions, indexed only). https://sqlite.org/fts5.html
CREATE VIRTUAL TABLE sections_fts USING fts5(
  title, headings, body, code, asked,
  product UNINDEXED, section UNINDEXED,  -- filters, read only for rows that already matched
  tokenize = '${FTS_TOKENIZER}'
);

CREATE TABLE blobs (
  key   TEXT PRIMARY KEY,
  value BLOB NOT NULL               -- precomputed search state, e.g. the serialized MiniSearch index
);
`;

/** Keys of the meta table. */
export const META_KEYS = {
  schemaVersion: 'schema_version',
  docsCommit: 'docs_commit',
  docsSource: 'docs_source',
  builtAt: 'built_at',
  products: 'products',
  pageCount: 'page_count',
  sectionCount: 'section_count',
  tokenizer: 'tokenizer',
  warnings: 'warning_count',
} as const;
