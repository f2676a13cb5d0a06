import type { McpServer } from '@modelcontextprotocol/server';
import type { DocsServerDeps } from '../server-deps.js';
import { registerExplainConfigPrompt } from './explain-config.js';
import { registerMigrateFromPlatformshPrompt } from './migrate-from-platformsh.js';
import { registerTroubleshootDeployPrompt } from './troubleshoot-deploy.js';

export function registerPrompts(server: McpServer, deps: DocsServerDeps): void {
  registerExplainConfigPrompt(server, deps);
  registerTroubleshootDeployPrompt(server, deps);
  registerMigrateFromPlatformshPrompt(server, deps);
}
