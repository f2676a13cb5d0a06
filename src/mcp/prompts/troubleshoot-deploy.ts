import { withCachedJsonSchema } from '../cached-json-schema.js';
import type { GetPromptResult, McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { toResourceUri } from '../../docs/page-ref.js';
import type { DocsServerDeps } from '../server-deps.js';
import { sectionMessage, userText } from './prompt-messages.js';
import { toSymptomQuery } from './symptom-query.js';

export const TroubleshootDeployArgs = z.object({
  symptom: z
    .string()
    .min(1, 'symptom is empty: describe what goes wrong or paste the failing part of the build or deploy log.')
    .max(50_000)
    .describe('What goes wrong, or an excerpt of the build/deploy log with the error.'),
  config: z.string().max(200_000).optional().describe('The .upsun/config.yaml text, if it may be involved.'),
});

export const TROUBLESHOOT_DEPLOY_PROMPT_CONFIG = {
  title: 'Troubleshoot a build or deploy',
  description:
    'Searches the docs for a symptom or log excerpt and hands the model the best matching sections with a ' +
    'step-by-step diagnosis brief: likely cause, fix, how to verify, with docs URLs.',
  argsSchema: withCachedJsonSchema(TroubleshootDeployArgs),
};

/** Docs sections to attach and their total budget. */
const SECTIONS = 5;
const SECTION_TOKENS = 5_000;

export function registerTroubleshootDeployPrompt(server: McpServer, deps: DocsServerDeps): void {
  server.registerPrompt('troubleshoot-deploy', TROUBLESHOOT_DEPLOY_PROMPT_CONFIG, ({ symptom, config }): GetPromptResult => {
    const query = toSymptomQuery(symptom);
    const found = deps.getIndex().search.search({ query, limit: SECTIONS, maxTokens: SECTION_TOKENS });
    const sections = found.results
      .filter((result) => result.content)
      .map((result) => ({
        uri: `${toResourceUri(result.product, result.path)}${result.anchor ? `#${result.anchor}` : ''}`,
        title: result.heading_path.join(' > '),
        url: result.url,
        markdown: result.content,
      }));
    const brief = [
      'My Upsun build or deploy has a problem. Diagnose it from the docs sections attached after this message.',
      '',
      'What I see:',
      '```',
      symptom.trim(),
      '```',
      ...(config ? ['', 'My .upsun/config.yaml:', '```yaml', config.trimEnd(), '```'] : []),
      '',
      'Answer in this order:',
      '1. Likely cause: the one or two most probable, each tied to a line of the log or the config.',
      '2. Fix: the exact change (YAML, command or setting), with the docs URL it comes from.',
      '3. Verify: how to confirm it worked (command, log line or URL to check).',
      '4. If the attached docs do not explain this symptom, say so, and say which details (full log, config, service versions) would narrow it down; search_docs can look further.',
      '',
      sections.length > 0
        ? `Docs searched for: "${query}". ${sections.length} section(s) attached.`
        : `No docs section matched "${query}". Ask for the exact error line, or use search_docs with other words.`,
    ];
    return {
      description: `Troubleshoot with ${sections.length} docs sections`,
      messages: [userText(brief.join('\n')), ...sections.map(sectionMessage)],
    };
  });
}
