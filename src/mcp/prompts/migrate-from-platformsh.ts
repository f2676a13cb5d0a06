import { withCachedJsonSchema } from '../cached-json-schema.js';
import type { GetPromptResult, McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { renderConfigReport } from '../../config-check/index.js';
import { PageNotFoundError } from '../../db/page-store.js';
import { toResourceUri } from '../../docs/page-ref.js';
import { readPage } from '../../docs/read-page.js';
import type { DocsServerDeps } from '../server-deps.js';
import { sectionMessage, userText, type EmbeddableSection } from './prompt-messages.js';

const MAX_FILE_CHARS = 100_000;

export const MigrateFromPlatformshArgs = z.object({
  app: z.string().min(1, 'app is empty: paste the text of .platform.app.yaml.').max(MAX_FILE_CHARS).describe('The text of .platform.app.yaml (or .platform/applications.yaml).'),
  services: z.string().max(MAX_FILE_CHARS).optional().describe('The text of .platform/services.yaml, if any.'),
  routes: z.string().max(MAX_FILE_CHARS).optional().describe('The text of .platform/routes.yaml, if any.'),
});

/**
 * The docs a conversion needs: the migration guide's conversion step, the shape of the Upsun file, and the
 * app/service/route references. Anchors are Hugo heading ids in the bundled snapshot.
 */
const MIGRATION_DOCS: ReadonlyArray<{ path: string; anchor?: string }> = [
  { path: 'learn/tutorials/migrating/from-fixed.md', anchor: '3-convert-your-configuration-files' },
  { path: 'learn/overview/yaml/yaml-structure.md', anchor: 'top-level-keys' },
  { path: 'create-apps/app-reference/single-runtime-image.md', anchor: 'primary-application-properties' },
  { path: 'create-apps/image-properties/mounts.md', anchor: 'define-a-mount' },
  { path: 'add-services/_index.md', anchor: 'service-options' },
  { path: 'define-routes/_index.md', anchor: 'route-configuration-reference' },
];
const SECTION_TOKENS = 1_500;

export const MIGRATE_FROM_PLATFORMSH_PROMPT_CONFIG = {
  title: 'Convert Platform.sh (Upsun Fixed) config to Upsun',
  description:
    'Hands the model your .platform.app.yaml (and services/routes files) with the migration guide and the Upsun ' +
    'config reference sections, to write the equivalent .upsun/config.yaml.',
  argsSchema: withCachedJsonSchema(MigrateFromPlatformshArgs),
};

export function registerMigrateFromPlatformshPrompt(server: McpServer, deps: DocsServerDeps): void {
  server.registerPrompt('migrate-from-platformsh', MIGRATE_FROM_PLATFORMSH_PROMPT_CONFIG, async ({ app, services, routes }): Promise<GetPromptResult> => {
    const sections = readMigrationDocs(deps);
    const file = (name: string, text: string | undefined) => (text ? ['', `${name}:`, '```yaml', text.trimEnd(), '```'] : []);
    // The same checks explain_config runs, on the files as one multi-document YAML: the model starts from
    // the Upsun shape and the findings (retired versions, service upgrades, Fixed-only keys) instead of guessing.
    const report = await deps.configChecker.check([app, services, routes].filter((text): text is string => Boolean(text?.trim())).join('\n---\n'));
    const brief = [
      'Convert my Upsun Fixed (Platform.sh) configuration into one Upsun (Flex) .upsun/config.yaml.',
      'Follow the migration guide and the config reference attached after this message; cite their URLs for each change.',
      ...file('.platform.app.yaml', app),
      ...file('.platform/services.yaml', services),
      ...file('.platform/routes.yaml', routes),
      '',
      'Answer in this order:',
      '1. The complete .upsun/config.yaml, with applications:, services: and routes: top-level keys.',
      '2. Every change you made and why (keys renamed, moved or dropped, such as disk sizes and `size`, which Upsun sets as resources).',
      '3. What to do outside the file (resources, variables, data import), per the guide.',
      'Then check the result with the explain_config tool and fix whatever it reports.',
      '',
      'A first check of these files, read as the Upsun config they map to (start from its shape; act on its findings):',
      '',
      renderConfigReport(report, { includeUsedKeys: false }).trimEnd(),
    ];
    return {
      description: `Convert to .upsun/config.yaml with ${sections.length} docs sections`,
      messages: [userText(brief.join('\n')), ...sections.map(sectionMessage)],
    };
  });
}

function readMigrationDocs(deps: DocsServerDeps): EmbeddableSection[] {
  const store = deps.getIndex().pages;
  const sections: EmbeddableSection[] = [];
  for (const docs of MIGRATION_DOCS) {
    try {
      const part = readPage(store, { reference: docs.path, product: 'upsun', maxTokens: SECTION_TOKENS, ...(docs.anchor && { anchor: docs.anchor }) });
      sections.push({
        uri: `${toResourceUri(part.product, part.path)}${part.anchor ? `#${part.anchor}` : ''}`,
        title: part.anchor ? `${part.title} § ${part.anchor}` : part.title,
        url: part.url,
        markdown: part.markdown,
      });
    } catch (error) {
      // A page or heading renamed upstream leaves the others useful; the test on the bundled docs catches it.
      if (!(error instanceof PageNotFoundError)) throw error;
    }
  }
  return sections;
}
