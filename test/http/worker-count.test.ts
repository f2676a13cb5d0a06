// How many worker processes `serve --http` runs: the setting as a user writes it, and the CPUs a container allows.
import { expect, test } from 'vitest';
import { readHttpConfig } from '../../src/config.js';
import { countUsableCpus } from '../../src/transports/http/cluster/count-usable-cpus.js';

test('UPSUN_DOCS_WORKERS takes auto or a whole number, and a bad value names the variable and the fix', () => {
  expect(readHttpConfig({}).workers).toBe('auto');
  expect(readHttpConfig({ UPSUN_DOCS_WORKERS: 'auto' }).workers).toBe('auto');
  expect(readHttpConfig({ UPSUN_DOCS_WORKERS: '1' }).workers).toBe(1);
  expect(readHttpConfig({ UPSUN_DOCS_WORKERS: ' 4 ' }).workers).toBe(4);
  for (const bad of ['0', '-2', '1.5', 'two', '1000']) {
    expect(() => readHttpConfig({ UPSUN_DOCS_WORKERS: bad })).toThrow(new RegExp(`UPSUN_DOCS_WORKERS='${bad}' is not valid: use auto .* or a whole number from 1 \\(a single process\\)`));
  }
});

/** cgroup files as a container would show them; absent ones are undefined, as when the file does not exist. */
const cgroup = (files: Record<string, string>) => (path: string) => files[path];

test('auto runs one worker per CPU, capped by the container CPU quota (cgroup v2 and v1), rounded up', () => {
  expect(countUsableCpus({ parallelism: 8, readCgroupFile: cgroup({}) })).toBe(8);
  expect(countUsableCpus({ parallelism: 8, readCgroupFile: cgroup({ '/sys/fs/cgroup/cpu.max': 'max 100000\n' }) })).toBe(8);
  expect(countUsableCpus({ parallelism: 32, readCgroupFile: cgroup({ '/sys/fs/cgroup/cpu.max': '200000 100000\n' }) })).toBe(2);
  expect(countUsableCpus({ parallelism: 32, readCgroupFile: cgroup({ '/sys/fs/cgroup/cpu.max': '150000 100000\n' }) })).toBe(2);
  expect(countUsableCpus({ parallelism: 32, readCgroupFile: cgroup({ '/sys/fs/cgroup/cpu.max': '50000 100000\n' }) })).toBe(1);
  expect(countUsableCpus({ parallelism: 2, readCgroupFile: cgroup({ '/sys/fs/cgroup/cpu.max': '400000 100000\n' }) })).toBe(2);
  const v1 = { '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '300000\n', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000\n' };
  expect(countUsableCpus({ parallelism: 16, readCgroupFile: cgroup(v1) })).toBe(3);
  expect(countUsableCpus({ parallelism: 16, readCgroupFile: cgroup({ ...v1, '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1\n' }) })).toBe(16);
});
