// Worker-thread entry of the config-check pool (config-check-pool.ts): runs one check per task, inside the
// pool's memory limit and deadline. Bundled as dist/cli/config-check-worker.js by `npm run build`.
import { workerData, type MessagePort } from 'node:worker_threads';
import { createConfigChecker, type ConfigChecker, type ConfigReport } from '../config-check/index.js';
import { DATA_PATHS } from '../paths.js';
import { loadImageRegistry } from '../registry/image-registry.js';

export interface ConfigCheckTask {
  yamlText: string;
  /** Told when the check itself starts (the schema compiled): the pool's deadline counts from there. */
  started: MessagePort;
}

let checker: ConfigChecker | undefined;

/** Check one config. The schema (from the pool's `workerData`) is compiled on a worker's first task and reused. */
export default function checkConfigTask(task: ConfigCheckTask): ConfigReport {
  checker ??= createConfigChecker({ schema: (workerData as { schema: unknown }).schema, registry: loadImageRegistry(DATA_PATHS.imageRegistry) });
  task.started.postMessage('started');
  task.started.close();
  return checker.check(task.yamlText);
}
