import type { Product } from '../src/products.js';

/** Something the indexer could not do exactly as Hugo would, with where it happened. */
export interface IndexWarning {
  /** What kind of problem, for counting in the report. */
  kind: 'unknown-shortcode' | 'unclosed-shortcode' | 'shortcode-error' | 'front-matter' | 'link' | 'anchor' | 'file' | 'page-questions';
  /** Source path relative to the docs tree root, e.g. sites/upsun/src/add-services/redis.md (for page questions, their data file). */
  file: string;
  /** 1-based line in that file (0 when the whole file is concerned). */
  line: number;
  message: string;
}

/** Front matter fields the index keeps; anything else in the YAML is ignored. */
export interface FrontMatter {
  title: string;
  description: string;
  weight?: number;
  sidebarTitle?: string;
  keywords: string[];
  layout?: string;
  sidebarIgnore?: boolean;
  sectionBefore?: string;
}

/** A page as read from the content folder, before any resolution. */
export interface SourcePage {
  product: Product;
  /** Path under the site's content folder (src/), with forward slashes. */
  path: string;
  /** Raw file contents. */
  raw: string;
  /** Raw front matter (YAML text) and the body that follows it. */
  frontMatterText: string;
  body: string;
  /** 1-based line of the file on which `body` starts. */
  bodyLine: number;
}

/** One chunk of a page: the text under one heading, up to the next heading of any level. */
export interface Section {
  ordinal: number;
  /** The heading's id on the public page; '' for the text before the first heading. */
  anchor: string;
  /** Heading depth (2..6); 1 for the intro before the first heading. */
  level: number;
  /** Heading text (plain); the page title for the intro. */
  heading: string;
  /** Page title, then the text of each enclosing heading, ending with this one. */
  headingPath: string[];
  /** The section's Markdown, heading line included, links already resolved to public URLs. */
  markdown: string;
  /** Plain text outside code blocks. */
  prose: string;
  /** The contents of its code blocks, joined by blank lines. */
  code: string;
  tokens: number;
}

/** A page ready to store. */
export interface IndexedPage {
  product: Product;
  path: string;
  url: string;
  mdUrl: string;
  title: string;
  description: string;
  sidebarTitle?: string;
  keywords: string[];
  weight?: number;
  section: string;
  parentPath?: string;
  markdown: string;
  sections: Section[];
  tokens: number;
  contentHash: string;
}
