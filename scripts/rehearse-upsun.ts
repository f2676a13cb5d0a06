// npm run rehearse-upsun: play one deploy of this repository the way Upsun runs it, on this machine
// (scripts/rehearse/rehearse-deploy.ts says what each step does). Exit 0: every step and check passed;
// 1: a step failed (its name, command and output are printed); 2: bad options.
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DATA_PATHS, PACKAGE_ROOT } from '../src/paths.js';
import { thawTree } from './rehearse/app-tree.js';
import { RehearsalConfigError } from './rehearse/rehearsal-plan.js';
import { rehearseDeploy } from './rehearse/rehearse-deploy.js';
import { RehearsalStepError } from './rehearse/run-step.js';

const USAGE = `Usage: npm run rehearse-upsun -- [options]
  --ref REF            the commit to deploy (default HEAD: uncommitted changes are not deployed, as on Upsun)
  --config FILE        take the commands from FILE instead of the checkout's .upsun/config.yaml
  --work DIR           work in DIR (default: a new folder in the temp dir, deleted after a passing run)
  --keep               keep the work folder after a passing run (its app/ can be passed to --reuse-build)
  --reuse-build DIR    deploy the app tree an earlier rehearsal built (its <work>/app); skip checkout and build hook
  --fetch-native       let npm ci fetch better-sqlite3's binary from GitHub instead of packing this checkout's
  --host NAME          the public domain {default} stands for (default docs-mcp.rehearsal.example)`;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        ref: { type: 'string', default: 'HEAD' },
        config: { type: 'string' },
        work: { type: 'string' },
        keep: { type: 'boolean', default: false },
        'reuse-build': { type: 'string' },
        'fetch-native': { type: 'boolean', default: false },
        host: { type: 'string', default: 'docs-mcp.rehearsal.example' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    log(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    log(USAGE);
    return 0;
  }
  const started = Date.now();
  try {
    const report = await rehearseDeploy({
      repoDir: PACKAGE_ROOT,
      ref: values.ref,
      ...(values.config && { configFile: values.config }),
      ...(values.work && { workDir: values.work }),
      ...(values['reuse-build'] && { reuseBuild: values['reuse-build'] }),
      docsSnapshot: DATA_PATHS.docsSnapshot,
      fetchNative: values['fetch-native'],
      publicHost: values.host,
      log,
    });
    log(`\nRehearsal passed in ${((Date.now() - started) / 1000).toFixed(0)} s (steps ran as ${report.user}):`);
    for (const { step, seconds } of report.steps) log(`  ok  ${step} (${seconds.toFixed(1)} s)`);
    for (const note of report.notes) log(`  note: ${note}`);
    if (values.keep) log(`Work folder kept: ${report.workDir}`);
    else {
      thawTree(report.workDir);
      rmSync(report.workDir, { recursive: true, force: true });
    }
    return 0;
  } catch (error) {
    if (error instanceof RehearsalStepError || error instanceof RehearsalConfigError) {
      log(`\nRehearsal FAILED. ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    log(`rehearse-upsun: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
