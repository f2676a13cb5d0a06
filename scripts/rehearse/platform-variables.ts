// The environment Upsun gives the build hook and the running app, from the table in
// development/variables/use-variables.md ("Use provided variables": the Build and Runtime columns).
// The docs' vendor prefix for these is PLATFORM_ (sites/upsun/config/_default/params.yaml, env_prefix).
import { dirname } from 'node:path';
import type { RehearsalPlan, RehearsalRoute } from './rehearsal-plan.js';

export interface RehearsalSite {
  /** PLATFORM_APP_DIR: where the app tree is (/app on Upsun). */
  appDir: string;
  /** PLATFORM_CACHE_DIR, build only. */
  cacheDir: string;
  /** The container's own /tmp: TMPDIR for every step. */
  tmpDir: string;
  treeId: string;
  /** The domain `{default}` stands for. */
  publicHost: string;
  projectEntropy: string;
}

/**
 * The caller's proxy settings, passed to the build only: they stand for the network egress a build has on
 * Upsun. npm's own npm_config_* variables are not: under `npm run` or `npx` they describe the caller's npm
 * command and would change what the hook's `npm ci` does.
 */
const NETWORK_VARIABLE = /^(https?_proxy|no_proxy|all_proxy)$/i;

const base64Json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

/**
 * The config pins paths under /app, Upsun's app directory. The rehearsal's app directory is elsewhere, so
 * a value that is /app or starts with /app/ is moved there; every other value is passed as written.
 */
export function mapAppPath(value: string, appDir: string): string {
  return value === '/app' || value.startsWith('/app/') ? appDir + value.slice('/app'.length) : value;
}

function commonVariables(plan: RehearsalPlan, site: RehearsalSite): Record<string, string> {
  return {
    PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    // On Upsun the app user's home is the app directory.
    HOME: site.appDir,
    TMPDIR: site.tmpDir,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    PLATFORM_APP_DIR: site.appDir,
    PLATFORM_APPLICATION_NAME: plan.appName,
    PLATFORM_PROJECT: 'rehearsal',
    PLATFORM_PROJECT_ENTROPY: site.projectEntropy,
    PLATFORM_TREE_ID: site.treeId,
    PLATFORM_VARIABLES: base64Json({}),
    ...Object.fromEntries(Object.entries(plan.variablesEnv).map(([name, value]) => [name, mapAppPath(value, site.appDir)])),
  };
}

/** Build-time variables: no routes, relationships, branch or port; PLATFORM_APPLICATION without what only deploys read. */
export function buildVariables(plan: RehearsalPlan, site: RehearsalSite, callerEnv: NodeJS.ProcessEnv): Record<string, string> {
  const { web: _web, crons: _crons, access: _access, relationships: _relationships, firewall: _firewall, ...buildApp } = plan.app;
  const hooks = (plan.app.hooks ?? {}) as Record<string, unknown>;
  const network = Object.fromEntries(Object.entries(callerEnv).filter((entry): entry is [string, string] => NETWORK_VARIABLE.test(entry[0]) && entry[1] !== undefined));
  return {
    ...network,
    ...commonVariables(plan, site),
    CI: 'true',
    PLATFORM_APPLICATION: base64Json({ ...buildApp, name: plan.appName, hooks: { build: hooks.build } }),
    PLATFORM_CACHE_DIR: site.cacheDir,
    PLATFORM_OUTPUT_DIR: site.appDir,
    PLATFORM_VENDOR: 'upsun',
  };
}

/** Runtime variables: what the web command, the deploy hook, crons and SSH sessions see. */
export function runtimeVariables(plan: RehearsalPlan, site: RehearsalSite, port: number): Record<string, string> {
  return {
    ...commonVariables(plan, site),
    PORT: String(port),
    PLATFORM_APPLICATION: base64Json({ ...plan.app, name: plan.appName }),
    PLATFORM_APP_COMMAND: plan.startCommand,
    PLATFORM_BRANCH: 'main',
    PLATFORM_ENVIRONMENT: 'main-rehearsal',
    PLATFORM_ENVIRONMENT_TYPE: 'production',
    PLATFORM_ROUTES: base64Json(routesDocument(plan.routes, site.publicHost)),
    PLATFORM_RELATIONSHIPS: base64Json({}),
    PLATFORM_SMTP_HOST: '',
  };
}

/** `https://{default}/` with the public domain put in: the URL a route answers. */
export function resolveRouteUrl(pattern: string, publicHost: string): string {
  return pattern.replaceAll('{default}', publicHost).replaceAll('{all}', publicHost);
}

/** PLATFORM_ROUTES: resolved URL → the route, with `original_url` (define-routes/_index.md). */
export function routesDocument(routes: RehearsalRoute[], publicHost: string): Record<string, unknown> {
  return Object.fromEntries(
    routes.map((route, position) => [
      resolveRouteUrl(route.original, publicHost),
      {
        type: route.type,
        original_url: route.original,
        primary: position === 0,
        id: null,
        attributes: {},
        ...(route.upstream && { upstream: route.upstream.split(':')[0] }),
        ...(route.to && { to: resolveRouteUrl(route.to, publicHost) }),
      },
    ]),
  );
}
