import { withCachedJsonSchema } from '../cached-json-schema.js';
import { completable, type GetPromptResult, type McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { DOCS_FOR_KEY } from '../../config-check/index.js';
import { renderConfigReport } from '../../config-check/index.js';
import { explainConfig } from '../config-explanation.js';
import { assertCompletionValue } from '../completion-value.js';
import type { DocsServerDeps } from '../server-deps.js';
import { MAX_CONFIG_CHARS } from '../tools/explain-config.js';
import { sectionMessage, userText } from './prompt-messages.js';

/** Key names to offer for `focus`: the documented keys without the `applications.*.` noise. */
const FOCUS_KEYS = [...new Set(Object.keys(DOCS_FOR_KEY).map((key) => key.replace(/^(applications|services|routes)\.\*\.?/, '')).filter(Boolean))].sort();

export const ExplainConfigPromptArgs = z.object({
  config: z
    .string()
    .min(1, 'config is empty: paste the text of .upsun/config.yaml.')
    .max(MAX_CONFIG_CHARS)
    .describe('The full text of .upsun/config.yaml, or of Upsun Fixed (Platform.sh) files joined with ---.'),
  focus: completable(z.string().describe('What to explain first: a key (mounts, web.locations), an app name or a question.'), (value) => {
    assertCompletionValue(value);
    return FOCUS_KEYS.filter((key) => key.startsWith(value.trim()));
  }).optional(),
});

export const EXPLAIN_CONFIG_PROMPT_CONFIG = {
  title: 'Explain an .upsun/config.yaml',
  description:
    'Checks the config (or Upsun Fixed files) against the schema, the image registry and the docs, then hands the ' +
    'model the report, the docs sections behind the findings and the focus, and a link for every other key, so it ' +
    'explains the file (and fixes its problems) from the docs.',
  argsSchema: withCachedJsonSchema(ExplainConfigPromptArgs),
};

export function registerExplainConfigPrompt(server: McpServer, deps: DocsServerDeps): void {
  server.registerPrompt('explain-config', EXPLAIN_CONFIG_PROMPT_CONFIG, async ({ config, focus }): Promise<GetPromptResult> => {
    const explanation = await explainConfig(deps, { config, ...(focus && { focus }) });
    const instruction = [
      `Explain this Upsun configuration file (.upsun/config.yaml)${focus ? `, starting with: ${focus}` : ''}.`,
      '',
      'Work only from the check report and the docs sections attached after this message; cite the URL of each section you use.',
      'If the attached docs do not cover something, say so rather than guessing (the search_docs tool can find more).',
      '',
      'Answer in this order:',
      '1. What the file sets up: applications, services, routes and how they connect.',
      '2. Every error and warning in the report: its line, what is wrong and the corrected YAML.',
      '3. The settings the file uses, key by key, in plain words.',
      '',
      '```yaml',
      config.trimEnd(),
      '```',
      '',
      renderConfigReport(explanation.report, { includeUsedKeys: false }).trimEnd(),
    ];
    if (explanation.leftOut.length > 0) {
      instruction.push('', 'Docs not attached for lack of room (read them with read_page if needed):', ...explanation.leftOut.map((item) => `- ${item.topics.join(', ')}: ${item.url}`));
    }
    if (explanation.otherKeys.length > 0) {
      instruction.push('', 'The other keys the file uses have no findings; their docs (read_page a URL when you explain that key):', ...explanation.otherKeys.map((item) => `- \`${item.key}\`: ${item.url}`));
    }
    return {
      description: `Explain .upsun/config.yaml with ${explanation.sections.length} docs sections`,
      messages: [userText(instruction.join('\n')), ...explanation.sections.map(sectionMessage)],
    };
  });
}
