import type { LoadedIndex } from '../../docs/loaded-index.js';
import type { PageSummary } from '../../db/page-store.js';
import { PRODUCTS, type Product } from '../../products.js';

const PRODUCT_TITLES: Record<Product, string> = { upsun: 'Upsun (Flex)', platformsh: 'Upsun Fixed (formerly Platform.sh)' };
/** Pages read from the store per query while walking the index. */
const PAGE_BATCH = 500;

/**
 * `GET /llms.txt` (https://llmstxt.org): a title, a one-paragraph summary, then one H2 section per
 * product and top-level docs section, each a list of `- [Title](url): description` lines.
 * Built once per index and kept with it: it is the same text until the index changes.
 */
export function createLlmsTxtRenderer(mcpUrlHint: string): (index: LoadedIndex) => string {
  const rendered = new WeakMap<LoadedIndex, string>();
  return (index) => {
    let text = rendered.get(index);
    if (text === undefined) {
      text = renderLlmsTxt(index, mcpUrlHint);
      rendered.set(index, text);
    }
    return text;
  };
}

function renderLlmsTxt(index: LoadedIndex, mcpUrlHint: string): string {
  const { docsCommit, builtAt } = index.handle.meta;
  const lines = [
    '# Upsun documentation',
    '',
    '> The official Upsun documentation (Upsun Flex and Upsun Fixed, formerly Platform.sh): deploying apps, ' +
      'configuring services, routes, environments and .upsun/config.yaml. Every page below is also served as Markdown ' +
      `over MCP at ${mcpUrlHint} (tools search_docs, read_page, explain_config, list_versions).`,
    '',
    `Index of docs commit ${docsCommit || 'unknown'}, built ${builtAt}. Descriptions are the pages' own.`,
  ];
  for (const product of PRODUCTS) {
    const bySection = new Map<string, PageSummary[]>();
    for (let afterId = 0; ; ) {
      const batch = index.pages.listPages({ product, afterId, limit: PAGE_BATCH });
      for (const page of batch) {
        const section = page.path.includes('/') ? page.path.slice(0, page.path.indexOf('/')) : 'overview';
        (bySection.get(section) ?? bySection.set(section, []).get(section)!).push(page);
      }
      if (batch.length < PAGE_BATCH) break;
      afterId = batch[batch.length - 1]!.id;
    }
    for (const [section, pages] of [...bySection].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push('', `## ${PRODUCT_TITLES[product]}: ${section}`, '');
      for (const page of pages) {
        const description = oneLine(page.description);
        lines.push(`- [${escapeLinkText(oneLine(page.title) || page.path)}](${page.url})${description ? `: ${description}` : ''}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Brackets in a title would end the Markdown link text early. */
function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, (char) => `\\${char}`);
}
