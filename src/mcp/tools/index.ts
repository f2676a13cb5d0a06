import type { McpServer } from '@modelcontextprotocol/server';
import type { DocsServerDeps } from '../server-deps.js';
import { registerExplainConfigTool } from './explain-config.js';
import { registerListVersionsTool } from './list-versions.js';
import { registerReadPageTool } from './read-page.js';
import { registerSearchDocsTool } from './search-docs.js';

/** Every tool, in the order hosts list them: search first, since it is where a question starts. */
export function registerTools(server: McpServer, deps: DocsServerDeps): void {
  registerSearchDocsTool(server, deps);
  registerReadPageTool(server, deps);
  registerExplainConfigTool(server, deps);
  registerListVersionsTool(server, deps);
}
