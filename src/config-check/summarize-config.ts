import type { TextPosition } from './parse-config-yaml.js';
import { readRecord } from './read-record.js';
import type { AppSummary, RouteSummary, ServiceSummary, YamlPath } from './types.js';

export interface ConfigSummary {
  apps: AppSummary[];
  services: ServiceSummary[];
  routes: RouteSummary[];
}

/** The apps, services and routes the config defines, as written (checks report problems separately). */
export function summarizeConfig(data: unknown, locate: (path: YamlPath) => TextPosition | undefined): ConfigSummary {
  const root = readRecord(data);
  const lineOf = (path: YamlPath) => {
    const line = locate(path)?.line;
    return line === undefined ? {} : { line };
  };
  const apps = Object.entries(readRecord(root.applications)).map(([name, value]): AppSummary => {
    const app = readRecord(value);
    const stack = listStackRuntimes(app.stack);
    return {
      name,
      ...(typeof app.type === 'string' ? { type: app.type } : {}),
      ...(stack.length > 0 ? { stack } : {}),
      ...lineOf(['applications', name]),
      relationships: Object.keys(readRecord(app.relationships)),
      mounts: Object.keys(readRecord(app.mounts)),
    };
  });
  const services = Object.entries(readRecord(root.services)).map(([name, value]): ServiceSummary => {
    const type = readRecord(value).type;
    return { name, ...(typeof type === 'string' ? { type } : {}), ...lineOf(['services', name]) };
  });
  const routes = Object.entries(readRecord(root.routes)).map(([url, value]): RouteSummary => {
    const route = readRecord(value);
    const text = (key: string) => (typeof route[key] === 'string' ? { [key]: route[key] as string } : {});
    return { url, ...text('type'), ...text('upstream'), ...text('to'), ...lineOf(['routes', url]) };
  });
  return { apps, services, routes };
}

function listStackRuntimes(stack: unknown): string[] {
  const items = Array.isArray(stack) ? stack : readRecord(stack).runtimes;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item): string[] => {
    if (typeof item === 'string') return Array.isArray(stack) && !item.includes('@') ? [] : [item];
    const keys = Object.keys(readRecord(item));
    return keys.length === 1 ? keys : [];
  });
}
