import type { McpServer } from '@modelcontextprotocol/server';
import { withCachedJsonSchema } from '../cached-json-schema.js';
import * as z from 'zod';
import { IMAGE_STATUSES, type ImageRegistry, type ImageVersion, type ImageVersions } from '../../registry/image-registry.js';
import type { DocsServerDeps } from '../server-deps.js';
import { withArgumentAliases } from './argument-aliases.js';
import { READ_ONLY_TOOL } from './tool-annotations.js';

export const ListVersionsInput = withArgumentAliases(
  { image: ['type', 'name', 'runtime', 'service'] },
  z.object({
    image: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('One runtime or service, as in `type: <image>:<version>` (nodejs, php, postgresql, redis, composable…); a full type such as postgresql:16 works too. Omit for all images.'),
  }),
);

const VersionOutput = z.object({
  version: z.string(),
  upstream_eol: z.string().optional().describe('Upstream end-of-life day (YYYY-MM-DD), when known.'),
});

export const ListVersionsOutput = z.object({
  images: z.array(
    z.object({
      name: z.string().describe('The name to use in `type`.'),
      display_name: z.string(),
      kind: z.enum(['runtime', 'service', 'composable']),
      supported: z.array(VersionOutput).describe('Versions you can deploy, newest first.'),
      deprecated: z.array(VersionOutput).describe('Still deploy, but move off them.'),
      retired: z.array(VersionOutput).describe('No longer deploy.'),
      decommissioned: z.array(VersionOutput),
    }),
  ),
});

type ListVersionsResult = z.infer<typeof ListVersionsOutput>;

export const LIST_VERSIONS_CONFIG = {
  title: 'List runtime and service versions',
  description:
    'Runtimes (nodejs, php, python…) and services (postgresql, redis, opensearch…) with their supported, deprecated ' +
    'and retired versions on Upsun and upstream end-of-life dates, from the image registry. Use it for "which ' +
    'versions can I use" and before writing a `type:` value.',
  inputSchema: withCachedJsonSchema(ListVersionsInput),
  outputSchema: withCachedJsonSchema(ListVersionsOutput),
  annotations: READ_ONLY_TOOL,
};

export function registerListVersionsTool(server: McpServer, deps: DocsServerDeps): void {
  server.registerTool('list_versions', LIST_VERSIONS_CONFIG, (args) => {
    const result = listVersions(deps.registry, args.image);
    return { content: [{ type: 'text', text: renderVersions(result) }], structuredContent: result };
  });
}

/** Versions for one image (by name, alias or full `name:version`) or all; throws with suggestions when unknown. */
export function listVersions(registry: ImageRegistry, image: string | undefined): ListVersionsResult {
  const name = image?.replace(/[:@].*$/, '').trim().toLowerCase();
  const found = registry.listVersions(name);
  if (name !== undefined && found.length === 0) {
    // A version-shaped probe makes the registry run its misname table and edit-distance suggestions.
    const check = registry.checkImageType(`${name}:0`);
    const guesses = check.status === 'unknown-image' ? check.didYouMean : [];
    throw new Error(
      `No runtime or service '${image}' in the image registry.` +
        (guesses.length > 0 ? ` Did you mean ${guesses.join(' or ')}?` : '') +
        ' Call list_versions without image to see every name.',
    );
  }
  return { images: found.map(toOutput) };
}

function toOutput(image: ImageVersions): ListVersionsResult['images'][number] {
  const versions = (status: (typeof IMAGE_STATUSES)[number]) =>
    image.versions[status].map((v: ImageVersion) => ({ version: v.version, ...(v.upstreamEol && { upstream_eol: v.upstreamEol }) }));
  return {
    name: image.name,
    display_name: image.displayName,
    kind: image.kind,
    supported: versions('supported'),
    deprecated: versions('deprecated'),
    retired: versions('retired'),
    decommissioned: versions('decommissioned'),
  };
}

/** One block per image: the statuses that have versions, with end-of-life dates, and the `type` to write. */
export function renderVersions(result: ListVersionsResult): string {
  const blocks = result.images.map((image) => {
    const lines = [`${image.display_name} (${image.kind}) — type: ${image.name}:<version>`];
    for (const status of IMAGE_STATUSES) {
      const list = image[status];
      if (list.length === 0) continue;
      lines.push(`  ${status}: ${list.map((v) => (v.upstream_eol ? `${v.version} (upstream EOL ${v.upstream_eol})` : v.version)).join(', ')}`);
    }
    if (image.supported.length === 0) lines.push('  no supported version');
    return lines.join('\n');
  });
  const source = 'Source: image registry (upsun/meta); version lifecycle: https://docs.upsun.com/create-apps/app-reference/single-runtime-image.html#types';
  return `${blocks.join('\n\n')}\n\n${source}`;
}
