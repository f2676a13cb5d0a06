import { createRequire } from 'node:module';

// `yaml` is loaded by the first check, not when the server starts (see parse-config-yaml.ts): most sessions
// never check a config. It is CommonJS, so it loads synchronously.
const requireCjs = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;

/** The `yaml` package, loaded on first use. */
export const loadYaml = (): typeof import('yaml') => (yamlModule ??= requireCjs('yaml') as typeof import('yaml'));
