import type { DocsRef } from './types.js';

const SINGLE_RUNTIME = 'create-apps/app-reference/single-runtime-image.md';
const COMPOSABLE = 'create-apps/app-reference/composable-image.md';
const PROPERTIES = 'create-apps/image-properties';
const SERVICES = 'add-services/_index.md';
const ROUTES = 'define-routes/_index.md';

/**
 * Where each `.upsun/config.yaml` key is explained, as source paths under `sites/upsun/src` plus heading
 * ids. `*` stands for a name the user picks (app, service, route, mount path, location, cron, worker).
 * Built from the application-properties tables in `single-runtime-image.md` and `composable-image.md`,
 * `add-services/_index.md#service-options` and `define-routes/_index.md#route-configuration-reference`.
 * test/config-check/docs-for-key.test.ts checks every page and anchor against the bundled docs.
 */
export const DOCS_FOR_KEY: Readonly<Record<string, DocsRef>> = {
  applications: { path: 'learn/overview/yaml/yaml-structure.md', anchor: 'top-level-keys' },
  'applications.*': { path: SINGLE_RUNTIME, anchor: 'primary-application-properties' },
  'applications.*.type': { path: SINGLE_RUNTIME, anchor: 'types' },
  'applications.*.stack': { path: COMPOSABLE, anchor: 'stack' },
  'applications.*.container_profile': { path: `${PROPERTIES}/container_profile.md` },
  'applications.*.relationships': { path: `${PROPERTIES}/relationships.md` },
  'applications.*.mounts': { path: `${PROPERTIES}/mounts.md`, anchor: 'define-a-mount' },
  'applications.*.mounts.*.service': { path: `${PROPERTIES}/mounts.md`, anchor: 'share-a-mount-between-several-apps' },
  'applications.*.web': { path: `${PROPERTIES}/web.md` },
  'applications.*.web.commands': { path: `${PROPERTIES}/web.md`, anchor: 'web-commands' },
  'applications.*.web.commands.pre_start': { path: `${PROPERTIES}/web.md`, anchor: 'pre_start' },
  'applications.*.web.commands.start': { path: `${PROPERTIES}/web.md`, anchor: 'start' },
  'applications.*.web.commands.post_start': { path: `${PROPERTIES}/web.md`, anchor: 'post_start' },
  'applications.*.web.upstream': { path: `${PROPERTIES}/web.md`, anchor: 'upstream' },
  'applications.*.web.locations': { path: `${PROPERTIES}/web.md`, anchor: 'locations' },
  'applications.*.web.locations.*.rules': { path: `${PROPERTIES}/web.md`, anchor: 'rules' },
  'applications.*.web.locations.*.request_buffering': { path: `${PROPERTIES}/web.md`, anchor: 'request-buffering' },
  'applications.*.workers': { path: `${PROPERTIES}/workers.md` },
  'applications.*.timezone': { path: 'create-apps/timezone.md', anchor: 'set-a-cron-timezone' },
  'applications.*.access': { path: `${PROPERTIES}/access.md` },
  'applications.*.variables': { path: `${PROPERTIES}/variables.md` },
  'applications.*.firewall': { path: `${PROPERTIES}/firewall.md` },
  'applications.*.build': { path: SINGLE_RUNTIME, anchor: 'build' },
  'applications.*.dependencies': { path: SINGLE_RUNTIME, anchor: 'dependencies' },
  'applications.*.hooks': { path: `${PROPERTIES}/hooks.md` },
  'applications.*.crons': { path: `${PROPERTIES}/crons.md` },
  'applications.*.crons.*.commands': { path: `${PROPERTIES}/crons.md`, anchor: 'cron-commands' },
  'applications.*.crons.*.spec': { path: `${PROPERTIES}/crons.md`, anchor: 'cron-job-timing' },
  'applications.*.source': { path: `${PROPERTIES}/source.md` },
  'applications.*.source.root': { path: SINGLE_RUNTIME, anchor: 'root-directory' },
  'applications.*.source.operations': { path: 'create-apps/source-operations.md', anchor: 'define-a-source-operation' },
  'applications.*.runtime': { path: SINGLE_RUNTIME, anchor: 'runtime' },
  'applications.*.runtime.extensions': { path: SINGLE_RUNTIME, anchor: 'extensions' },
  'applications.*.runtime.sizing_hints': { path: SINGLE_RUNTIME, anchor: 'sizing-hints' },
  'applications.*.additional_hosts': { path: `${PROPERTIES}/additional_hosts.md` },
  'applications.*.operations': { path: 'create-apps/runtime-operations.md', anchor: 'define-a-runtime-operation' },
  // Deprecated in the schema: resources are set with `upsun resources:set`, not in the file.
  'applications.*.resources': { path: 'manage-resources/adjust-resources.md' },
  services: { path: SERVICES, anchor: 'add-a-service' },
  'services.*': { path: SERVICES, anchor: 'service-options' },
  'services.*.type': { path: SERVICES, anchor: 'service-options' },
  'services.*.configuration': { path: SERVICES, anchor: 'service-options' },
  'services.*.relationships': { path: SERVICES, anchor: 'service-options' },
  'services.*.container_profile': { path: `${PROPERTIES}/container_profile.md` },
  'services.*.resources': { path: SERVICES, anchor: 'resources-cpu-ram-disk' },
  'services.*.size': { path: SERVICES, anchor: 'resources-cpu-ram-disk' },
  routes: { path: ROUTES },
  'routes.*': { path: ROUTES, anchor: 'route-configuration-reference' },
  'routes.*.type': { path: ROUTES, anchor: 'route-configuration-reference' },
  'routes.*.upstream': { path: ROUTES, anchor: 'route-configuration-reference' },
  'routes.*.to': { path: ROUTES, anchor: 'basic-redirect-definition' },
  'routes.*.primary': { path: ROUTES, anchor: 'route-configuration-reference' },
  'routes.*.id': { path: ROUTES, anchor: 'route-identifiers' },
  'routes.*.attributes': { path: ROUTES, anchor: 'route-attributes' },
  'routes.*.cache': { path: 'define-routes/cache.md', anchor: 'cache-configuration-properties' },
  'routes.*.ssi': { path: 'define-routes/ssi.md' },
  'routes.*.redirects': { path: 'define-routes/redirects.md', anchor: 'partial-redirects' },
  'routes.*.tls': { path: 'define-routes/https.md', anchor: 'optional-configure-tls-connections' },
};

/** Docs for a composable app's `type`, which names a Nix channel rather than a runtime. */
export const COMPOSABLE_TYPE_DOCS: DocsRef = { path: COMPOSABLE, anchor: 'type' };
