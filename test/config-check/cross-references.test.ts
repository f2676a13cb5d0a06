// Names one part of a config gives another (relationships, routes, mounts), the composable shape, and advice
// that must keep a working config working (deprecated properties, stateful service versions).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { createConfigChecker, type ConfigReport } from '../../src/config-check/index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';

let report: ConfigReport;
beforeAll(() => {
  const checker = createConfigChecker({
    schema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
    registry: loadImageRegistry(DATA_PATHS.imageRegistry),
  });
  report = checker.check(readFileSync(join(import.meta.dirname, '../fixtures/configs/cross-references.yaml'), 'utf8'));
});

const at = (path: string) => report.findings.filter((f) => f.path === path);

test.each([
  ['applications.app.relationships.search', 'error', 'unknown-relationship-target', /No service or app is named `search`/],
  ['applications.app.relationships.files', 'error', 'network-storage-relationship', /through a mount \(`source: service`/],
  ['applications.app.relationships.cache.endpoint', 'warning', 'unknown-endpoint', /no endpoint `memcache`\. Its endpoints: `redis`/],
  ['applications.app.mounts.web/uploads.service', 'error', 'unknown-mount-service', /only work with a `network-storage` service/],
  ['applications.app.mounts.web/private.service', 'error', 'unknown-mount-service', /No service is named `missing-storage`/],
  ['routes."https://api.{default}/".upstream', 'error', 'unknown-route-target', /No app is named `backend`/],
  ['applications.worker-app.type', 'error', 'composable-type-required', /type: "composable:<channel>"/],
  ['applications.tools.stack', 'warning', 'flat-stack-list', /`stack\.runtimes`.*`stack\.packages`/s],
] as const)('%s: %s %s', (path, severity, code, says) => {
  const [finding] = at(path);
  expect(finding).toMatchObject({ severity, code });
  expect(finding?.message).toMatch(says);
  expect(finding?.line).toBeGreaterThan(0);
});

test('names that exist raise nothing: the legacy "service:endpoint" form, an app-to-app relationship, a route to Varnish', () => {
  expect(at('applications.app.relationships.database')).toEqual([]);
  expect(at('applications.app.relationships.api.service')).toEqual([]);
  expect(at('routes."https://{default}/".upstream')).toEqual([]);
  expect(at('routes."https://app.{default}/".upstream')).toEqual([]);
});

test('each deprecated property gets the advice written for it, never "remove it"', () => {
  const message = (path: string) => at(path)[0]?.message ?? '';
  expect(message('applications.app.crons.cleanup.cmd')).toMatch(/move the command to `commands\.start`/);
  expect(message('applications.app.web.document_root')).toMatch(/web\.locations\['\/'\]\.root/);
  expect(message('applications.app.web.passthru')).toMatch(/web\.locations\['\/'\]\.passthru/);
  expect(message('applications.app.web.whitelist')).toMatch(/`rules` of a location/);
  expect(at('services.rabbit.access')[0]).toMatchObject({ severity: 'info' });
  for (const finding of report.findings.filter((f) => f.code === 'deprecated-property')) {
    expect(finding.message).not.toMatch(/resources:set|Remove `/);
  }
});

test('stateful service versions follow each service\'s documented upgrade rule, never "use the newest"', () => {
  const message = (path: string) => at(path)[0]?.message ?? '';
  expect(message('services.db.type')).toMatch(/deletes the service and its data.*Export the data.*10\.6 → 11\.4 → 11\.8 → 12\.3/s);
  expect(message('services.rabbit.type')).toMatch(/Skipping versions is not supported.*3\.12 → 4\.2 → 4\.3/s);
  expect(message('services.shared.type')).toMatch(/permanently deletes.*Add a second network-storage service/s);
  expect(message('services.sessions.type')).toMatch(/keeps data.*one version at a time \(7\.2 → 8\.0 → 8\.8\)/s);
  for (const path of ['services.db.type', 'services.rabbit.type', 'services.shared.type', 'services.sessions.type']) {
    expect(message(path)).not.toContain('Use a supported version');
  }
  expect(at('services.db.type')[0]?.docs).toEqual({ path: 'add-services/mysql/_index.md', anchor: 'upgrade-change-or-downgrade-a-service' });
});
