import { COMPOSABLE_TYPE_DOCS, DOCS_FOR_KEY } from './docs-for-key.js';
import { formatYamlPath } from './format-yaml-path.js';
import type { TextPosition } from './parse-config-yaml.js';
import { readRecord } from './read-record.js';
import type { Finding, YamlPath } from './types.js';

const STACK_DOCS = DOCS_FOR_KEY['applications.*.stack'] ?? { path: 'create-apps/app-reference/composable-image.md', anchor: 'stack' };

/**
 * The composable image's two required properties go together (`composable-image.md#primary-application-properties`):
 * `stack` needs `type: composable:<channel>`, and the docs define `stack` with distinct `runtimes` and
 * `packages` keys (`#stack`), replacing the older flat list.
 */
export function checkComposableShape(
  data: unknown,
  locate: (path: YamlPath) => TextPosition | undefined,
  latestChannel = '<channel>',
): Finding[] {
  const findings: Finding[] = [];
  for (const [name, value] of Object.entries(readRecord(readRecord(data).applications))) {
    const app = readRecord(value);
    const type = typeof app.type === 'string' ? app.type.trim() : undefined;
    const composable = type?.startsWith('composable:') ?? false;
    const appPath = ['applications', name];
    const at = (path: YamlPath) => ({ path: formatYamlPath(path), ...locate(path) });
    if ('stack' in app && type === undefined) {
      findings.push({
        severity: 'error',
        code: 'composable-type-required',
        ...at(appPath),
        message:
          `\`${name}\` has a \`stack\` but no \`type\`. A composable app needs \`type: "composable:<channel>"\` ` +
          `(the Nix channel, for example \`composable:${latestChannel}\`); see the supported channels.`,
        docs: COMPOSABLE_TYPE_DOCS,
      });
    }
    if ('stack' in app && !composable && type !== undefined) {
      findings.push({
        severity: 'error',
        code: 'composable-type-required',
        ...at([...appPath, 'type']),
        message:
          `\`stack\` belongs to the composable image, but this app's type is \`${type}\`. Write ` +
          '`type: "composable:<channel>"` (see the supported Nix channels) and list the runtime under ' +
          '`stack.runtimes`, or remove `stack` to keep the single-runtime image.',
        docs: COMPOSABLE_TYPE_DOCS,
      });
    }
    if (composable && !('stack' in app)) {
      findings.push({
        severity: 'warning',
        code: 'missing-property',
        ...at(appPath),
        message: 'A composable app needs `stack` (its `runtimes` and/or `packages`); without it nothing is installed.',
        docs: STACK_DOCS,
      });
    }
    if (Array.isArray(app.stack)) {
      findings.push({
        severity: 'warning',
        code: 'flat-stack-list',
        ...at([...appPath, 'stack']),
        message:
          '`stack` is written as one flat list. The docs now define it with two keys: `stack.runtimes` for ' +
          'Upsun-supported runtimes (`php@8.4`, with their `extensions`) and `stack.packages` for other Nixpkgs ' +
          'packages. Move each entry under the right key.',
        docs: STACK_DOCS,
      });
    }
  }
  return findings;
}
