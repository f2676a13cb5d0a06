import { DATA_PATHS } from './paths.js';

/** Settings from the environment; entry points read `process.env` and pass it here. */
export interface RuntimeConfig {
  /** The index file to serve and to write (`UPSUN_DOCS_INDEX`, default data/index.sqlite). */
  indexFile: string;
}

export function readConfig(env: Record<string, string | undefined>): RuntimeConfig {
  return {
    indexFile: env.UPSUN_DOCS_INDEX || DATA_PATHS.defaultIndex,
  };
}
