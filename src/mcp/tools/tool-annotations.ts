import type { ToolAnnotations } from '@modelcontextprotocol/server';

/**
 * Every tool here only reads the bundled index and data files: no side effects, the same answer for the
 * same arguments and index, and no outside world (MCP spec, "Tool annotations").
 */
export const READ_ONLY_TOOL: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
