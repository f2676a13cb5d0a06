// The built CLI as a person meets it in a shell: help, version, mistakes, and `serve` run in a terminal.
// A terminal is a real pseudo-terminal from util-linux `script`, which hands the command a tty and then EOF.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { COMMANDS } from '../../bin/command-line.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const cliEntry = inject('cliEntry');
const indexFile = inject('indexFile');
const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const run = (args: string[]) => spawnSync(process.execPath, [cliEntry, ...args], { encoding: 'utf8', input: '' });

/** Run the CLI with a terminal as stdin, stdout and stderr (all three merged in the output, as a terminal shows them). */
const runInTerminal = (args: string[]) =>
  spawnSync('script', ['--quiet', '--return', '--command', [process.execPath, cliEntry, ...args].map((arg) => `'${arg}'`).join(' '), '/dev/null'], {
    encoding: 'utf8',
    input: '',
    timeout: 30_000,
  });

describe('help and version', () => {
  test.each([['--version'], ['-v']])('%s prints the package version and exits 0', (flag) => {
    expect(run([flag])).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('--help lists every command', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    for (const command of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^  ${command.name} +\\S`, 'm'));
  });

  test.each(COMMANDS.map((command) => [command.name]))('%s --help shows its usage and every option', (name) => {
    const help = run([name, '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain(`Usage: upsun-docs-mcp ${name} [options]`);
    for (const option of Object.keys(COMMANDS.find((command) => command.name === name)!.options)) expect(help.stdout).toContain(`--${option}`);
  });
});

describe('mistakes get a usage line and exit 2, with nothing on stdout', () => {
  test.each([
    [['frobnicate'], "Unknown command 'frobnicate'"],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['search', '--limt', '3', 'mounts'], "Unknown option '--limt'"],
    [['stats', 'extra'], "Unexpected argument 'extra'"],
    [['serve', '--port'], "Option '--port <value>' argument missing"],
  ])('%j', (args, what) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(what);
    expect(result.stderr).toMatch(/Usage: upsun-docs-mcp /);
  });
});

describe('serve and no command, in a terminal and from a host', () => {
  test('serve in a terminal says on stderr that it speaks MCP on stdio and how to try it, then exits 0 at EOF', () => {
    const result = runInTerminal(['serve', '--index', indexFile]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('speaks MCP on stdio');
    expect(result.stdout).toContain('npx @modelcontextprotocol/inspector');
  });

  test('no command in a terminal prints the usage line and exits 2', () => {
    const result = runInTerminal([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('Usage: upsun-docs-mcp <command>');
  });

  test('no command from a host (stdin a pipe) serves MCP: the one-line `npx -y upsun-docs-mcp`', async () => {
    const child = spawn(process.execPath, [cliEntry], { env: { ...process.env, UPSUN_DOCS_INDEX: indexFile } });
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'cli-test', version: '1' } } })}\n`);
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    expect(JSON.parse(chunk.toString('utf8'))).toMatchObject({ id: 1, result: { serverInfo: { name: expect.any(String) } } });
    child.stdin.end();
    expect(await once(child, 'exit')).toEqual([0, null]);
  });
});

describe('index files that cannot be read or written name the path and the fix', () => {
  test('index --out in a folder that cannot exist', () => {
    const out = '/etc/passwd/index.sqlite';
    const result = run(['index', '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Cannot write the index ${out}`);
    expect(result.stderr).toContain('Pass --out FILE in a folder you can write to');
  });

  test('stats --index of a file that is not there', () => {
    const result = run(['stats', '--index', '/nonexistent/index.sqlite']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No index at /nonexistent/index.sqlite. Build it with `upsun-docs-mcp index --out /nonexistent/index.sqlite`');
  });
});

test('serve --http starts with its start-up lines on stderr: no SDK warning before them', async () => {
  const child = spawn(process.execPath, [cliEntry, 'serve', '--http', '--port', '0', '--index', indexFile]);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  while (!/serving MCP at .*\n/.test(stderr)) stderr += ((await once(child.stderr, 'data')) as [string])[0];
  child.kill('SIGTERM');
  await once(child, 'exit');
  // With several workers, each says it serves before the primary prints where to connect; nothing else may come first.
  const lines = stderr.slice(0, stderr.search(/upsun-docs-mcp: serving MCP at /)).split('\n').filter(Boolean);
  for (const line of lines) expect(line).toMatch(/^upsun-docs-mcp: worker \d+ \(pid \d+\) serving; /);
  expect(stderr).toMatch(/^(?:upsun-docs-mcp: worker [^\n]*\n)*upsun-docs-mcp: serving MCP at http:\/\/127\.0\.0\.1:\d+\/mcp /);
});
