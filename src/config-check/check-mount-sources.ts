import { formatYamlPath } from './format-yaml-path.js';
import type { TextPosition } from './parse-config-yaml.js';
import type { Finding, YamlPath } from './types.js';
import { readRecord } from './read-record.js';

/**
 * Platform.sh's `source: local` mounts still work on Upsun, as an alias of `instance`
 * (`learn/tutorials/migrating/from-fixed.md`), though the schema rejects the value. So this is a warning
 * that recommends `instance`, and says why `storage` is not the same thing (it is shared between
 * instances: `create-apps/image-properties/mounts.md#define-a-mount`).
 */
export function checkMountSources(data: unknown, locate: (path: YamlPath) => TextPosition | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const [appName, app] of Object.entries(readRecord(readRecord(data).applications))) {
    const appRecord = readRecord(app);
    const places: Array<{ mounts: unknown; path: YamlPath }> = [
      { mounts: appRecord.mounts, path: ['applications', appName, 'mounts'] },
      { mounts: readRecord(appRecord.web).mounts, path: ['applications', appName, 'web', 'mounts'] },
      ...Object.entries(readRecord(appRecord.workers)).map(([worker, value]) => ({
        mounts: readRecord(value).mounts,
        path: ['applications', appName, 'workers', worker, 'mounts'],
      })),
    ];
    for (const { mounts, path } of places) {
      for (const [mountPath, mount] of Object.entries(readRecord(mounts))) {
        if (typeof mount === 'string') {
          findings.push(describeLegacyMount(mount, [...path, mountPath], locate));
          continue;
        }
        if (readRecord(mount).source !== 'local') continue;
        const sourcePath = [...path, mountPath, 'source'];
        findings.push({
          severity: 'warning',
          code: 'local-mount',
          path: formatYamlPath(sourcePath),
          ...locate(sourcePath),
          message:
            '`source: local` is the Platform.sh (Upsun Fixed) mount type. Upsun still accepts it as an alias of ' +
            '`instance` (a mount local to each instance of the app), which is what it does today; write ' +
            '`source: instance` to say so. Only pick `storage` if the files must be shared between instances or ' +
            'apps: it is a different behaviour, not a rename.',
          docs: { path: 'learn/tutorials/migrating/from-fixed.md', anchor: '7-import-files' },
        });
      }
    }
  }
  return findings;
}

/**
 * `'web/files': 'shared:files/files'` is the Platform.sh string form of a mount (a `local` mount with a
 * `source_path`); the schema only says "must be a mapping", which doesn't say what to write.
 */
function describeLegacyMount(value: string, path: YamlPath, locate: (path: YamlPath) => TextPosition | undefined): Finding {
  const sourcePath = /^shared:files\/?(.*)$/.exec(value.trim())?.[1];
  const mapping = sourcePath !== undefined ? `{source: instance, source_path: ${sourcePath === '' ? '""' : sourcePath}}` : '{source: instance, source_path: <folder>}';
  return {
    severity: 'error',
    code: 'legacy-mount',
    path: formatYamlPath(path),
    ...locate(path),
    message:
      `\`${value}\` is the old Platform.sh string form of a mount; a mount is a mapping. Write \`${mapping}\`: ` +
      '`shared:files` was a `local` mount, which is `instance` on Upsun (pick `storage` only to share the files ' +
      'between instances or apps).',
    docs: { path: 'create-apps/image-properties/mounts.md', anchor: 'define-a-mount' },
  };
}
