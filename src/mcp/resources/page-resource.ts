import { ResourceNotFoundError, ResourceTemplate, type McpServer, type Variables } from '@modelcontextprotocol/server';
import { PageNotFoundError } from '../../db/page-store.js';
import { RESOURCE_SCHEME } from '../../docs/page-ref.js';
import { MAX_PAGE_TOKENS, readPage, type ReadPageResult } from '../../docs/read-page.js';
import { DEFAULT_PRODUCT, PRODUCTS, isProduct } from '../../products.js';
import { assertCompletionValue } from '../completion-value.js';
import type { DocsServerDeps } from '../server-deps.js';

/**
 * Pages by product and source path; `{+path}` is RFC 6570 reserved expansion, so the path keeps its
 * slashes, and a `#anchor` after it selects one section (with its subsections).
 */
export const PAGE_URI_TEMPLATE = `${RESOURCE_SCHEME}://{product}/{+path}`;

/**
 * Docs pages change only when the index is rebuilt from a newer docs commit, and they are the same for
 * every user: cacheable by anyone for a day (2026-07-28 `ttlMs`/`cacheScope`, SEP-2549).
 */
export const PAGE_CACHE_HINT = { ttlMs: 24 * 60 * 60 * 1000, cacheScope: 'public' } as const;

export function registerPageResource(server: McpServer, deps: DocsServerDeps): void {
  server.registerResource(
    'docs-page',
    new ResourceTemplate(PAGE_URI_TEMPLATE, {
      // resources/list is served by the paginated handler in list-resources.ts, not per template.
      list: undefined,
      complete: {
        product: (value) => {
          assertCompletionValue(value);
          return PRODUCTS.filter((product) => product.startsWith(value.trim().toLowerCase()));
        },
        path: (value, context) => {
          assertCompletionValue(value);
          const product = context?.arguments?.product;
          return deps.completer.completePath(deps.getIndex(), isProduct(product) ? product : DEFAULT_PRODUCT, value);
        },
      },
    }),
    {
      title: 'Upsun docs page',
      description:
        'A page of the Upsun docs as Markdown, by product (upsun or platformsh) and source path, e.g. ' +
        'upsun-docs://upsun/create-apps/image-properties/mounts.md; add #anchor for one section.',
      mimeType: 'text/markdown',
      cacheHint: PAGE_CACHE_HINT,
    },
    (uri, variables) => {
      const { product, path } = readVariables(uri.href, variables);
      let parts: ReadPageResult[];
      try {
        parts = readWholePage(deps, product, path);
      } catch (error) {
        if (error instanceof PageNotFoundError) throw new ResourceNotFoundError(uri.href, error.message);
        throw error;
      }
      const first = parts[0];
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: 'text/markdown',
            text: `# ${first?.title ?? path}\nSource: ${first?.url ?? ''}\n\n${parts.map((part) => part.markdown).join('\n\n')}`,
          },
        ],
      };
    },
  );
}

function readVariables(uri: string, variables: Variables): { product: (typeof PRODUCTS)[number]; path: string } {
  const product = String(variables.product ?? '');
  if (!isProduct(product)) {
    throw new ResourceNotFoundError(uri, `No docs product '${product}' in ${uri}. Use ${PRODUCTS.map((p) => `${RESOURCE_SCHEME}://${p}/…`).join(' or ')}.`);
  }
  const raw = Array.isArray(variables.path) ? variables.path.join('/') : String(variables.path ?? '');
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    throw new ResourceNotFoundError(uri, `The path in ${uri} is not valid percent-encoding. Use the source path as search_docs returns it.`);
  }
  return { product, path };
}

/** A resource is the whole page (or section): read it part by part and join, up to the read size cap. */
function readWholePage(deps: DocsServerDeps, product: (typeof PRODUCTS)[number], reference: string): ReadPageResult[] {
  const store = deps.getIndex().pages;
  const parts = [readPage(store, { reference, product, maxTokens: MAX_PAGE_TOKENS })];
  for (let last = parts[0]; last?.next_cursor; ) {
    last = readPage(store, { reference, product, maxTokens: MAX_PAGE_TOKENS, cursor: last.next_cursor });
    parts.push(last);
  }
  return parts;
}
