import { loadYaml } from './load-yaml.js';
import type { CheckedDocument } from './merge-config-documents.js';
import { readRecord } from './read-record.js';
import type { ConfigFileKind, Finding } from './types.js';

const FILE_NAMES: Readonly<Record<ConfigFileKind, string>> = {
  upsun: '`.upsun/config.yaml`',
  'platformsh-app': '`.platform.app.yaml`',
  'platformsh-applications': '`.platform/applications.yaml`',
  'platformsh-services': '`.platform/services.yaml`',
  'platformsh-routes': '`.platform/routes.yaml`',
};

/** Lines of the Upsun shape shown at most; the rest is summarised (the model needs the shape, not every script). */
const MAX_SHAPE_LINES = 80;

/**
 * One note that says the input is Upsun Fixed (Platform.sh) configuration, which files it looks like, that
 * it was checked as the Upsun config it maps to, and where the migration is explained. Nothing for plain
 * `.upsun/config.yaml` input.
 */
export function describeFixedInput(documents: CheckedDocument[]): Finding[] {
  if (documents.every((d) => d.mapped.kind === 'upsun')) return [];
  const files = documents.map((document) => {
    const root = readRecord(document.mapped.data);
    const names = (section: string) => Object.keys(readRecord(root[section])).map((n) => `\`${n}\``).join(', ');
    const detail =
      document.mapped.kind === 'platformsh-app' || document.mapped.kind === 'platformsh-applications'
        ? ` (app ${names('applications')})`
        : document.mapped.kind === 'platformsh-services'
          ? ` (services ${names('services')})`
          : '';
    const where = documents.length > 1 ? ` at line ${document.line}` : '';
    return `${FILE_NAMES[document.mapped.kind]}${detail}${where}`;
  });
  return [
    {
      severity: 'info',
      code: 'platformsh-file',
      path: '',
      message:
        `This is Upsun Fixed (Platform.sh) configuration: ${joinAnd(files)}. Upsun reads one \`.upsun/config.yaml\` with ` +
        'top-level `applications`, `services` and `routes` (apps keyed by name, no `name:` or `disk:`); the content was ' +
        'checked as the Upsun config it maps to, shown below. To migrate, run `upsun convert` or follow the migration ' +
        'guide; the `migrate-from-platformsh` prompt walks through it.',
      docs: { path: 'learn/tutorials/migrating/from-fixed.md', anchor: '3-convert-your-configuration-files' },
    },
  ];
}

/**
 * The `.upsun/config.yaml` the input maps to, as YAML, cut after {@link MAX_SHAPE_LINES} lines. Mounts are
 * written with `source: instance`, what `local` is an alias of (`learn/tutorials/migrating/from-fixed.md`).
 */
export function renderUpsunShape(data: unknown): string {
  const asInstance = (key: unknown, value: unknown) => (key === 'source' && value === 'local' ? 'instance' : value);
  const text = loadYaml().stringify(data, asInstance, { lineWidth: 0, aliasDuplicateObjects: false });
  const lines = text.trimEnd().split('\n');
  if (lines.length <= MAX_SHAPE_LINES) return `${lines.join('\n')}\n`;
  return `${lines.slice(0, MAX_SHAPE_LINES).join('\n')}\n# … ${lines.length - MAX_SHAPE_LINES} more lines\n`;
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
