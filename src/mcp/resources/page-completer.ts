import MiniSearch from 'minisearch';
import type { LoadedIndex } from '../../docs/loaded-index.js';
import type { Product } from '../../products.js';

export interface PageCompleter {
  /**
   * Page paths for a partly typed `path`: paths that start with the text first (in path order), then
   * fuzzy matches on path words and titles ("mount" → create-apps/image-properties/mounts.md,
   * "postgress" → add-services/postgresql/_index.md).
   */
  completePath(index: LoadedIndex, product: Product, value: string): string[];
}

const FUZZY_SEARCH = {
  prefix: true,
  // Absolute edit distances: a swapped pair ("moutns") is two edits, common in words of five letters or more.
  fuzzy: (term: string) => (term.length >= 5 ? 2 : term.length >= 3 ? 1 : false),
  boost: { title: 2 },
  combineWith: 'AND',
} as const;

interface PathDocument {
  id: number;
  path: string;
  title: string;
}

interface ProductPaths {
  paths: string[];
  search: MiniSearch<PathDocument>;
}

/**
 * One completer per process. The MiniSearch over paths and titles is built on the first completion
 * for an index and product, and dropped with the index (WeakMap), so a swapped index gets a fresh one.
 */
export function createPageCompleter(): PageCompleter {
  const built = new WeakMap<LoadedIndex, Map<Product, ProductPaths>>();

  const pathsOf = (index: LoadedIndex, product: Product): ProductPaths => {
    let byProduct = built.get(index);
    if (!byProduct) {
      byProduct = new Map();
      built.set(index, byProduct);
    }
    let entry = byProduct.get(product);
    if (!entry) {
      entry = buildPathSearch(index, product);
      byProduct.set(product, entry);
    }
    return entry;
  };

  return {
    completePath(index, product, value) {
      const { paths, search } = pathsOf(index, product);
      const typed = value.trim().replace(/^\/+/, '').toLowerCase();
      const values = new Set(paths.filter((path) => path.toLowerCase().startsWith(typed)));
      const words = fuzzyWords(typed);
      if (words !== '') {
        for (const hit of search.search(words, FUZZY_SEARCH)) values.add(String(hit.path));
      }
      // All of them: the SDK sends the first 100 (the spec's cap) with `total` and `hasMore`.
      return [...values];
    },
  };
}

/**
 * The words of a typed value worth a fuzzy search: distinct, two letters or more except the last (the word being
 * typed, a prefix), the last MAX_FUZZY_WORDS of them. Each word is a prefix and typo search over every path and
 * title word, and one-letter words match nearly all of them: 64 one-letter words took 300 ms, six a few.
 */
function fuzzyWords(typed: string): string {
  const words = typed.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const kept = new Set(words.filter((word, i) => word.length >= 2 || i === words.length - 1));
  return [...kept].slice(-MAX_FUZZY_WORDS).join(' ');
}

/** Words of a typed path matched fuzzily; a page path has about five. */
const MAX_FUZZY_WORDS = 6;

function buildPathSearch(index: LoadedIndex, product: Product): ProductPaths {
  const pages = index.pages.listPages({ product, limit: Number.MAX_SAFE_INTEGER });
  const search = new MiniSearch<PathDocument>({
    fields: ['path', 'title'],
    storeFields: ['path'],
    // Paths split on folders, dashes and dots, so "image-properties/mounts" matches its words.
    tokenize: (text) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean),
    // Every page path ends in .md and section pages in _index.md: those words tell pages apart by nothing.
    processTerm: (term) => (term === 'md' || term === 'index' ? null : term.toLowerCase()),
  });
  search.addAll(pages.map((page) => ({ id: page.id, path: page.path, title: page.title })));
  return { paths: index.pages.listPaths(product), search };
}
