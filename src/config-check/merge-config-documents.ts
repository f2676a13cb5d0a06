import { formatYamlPath } from './format-yaml-path.js';
import type { ParsedConfig, TextPosition } from './parse-config-yaml.js';
import type { MappedDocument } from './read-platformsh-config.js';
import { TOP_LEVEL_KEYS } from './check-top-level-keys.js';
import type { Finding, YamlPath } from './types.js';

/** One parsed document and the Upsun shape it maps to. */
export interface CheckedDocument {
  line: number;
  config: ParsedConfig;
  mapped: MappedDocument;
}

/** Several documents seen as the one `.upsun/config.yaml` they amount to. */
export interface MergedConfig {
  data: unknown;
  /** Where an Upsun path is written in the pasted text. */
  locate(path: YamlPath): TextPosition | undefined;
  /** Upsun paths whose content comes from an `!include`d YAML file. */
  unchecked: YamlPath[];
  /** One note per `!include` of YAML, which can't be checked from this text. */
  includeNotes: Finding[];
  /** One note per Upsun Fixed key left out of the Upsun shape (`disk`, `size`, `resources`). */
  droppedNotes: Finding[];
}

/**
 * Merges the documents the way Upsun merges the files of `.upsun/` (`learn/overview/yaml/yaml-structure.md`):
 * entries of `applications`, `services` and `routes` are combined; each entry remembers the document it came
 * from, so findings point at the line where it is written. A single Upsun document is passed through as is.
 */
export function mergeConfigDocuments(documents: CheckedDocument[]): MergedConfig {
  const owners = new Map<string, CheckedDocument>();
  const first = documents[0];
  let data: unknown;
  if (documents.length === 1 && first) {
    data = first.mapped.data;
  } else {
    const merged: Record<string, unknown> = {};
    for (const document of documents) {
      const root = document.mapped.data;
      if (typeof root !== 'object' || root === null || Array.isArray(root)) continue;
      for (const [key, value] of Object.entries(root)) {
        const isSection = (TOP_LEVEL_KEYS as readonly string[]).includes(key);
        if (isSection && typeof value === 'object' && value !== null && !Array.isArray(value)) {
          merged[key] = { ...(merged[key] as Record<string, unknown> | undefined), ...value };
          for (const name of Object.keys(value)) owners.set(`${key}\u0000${name}`, document);
        } else {
          merged[key] = value;
        }
        if (!owners.has(key)) owners.set(key, document);
      }
    }
    data = merged;
  }
  const ownerOf = (path: YamlPath): CheckedDocument | undefined =>
    (path.length >= 2 ? owners.get(`${String(path[0])}\u0000${String(path[1])}`) : undefined) ??
    (path.length >= 1 ? owners.get(String(path[0])) : undefined) ??
    first;
  const locate = (path: YamlPath): TextPosition | undefined => {
    const owner = ownerOf(path);
    return owner?.config.locate(owner.mapped.toSourcePath(path));
  };

  const unchecked: YamlPath[] = [];
  const includeNotes: Finding[] = [];
  const droppedNotes: Finding[] = [];
  for (const document of documents) {
    const { config, mapped } = document;
    unchecked.push(...config.unchecked.map((path) => mapped.toUpsunPath(path)));
    for (const tagged of config.tagged) {
      if (tagged.contentType !== 'yaml') continue;
      includeNotes.push({
        severity: 'info',
        code: 'unchecked-include',
        path: formatYamlPath(mapped.toUpsunPath(tagged.path)),
        ...config.locate(tagged.path),
        message: `\`!include\`${tagged.target ? ` of \`${tagged.target}\`` : ''} was not checked: its content is in another file. Check that file's keys against the same rules.`,
        docs: { path: 'learn/overview/yaml/platform-yaml-tags.md', anchor: 'include' },
      });
    }
    for (const { path, value } of mapped.dropped) {
      const key = String(path.at(-1));
      droppedNotes.push({
        severity: 'info',
        code: 'platformsh-only-key',
        path: formatYamlPath(path),
        ...config.locate(mapped.toSourcePath(path)),
        message:
          `\`${key}${typeof value === 'object' ? '' : `: ${String(value)}`}\` is an Upsun Fixed setting: Upsun sets CPU, RAM ` +
          'and disk with `upsun resources:set`, so it is left out of `.upsun/config.yaml`.',
        docs: { path: 'learn/tutorials/migrating/from-fixed.md', anchor: 'key-functions' },
      });
    }
  }
  return { data, locate, unchecked, includeNotes, droppedNotes };
}
