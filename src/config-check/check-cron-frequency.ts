import { formatYamlPath } from './format-yaml-path.js';
import type { TextPosition } from './parse-config-yaml.js';
import type { Finding, YamlPath } from './types.js';
import { readRecord } from './read-record.js';

/** `create-apps/image-properties/crons.md#cron-job-timing`: "The minimum time between cron jobs being triggered is 5 minutes." */
const MIN_MINUTES = 5;

/**
 * A cron whose `spec` asks for runs more often than every 5 minutes (`* * * * *`, `*\/2 * * * *`) is valid
 * but runs less often than it says, so a warning: Upsun triggers crons at most every 5 minutes. Specs this
 * cannot read (`@hourly`, names of days) are left to the schema.
 */
export function checkCronFrequency(data: unknown, locate: (path: YamlPath) => TextPosition | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const [appName, app] of Object.entries(readRecord(readRecord(data).applications))) {
    for (const [cronName, cron] of Object.entries(readRecord(readRecord(app).crons))) {
      const spec = readRecord(cron).spec;
      if (typeof spec !== 'string') continue;
      const minutes = minutesBetweenRuns(spec);
      if (minutes === undefined || minutes >= MIN_MINUTES) continue;
      const path = ['applications', appName, 'crons', cronName, 'spec'];
      findings.push({
        severity: 'warning',
        code: 'cron-frequency',
        path: formatYamlPath(path),
        ...locate(path),
        message:
          `\`${spec.trim()}\` asks for a run every ${minutes === 1 ? 'minute' : `${minutes} minutes`}, but Upsun starts a ` +
          `cron at most every ${MIN_MINUTES} minutes, so this one runs every ${MIN_MINUTES} minutes. Write ` +
          `\`*/${MIN_MINUTES} * * * *\` to say so; work that must run more often belongs in a worker (\`workers\`).`,
        docs: { path: 'create-apps/image-properties/crons.md', anchor: 'cron-job-timing' },
      });
    }
  }
  return findings;
}

/**
 * The shortest gap, in minutes, between two runs within an hour the spec runs in: `*` 1, `*\/n` and `a-b/n`
 * n, a list its smallest gap, one minute 60.
 * `H` (a minute picked by the platform) counts as one number. Undefined for what this does not read.
 */
export function minutesBetweenRuns(spec: string): number | undefined {
  const fields = spec.trim().split(/\s+/);
  if (fields.length < 5) return undefined;
  const [minute = ''] = fields;
  if (!/^[\dH*,/-]+$/.test(minute)) return undefined;
  const starts: number[] = [];
  for (const part of minute.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    if (range === '*' || range === 'H' || /^\d+-\d+$/.test(range)) {
      const [from, to] = range.includes('-') ? range.split('-').map(Number) : [0, 59];
      if (range === 'H' && stepText === undefined) starts.push(0);
      else if (from !== undefined && to !== undefined && to >= from) for (let m = from; m <= to; m += step) starts.push(m);
      else return undefined;
    } else if (/^\d+$/.test(range) && stepText === undefined) starts.push(Number(range));
    else return undefined;
  }
  const sorted = [...new Set(starts)].sort((a, b) => a - b);
  if (sorted.length <= 1) return 60;
  // The gap round the hour (:57 to :00 for `*/19`) is left out: a step says how often the user means it to run.
  let gap = 60;
  for (let i = 1; i < sorted.length; i++) gap = Math.min(gap, (sorted[i] ?? 0) - (sorted[i - 1] ?? 0));
  return gap;
}
