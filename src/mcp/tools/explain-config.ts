import type { McpServer } from '@modelcontextprotocol/server';
import { withCachedJsonSchema } from '../cached-json-schema.js';
import * as z from 'zod';
import { formatDocsUrl } from '../../config-check/index.js';
import { explainConfig, renderConfigExplanation, type ConfigExplanation } from '../config-explanation.js';
import type { DocsServerDeps } from '../server-deps.js';
import { withArgumentAliases } from './argument-aliases.js';
import { groupThousands } from './group-thousands.js';
import { READ_ONLY_TOOL } from './tool-annotations.js';

/** Larger than any real config; keeps one call from tying up the server. */
export const MAX_CONFIG_CHARS = 200_000;

export const ExplainConfigInput = withArgumentAliases(
  { config: ['yaml', 'config_yaml', 'file', 'content'], focus: ['question', 'topic', 'key'] },
  z.object({
    config: z
      .string({ error: 'missing. Pass the text of .upsun/config.yaml (the YAML itself, not a file path).' })
      .min(1, 'empty. Pass the text of .upsun/config.yaml.')
      .max(MAX_CONFIG_CHARS, `longer than ${groupThousands(MAX_CONFIG_CHARS)} characters. Pass .upsun/config.yaml alone.`)
      .describe('The full text of .upsun/config.yaml (YAML; !include and !archive tags are tolerated).'),
    focus: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('What to explain first: a key (mounts, web.locations), an app name or a question.'),
  }),
);

const DocsUrl = z.string().describe('Public docs URL that explains it: cite it.');

export const ExplainConfigOutput = z.object({
  valid: z.boolean().describe('True when no finding is an error.'),
  findings: z.array(
    z.object({
      severity: z.enum(['error', 'warning', 'info']),
      code: z.string(),
      path: z.string().describe('YAML path, e.g. applications.app.mounts.web/uploads.source.'),
      line: z.number().optional(),
      column: z.number().optional(),
      message: z.string(),
      docs_url: DocsUrl.optional(),
    }),
  ),
  apps: z.array(
    z.object({
      name: z.string(),
      type: z.string().optional(),
      stack: z.array(z.string()).optional(),
      line: z.number().optional(),
      relationships: z.array(z.string()),
      mounts: z.array(z.string()),
    }),
  ),
  services: z.array(z.object({ name: z.string(), type: z.string().optional(), line: z.number().optional() })),
  routes: z.array(
    z.object({
      url: z.string(),
      type: z.string().optional(),
      upstream: z.string().optional(),
      to: z.string().optional(),
      line: z.number().optional(),
    }),
  ),
  used_keys: z.array(z.object({ key: z.string().describe('Key path, * for names you choose.'), docs_url: DocsUrl })),
  docs_sections: z
    .array(z.object({ topics: z.array(z.string()), url: z.string(), title: z.string(), markdown: z.string() }))
    .describe('The docs sections behind the findings and keys, as Markdown.'),
});

export const EXPLAIN_CONFIG_CONFIG = {
  title: 'Check and explain an .upsun/config.yaml',
  description:
    'Validates an .upsun/config.yaml against the Upsun config schema and the image registry (misspelt keys with ' +
    'did-you-mean, unknown or retired runtime versions with the supported ones, Platform.sh-only values), with the ' +
    'YAML path and line of each finding, then returns the docs sections for every key the file uses. Explain the ' +
    'config from these sections and cite their URLs. Same as the explain-config prompt, for hosts without prompts.',
  inputSchema: withCachedJsonSchema(ExplainConfigInput),
  outputSchema: withCachedJsonSchema(ExplainConfigOutput),
  annotations: READ_ONLY_TOOL,
};

export function registerExplainConfigTool(server: McpServer, deps: DocsServerDeps): void {
  server.registerTool('explain_config', EXPLAIN_CONFIG_CONFIG, async (args) => {
    const explanation = await explainConfig(deps, { config: args.config, ...(args.focus && { focus: args.focus }) });
    return {
      content: [{ type: 'text', text: renderConfigExplanation(explanation) }],
      structuredContent: toStructured(explanation),
    };
  });
}

function toStructured({ report, sections }: ConfigExplanation): z.infer<typeof ExplainConfigOutput> {
  return {
    valid: report.valid,
    findings: report.findings.map(({ docs, ...finding }) => ({ ...finding, ...(docs && { docs_url: formatDocsUrl(docs) }) })),
    apps: report.apps,
    services: report.services,
    routes: report.routes,
    used_keys: report.usedKeys.map((used) => ({ key: used.key, docs_url: formatDocsUrl(used.docs) })),
    docs_sections: sections.map(({ topics, url, title, markdown }) => ({ topics, url, title, markdown })),
  };
}
