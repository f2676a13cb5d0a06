// What a rehearsal deploys, read from .upsun/config.yaml: the one app's hooks, web start command, variables,
// mounts and crons, and the routes. Every command the rehearsal runs comes from here, never from a copy.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export interface RehearsalMount {
  /** Path in the app tree, relative to the app directory (`var/index`). */
  path: string;
  /** `storage` (shared by instances), `instance`, `tmp`, `service`. */
  source: string;
  sourcePath: string;
}

export interface RehearsalCron {
  name: string;
  command: string;
  timeoutSeconds: number;
  /** Seconds between SIGTERM and SIGKILL when the cron is cancelled (crons.md: default 10). */
  shutdownTimeoutSeconds: number;
}

export interface RehearsalRoute {
  /** The key as written: `https://{default}/`. */
  original: string;
  type: 'upstream' | 'redirect';
  upstream?: string;
  to?: string;
}

export interface RehearsalPlan {
  configFile: string;
  appName: string;
  /** The app's configuration as written, for PLATFORM_APPLICATION. */
  app: Record<string, unknown>;
  buildHook?: string;
  deployHook?: string;
  startCommand: string;
  variablesEnv: Record<string, string>;
  mounts: RehearsalMount[];
  crons: RehearsalCron[];
  routes: RehearsalRoute[];
}

export class RehearsalConfigError extends Error {}

/** Read the config file; one application is rehearsed, so a config with several is refused. */
export function readRehearsalPlan(configFile: string): RehearsalPlan {
  let config: { applications?: Record<string, Record<string, unknown>>; routes?: Record<string, Record<string, unknown>> };
  try {
    config = parseYaml(readFileSync(configFile, 'utf8')) as typeof config;
  } catch (error) {
    throw new RehearsalConfigError(`Cannot read ${configFile}: ${(error as Error).message}`, { cause: error });
  }
  const apps = Object.entries(config?.applications ?? {});
  if (apps.length !== 1) throw new RehearsalConfigError(`${configFile} defines ${apps.length} applications; the rehearsal plays exactly one.`);
  const [appName, app] = apps[0]!;
  const hooks = (app.hooks ?? {}) as { build?: string; deploy?: string };
  const web = (app.web ?? {}) as { commands?: { start?: string } };
  const startCommand = web.commands?.start;
  if (!startCommand) throw new RehearsalConfigError(`${configFile}: applications.${appName}.web.commands.start is missing; a Node.js app needs one.`);
  const variables = (app.variables ?? {}) as { env?: Record<string, unknown> };
  return {
    configFile,
    appName,
    app,
    ...(hooks.build && { buildHook: hooks.build }),
    ...(hooks.deploy && { deployHook: hooks.deploy }),
    startCommand,
    variablesEnv: Object.fromEntries(Object.entries(variables.env ?? {}).map(([name, value]) => [name, String(value)])),
    mounts: Object.entries((app.mounts ?? {}) as Record<string, { source?: string; source_path?: string }>).map(([path, mount]) => ({
      path: path.replace(/^\/+|\/+$/g, ''),
      source: mount.source ?? 'storage',
      sourcePath: mount.source_path ?? path.replace(/^\/+|\/+$/g, ''),
    })),
    crons: Object.entries((app.crons ?? {}) as Record<string, { commands?: { start?: string }; timeout?: number; shutdown_timeout?: number }>).map(([name, cron]) => {
      if (!cron.commands?.start) throw new RehearsalConfigError(`${configFile}: crons.${name}.commands.start is missing.`);
      return { name, command: cron.commands.start, timeoutSeconds: cron.timeout ?? 86_400, shutdownTimeoutSeconds: cron.shutdown_timeout ?? 10 };
    }),
    routes: Object.entries(config.routes ?? {}).map(([original, route]) => {
      if (route.type !== 'upstream' && route.type !== 'redirect') throw new RehearsalConfigError(`${configFile}: route ${original} has type '${String(route.type)}'; the rehearsal's router knows upstream and redirect.`);
      return { original, type: route.type, ...(typeof route.upstream === 'string' && { upstream: route.upstream }), ...(typeof route.to === 'string' && { to: route.to }) };
    }),
  };
}
