import MiniSearch from 'minisearch';
import type { LoadedIndex } from '../../docs/loaded-index.js';
import type { Product } from '../../products.js';

/** Completion values per request; the MCP spec caps a completion result at 100 values. */
export const MAX_COMPLETIONS = 100;

export interface PageCompleter {
  /**
   * Page paths for a partly typed `path`: paths that start with the text first (in path order), then
   * fuzzy matches on path words and titles ("mount" → create-apps/image-properties/mounts.md,
   * "postgress" → add-services/postgresql/_index.md).
   */
  completePath(index: LoadedIndex, product: Product, value: string): string[];
}

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
      const values = new Set(paths.filter((path) => path.toLowerCase().startsWith(typed)).slice(0, MAX_COMPLETIONS));
      if (typed !== '' && values.size < MAX_COMPLETIONS) {
        for (const hit of search.search(typed, { prefix: true, fuzzy: 0.2, boost: { title: 2 }, combineWith: 'AND' })) {
          values.add(String(hit.path));
          if (values.size >= MAX_COMPLETIONS) break;
        }
      }
      return [...values];
    },
  };
}

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
