import { formatYamlPath } from './format-yaml-path.js';
import type { TextPosition } from './parse-config-yaml.js';
import type { Finding, YamlPath } from './types.js';
import { readRecord } from './read-record.js';

/**
 * Platform.sh's `source: local` mounts don't exist on Upsun; the schema only says "not one of the
 * allowed values", which doesn't tell a migrating user what to pick. Wording follows the `source` row of
 * the table in `create-apps/image-properties/mounts.md#define-a-mount`.
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
          severity: 'error',
          code: 'local-mount',
          path: formatYamlPath(sourcePath),
          ...locate(sourcePath),
          message:
            `\`source: local\` is a Platform.sh mount type; Upsun doesn't have it. Pick one of: ` +
            '`storage` (persistent, shared between instances of the app and optionally with other apps; the usual ' +
            'replacement for `local`), `instance` (local to each instance, 8 GB, e.g. for logs), `tmp` (also ' +
            'called `temporary`: ephemeral, may be removed during infrastructure maintenance, at most 8 GB), or ' +
            '`service` (a Network Storage service).',
          docs: { path: 'create-apps/image-properties/mounts.md', anchor: 'define-a-mount' },
        });
      }
    }
  }
  return findings;
}
