import type { McpServer } from '@modelcontextprotocol/server';
import { withCachedJsonSchema } from '../cached-json-schema.js';
import * as z from 'zod';
import { formatDocsUrl } from '../../config-check/index.js';
import { DEFAULT_EXPLAIN_TOKENS, explainConfig, renderConfigExplanation, type ConfigExplanation } from '../config-explanation.js';
import type { DocsServerDeps } from '../server-deps.js';
import { withArgumentAliases } from './argument-aliases.js';
import { groupThousands } from './group-thousands.js';
import { READ_ONLY_TOOL } from './tool-annotations.js';

const MAX_TOKENS_RANGE = 'must be a whole number of tokens from 200 to 20,000.';

/** Larger than any real config; keeps one call from tying up the server. */
export const MAX_CONFIG_CHARS = 200_000;

export const ExplainConfigInput = withArgumentAliases(
  { config: ['yaml', 'config_yaml', 'file', 'content'], focus: ['question', 'topic', 'key'], max_tokens: ['maxTokens'] },
  z.object({
    config: z
      .string({ error: 'missing. Pass the text of .upsun/config.yaml (the YAML itself, not a file path).' })
      .min(1, 'empty. Pass the text of .upsun/config.yaml.')
      .max(MAX_CONFIG_CHARS, `longer than ${groupThousands(MAX_CONFIG_CHARS)} characters. Pass .upsun/config.yaml alone.`)
      .describe(
        'The full text of .upsun/config.yaml (!include and !archive tags are tolerated), or of Upsun Fixed (Platform.sh) ' +
          'files: .platform.app.yaml, .platform/applications.yaml, services.yaml, routes.yaml, several joined with ---.',
      ),
    focus: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('A key to attach the docs of (mounts, web.locations) or a question; other keys without findings get links only.'),
    max_tokens: z
      .number({ error: MAX_TOKENS_RANGE })
      .int(MAX_TOKENS_RANGE)
      .min(200, MAX_TOKENS_RANGE)
      .max(20_000, MAX_TOKENS_RANGE)
      .optional()
      .describe(`Token budget for the attached docs sections (default ${groupThousands(DEFAULT_EXPLAIN_TOKENS)}, at most 20,000).`),
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
    .describe('The docs sections behind the findings and the focus, as Markdown (other keys: see used_keys).'),
  documents: z
    .array(
      z.object({
        kind: z.enum(['upsun', 'platformsh-app', 'platformsh-applications', 'platformsh-services', 'platformsh-routes']),
        line: z.number(),
      }),
    )
    .describe('What each YAML document of the input is: .upsun/config.yaml or an Upsun Fixed (Platform.sh) file.'),
  upsun_config: z
    .string()
    .optional()
    .describe('For Upsun Fixed (Platform.sh) input: the .upsun/config.yaml it maps to, which is what was checked.'),
});

export const EXPLAIN_CONFIG_CONFIG = {
  title: 'Check and explain an .upsun/config.yaml',
  description:
    'Validates an .upsun/config.yaml against the Upsun config schema, the image registry and the docs (misspelt keys ' +
    'with did-you-mean, retired versions, service upgrades that lose data, relationships/routes/mounts naming ' +
    'nothing), with the YAML path and line of each finding. Also takes Upsun Fixed (Platform.sh) files ' +
    '(.platform.app.yaml, services.yaml, routes.yaml, several as one multi-document YAML) and shows the Upsun config ' +
    'they map to. Returns findings first, the docs sections behind them (and the focus), and links for the other ' +
    'keys. Explain from these and cite the URLs. Same as the explain-config prompt, for hosts without prompts.',
  inputSchema: withCachedJsonSchema(ExplainConfigInput),
  outputSchema: withCachedJsonSchema(ExplainConfigOutput),
  annotations: READ_ONLY_TOOL,
};

export function registerExplainConfigTool(server: McpServer, deps: DocsServerDeps): void {
  server.registerTool('explain_config', EXPLAIN_CONFIG_CONFIG, async (args) => {
    const explanation = await explainConfig(deps, {
      config: args.config,
      ...(args.focus && { focus: args.focus }),
      ...(args.max_tokens !== undefined && { maxTokens: args.max_tokens }),
    });
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
    documents: report.documents,
    ...(report.upsunConfig !== undefined && { upsun_config: report.upsunConfig }),
  };
}
