import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface CountUsableCpusOptions {
  /** CPUs the scheduler lets this process run on (default `os.availableParallelism()`). */
  parallelism?: number;
  /** Reads a cgroup file; undefined when it does not exist (default: readFileSync, ENOENT as undefined). */
  readCgroupFile?: (path: string) => string | undefined;
}

/**
 * CPUs this process may use: the CPUs it may be scheduled on, capped by a container's CPU quota. A container
 * (Upsun's included) often sees every CPU of its host through `availableParallelism()` while its cgroup allows
 * it a fraction of them: a worker per host CPU would multiply memory for no throughput. The quota is read
 * from cgroup v2 (`cpu.max`: "<quota> <period>" or "max <period>") or v1 (`cpu.cfs_quota_us`, -1 for none,
 * and `cpu.cfs_period_us`), rounded up: 1.5 CPUs of quota run two workers.
 */
export function countUsableCpus({ parallelism = availableParallelism(), readCgroupFile = readIfPresent }: CountUsableCpusOptions = {}): number {
  const quota = readCpuQuota(readCgroupFile);
  return Math.max(1, quota === undefined ? parallelism : Math.min(parallelism, Math.ceil(quota)));
}

function readCpuQuota(read: (path: string) => string | undefined): number | undefined {
  const v2 = read('/sys/fs/cgroup/cpu.max')?.trim().split(/\s+/);
  if (v2 && v2.length === 2) return v2[0] === 'max' ? undefined : ratio(Number(v2[0]), Number(v2[1]));
  const quota = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us'));
  const period = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_period_us'));
  return quota > 0 ? ratio(quota, period) : undefined;
}

function ratio(quota: number, period: number): number | undefined {
  return quota > 0 && period > 0 ? quota / period : undefined;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // No such file: this cgroup version or controller is not mounted here, so it sets no quota.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EACCES') return undefined;
    throw new Error(`Cannot read the CPU quota in ${path}: ${(error as Error).message}`, { cause: error });
  }
}
