import type { McpServer } from '@modelcontextprotocol/server';
import type { DocsServerDeps } from '../server-deps.js';
import { registerIndexResource } from './index-resource.js';
import { installPaginatedResourceList } from './list-resources.js';
import { registerPageResource } from './page-resource.js';

export function registerResources(server: McpServer, deps: DocsServerDeps): void {
  registerPageResource(server, deps);
  registerIndexResource(server, deps);
  // Last: registerResource installs the SDK's unpaginated list handler, which this replaces.
  installPaginatedResourceList(server, deps);
}
