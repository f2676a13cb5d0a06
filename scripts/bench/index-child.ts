// Builds one index and prints {seconds, maxRssMb}: run as its own process so peak RSS is the build's alone.
import { buildIndex } from '../../indexer/build-index.js';
import { openLocalSource } from '../../indexer/sources/local-source.js';
import { parseProducts } from '../../bin/commands/index-command.js';

const [source, out, product] = process.argv.slice(2);
if (!source || !out) {
  process.stderr.write('usage: index-child SOURCE OUT [PRODUCT]\n');
  process.exit(2);
}
const report = await buildIndex({ source: openLocalSource(source), products: parseProducts(product), outFile: out, previousFile: '/nonexistent' });
process.stdout.write(
  `${JSON.stringify({ seconds: report.seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, pages: report.pages, sections: report.sections, warnings: report.warnings.length })}\n`,
);
