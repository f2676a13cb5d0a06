import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { PRODUCTS, isProduct, type Product } from '../../src/products.js';
import { DATA_PATHS } from '../../src/paths.js';
import { buildIndex, type BuildReport } from '../../indexer/build-index.js';
import { openDocsSource } from '../../indexer/sources/open-source.js';
import { describePageQuestionCoverage } from '../../indexer/page-question-coverage.js';
import { summarizeWarnings } from '../../indexer/summarize-warnings.js';
import { assertWritableIndexFolder } from './writable-index-folder.js';

export interface IndexCommandOptions {
  source?: string;
  ref?: string;
  product?: string;
  out: string;
  /** Show a progress bar (on a terminal). */
  progress: boolean;
  /** List every warning; otherwise one line counts them by kind. */
  verbose: boolean;
}

/** Parse `--product upsun|platformsh|all` (default all: a search for one product must not find nothing). */
export function parseProducts(value: string | undefined): Product[] {
  if (value === undefined || value === 'all') return [...PRODUCTS];
  if (isProduct(value)) return [value];
  throw new Error(`Unknown --product '${value}'. Use upsun, platformsh or all.`);
}

/** Build the index from a folder or git URL (the bundled snapshot by default). */
export async function runIndexCommand(options: IndexCommandOptions, log: (line: string) => void): Promise<BuildReport> {
  const products = parseProducts(options.product);
  if (options.source === undefined && !existsSync(join(DATA_PATHS.docsSnapshot, 'sites'))) {
    // The npm package ships the built index and the snapshot's licence, not the 9 MB of docs sources.
    throw new Error(
      `No docs snapshot at ${DATA_PATHS.docsSnapshot} (the npm package ships the built index instead). ` +
        'Pass --source DIR|GIT_URL (e.g. https://github.com/platformsh/platformsh-docs), or run `upsun-docs-mcp refresh`, which fetches the docs.',
    );
  }
  assertWritableIndexFolder(options.out);
  const source = await openDocsSource(options.source ?? DATA_PATHS.docsSnapshot, options.ref ? { ref: options.ref } : {});
  const bar = options.progress ? new SingleBar({ format: ' {product} [{bar}] {value}/{total} pages', hideCursor: true }, Presets.shades_classic) : undefined;
  let current: Product | undefined;
  try {
    const report = await buildIndex({
      source,
      products,
      outFile: options.out,
      onProgress: ({ product, done, total }) => {
        if (!bar) return;
        if (product !== current) {
          if (current) bar.stop();
          current = product;
          bar.start(total, 0, { product });
        }
        bar.update(done, { product });
      },
    });
    bar?.stop();
    if (options.verbose) for (const warning of report.warnings) log(`warning: ${warning.file}:${warning.line}: ${warning.message}`);
    log(
      `Indexed ${report.pages} pages, ${report.sections} sections (${report.products.join(', ')}; ${report.reused} unchanged) ` +
        `with ${summarizeWarnings(report.warnings, options.verbose)} and ${report.unresolvedShortcodes} unresolved shortcodes in ${report.seconds.toFixed(2)} s → ${report.outFile}`,
    );
    log(describePageQuestionCoverage(report.pageQuestions));
    return report;
  } finally {
    bar?.stop();
    source.dispose();
  }
}
