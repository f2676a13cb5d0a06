import { SingleBar, Presets } from 'cli-progress';
import { PRODUCTS, isProduct, type Product } from '../../src/products.js';
import { DATA_PATHS } from '../../src/paths.js';
import { buildIndex, type BuildReport } from '../../indexer/build-index.js';
import { openDocsSource } from '../../indexer/sources/open-source.js';
import { describePageQuestionCoverage } from '../../indexer/page-question-coverage.js';

export interface IndexCommandOptions {
  source?: string;
  ref?: string;
  product?: string;
  out: string;
  /** Show a progress bar (on a terminal). */
  progress: boolean;
}

/** Parse `--product upsun|platformsh|all`. */
export function parseProducts(value: string | undefined): Product[] {
  if (value === undefined || value === 'upsun') return ['upsun'];
  if (value === 'all') return [...PRODUCTS];
  if (isProduct(value)) return [value];
  throw new Error(`Unknown --product '${value}'. Use upsun, platformsh or all.`);
}

/** Build the index from a folder or git URL (the bundled snapshot by default). */
export async function runIndexCommand(options: IndexCommandOptions, log: (line: string) => void): Promise<BuildReport> {
  const products = parseProducts(options.product);
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
    for (const warning of report.warnings.slice(0, 50)) log(`warning: ${warning.file}:${warning.line}: ${warning.message}`);
    if (report.warnings.length > 50) log(`… and ${report.warnings.length - 50} more warnings`);
    log(
      `Indexed ${report.pages} pages, ${report.sections} sections (${report.products.join(', ')}; ${report.reused} unchanged) ` +
        `with ${report.warnings.length} warnings and ${report.unresolvedShortcodes} unresolved shortcodes in ${report.seconds.toFixed(2)} s → ${report.outFile}`,
    );
    log(describePageQuestionCoverage(report.pageQuestions));
    return report;
  } finally {
    bar?.stop();
    source.dispose();
  }
}
