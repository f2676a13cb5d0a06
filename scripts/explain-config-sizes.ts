// node dist/scripts/explain-config-sizes.js --index <index.sqlite> [--max-tokens N] [dir ...]
// How big explain_config answers are on the config fixture corpus: characters of text content and of
// structuredContent per file, median and max, through a real MCP client (in memory). Figures go to BENCHMARKS.md.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScriptArgs } from './script-args.js';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { loadIndex } from '../src/docs/loaded-index.js';
import { createDocsServer } from '../src/mcp/create-server.js';
import { createDocsServerDeps } from '../src/mcp/server-deps.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../src/paths.js';
import { loadImageRegistry } from '../src/registry/image-registry.js';
import { loadVocabulary } from '../src/search/vocabulary.js';
import { percentile } from './bench/percentiles.js';

const { values, positionals } = parseScriptArgs(import.meta.url, {
  allowPositionals: true,
  options: { index: { type: 'string' }, 'max-tokens': { type: 'string' } },
});
if (!values.index) throw new Error('Pass --index <file>: an index built with `upsun-docs-mcp index --product all`.');
const dirs = positionals.length > 0 ? positionals : ['test/fixtures/configs/real', 'test/fixtures/configs/docs-examples'].map((d) => join(PACKAGE_ROOT, d));

const index = loadIndex(values.index, loadVocabulary(DATA_PATHS.searchData));
const deps = createDocsServerDeps({
  getIndex: () => index,
  registry: loadImageRegistry(DATA_PATHS.imageRegistry),
  configSchema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
  version: 'bench',
});
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
const served = serveStdio(() => createDocsServer(deps), { transport: serverSide });
const client = new Client({ name: 'explain-config-sizes', version: '1.0.0' });
await client.connect(clientSide);

const rows: Array<{ file: string; text: number; structured: number }> = [];
for (const dir of dirs) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const config = readFileSync(join(dir, file), 'utf8');
    const result = await client.callTool({
      name: 'explain_config',
      arguments: { config, ...(values['max-tokens'] && { max_tokens: Number(values['max-tokens']) }) },
    });
    const content = result.content as Array<{ type: string; text?: string }>;
    const text = content.reduce((sum, part) => sum + (part.text?.length ?? 0), 0);
    rows.push({ file, text, structured: JSON.stringify(result.structuredContent ?? {}).length });
  }
}
await client.close();
await served.close();
index.close();

for (const row of rows) console.log(`${row.file}\ttext ${row.text}\tstructured ${row.structured}`);
const summary = (key: 'text' | 'structured') => {
  const values = rows.map((r) => r[key]);
  return `median ${percentile(values, 50).toFixed(0)}, max ${Math.max(...values)}`;
};
console.log(`${rows.length} configs: text chars ${summary('text')}; structuredContent chars ${summary('structured')}`);
