// Builds one index and prints {seconds, maxRssMb}: run as its own process so peak RSS is the build's alone.
// With PREVIOUS_INDEX, pages unchanged since that index are reused, as a refresh does.
import { buildIndex } from '../../indexer/build-index.js';
import { openLocalSource } from '../../indexer/sources/local-source.js';
import { parseProducts } from '../../bin/commands/index-command.js';

const [source, out, product, previous] = process.argv.slice(2);
if (!source || !out) {
  process.stderr.write('usage: index-child SOURCE OUT [PRODUCT [PREVIOUS_INDEX]]\n');
  process.exit(2);
}
const report = await buildIndex({ source: openLocalSource(source), products: parseProducts(product), outFile: out, previousFile: previous ?? '/nonexistent' });
process.stdout.write(
  `${JSON.stringify({ seconds: report.seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, pages: report.pages, sections: report.sections, reused: report.reused, warnings: report.warnings.length })}\n`,
);
