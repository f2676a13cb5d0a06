// The command line of a script in scripts/: node's parseArgs, with `--help` and a plain error. Without this, a
// mistyped option (`--querys`) or `--help` ended the script with Node's stack trace of the parse error.
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Parse the process's arguments for the script at `scriptUrl` (its `import.meta.url`). `--help` prints the
 * options with their defaults and exits 0; an unknown or malformed option prints what was wrong and the
 * options, and exits 2. What each option means is said in the comment at the top of the script.
 */
export function parseScriptArgs<T extends ParseArgsConfig>(scriptUrl: string, config: T): ReturnType<typeof parseArgs<T>> {
  const script = `dist/scripts/${relativeScriptPath(scriptUrl)}`;
  const usage = () => `Usage: node ${script} ${describeOptions(config)}\nWhat each option does: the comment at the top of ${script.replace(/^dist\//, '').replace(/\.js$/, '.ts')}.`;
  const args = config.args ?? process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(usage());
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (error) {
    if (!(error instanceof TypeError) || !String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) throw error;
    console.error(`${basename(script)}: ${error.message}\n${usage()}`);
    process.exit(2);
  }
}

function relativeScriptPath(scriptUrl: string): string {
  const path = fileURLToPath(scriptUrl);
  const at = path.lastIndexOf('/scripts/');
  return at === -1 ? basename(path) : path.slice(at + '/scripts/'.length);
}

function describeOptions(config: ParseArgsConfig): string {
  const options = Object.entries(config.options ?? {}).map(([name, option]) => {
    const value = option.type === 'string' ? ` ${name.toUpperCase().replace(/-/g, '_')}` : '';
    const fallback = option.default === undefined || option.default === false ? '' : ` (default ${String(option.default)})`;
    return `[--${name}${value}${fallback}]`;
  });
  return [...options, ...(config.allowPositionals ? ['[ARGS...]'] : [])].join(' ');
}
