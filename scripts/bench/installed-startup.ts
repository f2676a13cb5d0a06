// First start to first answer over stdio from the npm package as a user installs it: pack, install the
// tarball into a temporary folder, then time spawn → initialize → first search_docs answer of its `serve`
// (stdio-startup.ts, on the installed CLI and its bundled index).
// Usage (after npm run build): node dist/scripts/bench/installed-startup.js [--runs 10] [--keep] [--cold] (see stdio-startup.ts)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScriptArgs } from '../script-args.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { installTarball, packProject } from '../package/install-packed.js';

const { values } = parseScriptArgs(import.meta.url, { options: { runs: { type: 'string', default: '10' }, keep: { type: 'boolean', default: false }, cold: { type: 'boolean', default: false } } });
const work = mkdtempSync(join(tmpdir(), 'upsun-docs-installed-startup-'));
try {
  const packed = packProject(PACKAGE_ROOT, join(work, 'project'), work);
  console.log(`Packed ${packed.tarball}: ${(packed.size / 1024 / 1024).toFixed(1)} MB, ${packed.files.length} files`);
  const started = Date.now();
  const bin = installTarball(packed.tarball, join(work, 'app'), PACKAGE_ROOT);
  console.log(`Installed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${bin}`);
  execFileSync(process.execPath, [join(PACKAGE_ROOT, 'dist/scripts/bench/stdio-startup.js'), '--entry', realpathSync(bin), '--runs', values.runs, ...(values.cold ? ['--cold'] : [])], { stdio: 'inherit' });
} finally {
  if (values.keep) console.log(`Kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
