import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { createConfigChecker } from '../../src/config-check/index.js';
import { minutesBetweenRuns } from '../../src/config-check/check-cron-frequency.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';

const checker = createConfigChecker({
  schema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
  registry: loadImageRegistry(DATA_PATHS.imageRegistry),
});

const withCron = (spec: string) =>
  ['applications:', '  app:', '    type: "nodejs:24"', '    crons:', '      scheduler:', `        spec: "${spec}"`, '        commands:', '          start: "npm run tick"', ''].join('\n');

test('a cron asking for runs more often than every 5 minutes gets a warning at its spec; the file stays valid', () => {
  const report = checker.check(withCron('* * * * *'));
  expect(report.valid).toBe(true);
  expect(report.findings).toEqual([
    expect.objectContaining({ severity: 'warning', code: 'cron-frequency', path: 'applications.app.crons.scheduler.spec', line: 6 }),
  ]);
  expect(report.findings[0]?.message).toContain('runs every 5 minutes');
});

test.each(['*/5 * * * *', '*/19 * * * *', '0 0 * * *', 'H * * * *', '@hourly', '0,30 * * * *'])('`%s` gets no cron finding', (spec) => {
  expect(checker.check(withCron(spec)).findings.filter((f) => f.code === 'cron-frequency')).toEqual([]);
});

test('the gap between runs is read from the minute field', () => {
  expect(minutesBetweenRuns('* * * * *')).toBe(1);
  expect(minutesBetweenRuns('*/2 9 * * 1-5')).toBe(2);
  expect(minutesBetweenRuns('0-10/3 * * * *')).toBe(3);
  expect(minutesBetweenRuns('0,3,30 * * * *')).toBe(3);
  expect(minutesBetweenRuns('*/19 * * * *')).toBe(19);
  expect(minutesBetweenRuns('15 * * * *')).toBe(60);
  expect(minutesBetweenRuns('@daily')).toBeUndefined();
});
