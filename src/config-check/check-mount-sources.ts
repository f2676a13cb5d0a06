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
