// What the command line accepts: the commands, their options and help texts, and the parse of argv into
// one command. node:util parseArgs (strict) does the parsing: it is built in, costs nothing at start-up
// (the stdio server's budget), and a table of commands is all this CLI needs; a library such as commander
// would add a dependency for sub-command dispatch these ~150 lines already do.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & {
  /** For --help: the value a string option takes (`FILE`). */
  takes?: string;
  /** For --help: what the option does. */
  help: string;
};

export interface CommandSpec {
  name: string;
  /** One line for the tool's --help. */
  summary: string;
  /** The arguments after the command and its options, for the usage line (`"QUERY"`); none when absent. */
  operands?: string;
  /** Lines after the options in the command's --help: defaults, examples. */
  notes?: string[];
  options: Record<string, OptionSpec>;
}

const indexOption: OptionSpec = { type: 'string', takes: 'FILE', help: 'the index to read (default: $UPSUN_DOCS_INDEX, else the newer of your data folder\'s and the bundled one)' };
const productOption: OptionSpec = { type: 'string', takes: 'P', help: 'upsun or platformsh (default: both)' };
const jsonOption: OptionSpec = { type: 'boolean', help: 'print JSON instead of text' };
const serveOptions: Record<string, OptionSpec> = {
  index: indexOption,
  http: { type: 'boolean', help: 'serve Streamable HTTP at /mcp instead of stdio' },
  port: { type: 'string', takes: 'N', help: 'HTTP port (default $PORT, else 3000; 0 picks a free one)' },
  host: { type: 'string', takes: 'H', help: 'HTTP address to bind (default $HOST, else 127.0.0.1)' },
  workers: { type: 'string', takes: 'N|auto', help: 'HTTP server processes (default $UPSUN_DOCS_WORKERS, else auto: one per usable CPU; 1: a single process)' },
};
const buildSourceOptions: Record<string, OptionSpec> = {
  source: { type: 'string', takes: 'DIR|GIT_URL', help: 'the docs to build from' },
  ref: { type: 'string', takes: 'REF', help: 'branch, tag or commit of a git source' },
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'serve',
    summary: 'Run the MCP server over stdio (what an IDE starts), or over HTTP with --http',
    options: serveOptions,
    notes: ['On stdio it reads MCP messages from stdin and answers on stdout; logs go to stderr.'],
  },
  {
    name: 'search',
    summary: 'Search the docs from the shell',
    operands: '"QUERY"',
    options: {
      index: indexOption,
      product: productOption,
      limit: { type: 'string', takes: 'N', help: 'at most N results' },
      section: { type: 'string', takes: 'S', help: 'only pages of this docs section (e.g. create-apps)' },
      'max-tokens': { type: 'string', takes: 'N', help: 'token budget of the answer' },
      json: jsonOption,
    },
    notes: ['Example: upsun-docs-mcp search "how do I add a mount" --product upsun'],
  },
  {
    name: 'read',
    summary: 'Print a docs page or one of its sections as Markdown',
    operands: 'PATH_OR_URL[#anchor]',
    options: { index: indexOption, product: productOption, json: jsonOption },
    notes: ['Example: upsun-docs-mcp read create-apps/image-properties/mounts.md#define-a-mount'],
  },
  {
    name: 'stats',
    summary: 'Say which index is read and what it holds',
    options: { index: indexOption, json: jsonOption },
  },
  {
    name: 'index',
    summary: 'Build an index from a docs folder or git repository',
    options: {
      ...buildSourceOptions,
      product: { type: 'string', takes: 'P', help: 'upsun, platformsh or all (default all)' },
      out: { type: 'string', takes: 'FILE', help: 'where to write it (default: $UPSUN_DOCS_INDEX, else your data folder)' },
      index: { type: 'string', takes: 'FILE', help: 'the same as --out' },
      verbose: { type: 'boolean', help: 'list every warning, not only their count by kind' },
    },
    notes: [
      'Your data folder is $XDG_DATA_HOME/upsun-docs-mcp, else ~/.local/share/upsun-docs-mcp; serve reads the index',
      'there when it is newer than the one bundled in the package. The default source is the docs snapshot of a',
      'source checkout; the npm package ships the built index instead, so there pass --source or use refresh.',
    ],
  },
  {
    name: 'refresh',
    summary: 'Fetch the latest docs, rebuild, check and swap in the index',
    options: {
      ...buildSourceOptions,
      product: { type: 'string', takes: 'P', help: 'upsun, platformsh or all (default: those of the current index, else all)' },
      out: { type: 'string', takes: 'FILE', help: 'the index to replace (default: $UPSUN_DOCS_INDEX, else your data folder)' },
      index: { type: 'string', takes: 'FILE', help: 'the same as --out' },
    },
    notes: ['The default source is https://github.com/platformsh/platformsh-docs; the replaced index is kept as FILE.previous.'],
  },
  {
    name: 'rollback',
    summary: 'Swap FILE.previous (the index a refresh replaced) back in',
    options: {
      index: { type: 'string', takes: 'FILE', help: 'the index to roll back (default: $UPSUN_DOCS_INDEX, else your data folder)' },
      out: { type: 'string', takes: 'FILE', help: 'the same as --index' },
    },
  },
  {
    name: 'start',
    summary: 'Like serve, but first build the index when there is none',
    options: serveOptions,
  },
];

/** A mistake in the command line: the message says what, and the usage line how; the CLI exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export type CommandLine =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'run'; command: string; values: Record<string, string | boolean | undefined>; operands: string[] };

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Read argv (without node and the script) into one command; throws UsageError for anything it does not know.
 * No arguments at all means `serve` when stdin is not a terminal: MCP hosts are configured with the bare
 * package (`npx -y upsun-docs-mcp`) and talk over pipes, while a person at a terminal gets the usage line.
 */
export function parseCommandLine(argv: string[], { stdinIsTerminal }: { stdinIsTerminal: boolean }): CommandLine {
  const [first, ...rest] = argv;
  if (first === undefined && !stdinIsTerminal) return { kind: 'run', command: 'serve', values: {}, operands: [] };
  if (first === undefined || first.startsWith('-')) {
    const { values } = parseStrict(argv, { ...HELP_OPTION, version: { type: 'boolean', short: 'v' } }, false, toolUsage());
    if (values.version) return { kind: 'version' };
    if (values.help) return { kind: 'help', text: toolHelp() };
    throw new UsageError(`Which command? ${toolUsage()}`);
  }
  const spec = COMMANDS.find((command) => command.name === first);
  if (!spec) throw new UsageError(`Unknown command '${first}'. ${toolUsage()}`);
  const { values, positionals } = parseStrict(rest, { ...spec.options, ...HELP_OPTION }, spec.operands !== undefined, commandUsage(spec));
  if (values.help) return { kind: 'help', text: commandHelp(spec) };
  return { kind: 'run', command: spec.name, values, operands: positionals };
}

function parseStrict(args: string[], options: NonNullable<ParseArgsConfig['options']>, allowPositionals: boolean, usage: string) {
  // Only parseArgs' own fields: our `help` texts are not its business.
  const config = Object.fromEntries(Object.entries(options).map(([name, { type, short }]) => [name, { type, ...(short && { short }) }]));
  try {
    return parseArgs({ args, options: config, allowPositionals, strict: true });
  } catch (error) {
    // parseArgs' errors (ERR_PARSE_ARGS_*) name the bad option or argument; the usage line says what is accepted.
    const code = (error as NodeJS.ErrnoException).code;
    if (!code?.startsWith('ERR_PARSE_ARGS_')) throw error;
    // Its unknown-option message goes on about positionals that start with '-': the option's name is the news.
    const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'([^']+)'/.exec((error as Error).message)?.[1] : undefined;
    const what = unknown ? `Unknown option '${unknown}'.` : (error as Error).message.replace(/\.?$/, '.');
    throw new UsageError(`${what} ${usage}`, { cause: error });
  }
}

function toolUsage(): string {
  return 'Usage: upsun-docs-mcp <command> [options]; upsun-docs-mcp --help lists the commands.';
}

function commandUsage(spec: CommandSpec): string {
  return `Usage: upsun-docs-mcp ${spec.name} [options]${spec.operands ? ` ${spec.operands}` : ''}; upsun-docs-mcp ${spec.name} --help lists the options.`;
}

function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'upsun-docs-mcp: the Upsun and Platform.sh docs for AI assistants, over MCP (stdio or HTTP), and from the shell.',
    '',
    'Usage: upsun-docs-mcp <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  -h, --help     this text; after a command, that command\'s options',
    '  -v, --version  the version',
    '',
    'In an IDE: npx -y upsun-docs-mcp serve (the docs index is inside the package).',
  ].join('\n');
}

function commandHelp(spec: CommandSpec): string {
  const rows: Array<readonly [string, string]> = Object.entries(spec.options).map(([name, option]) => [`--${name}${option.takes ? ` ${option.takes}` : ''}`, option.help]);
  rows.push(['-h, --help', 'this text']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `upsun-docs-mcp ${spec.name}: ${spec.summary}.`,
    '',
    `Usage: upsun-docs-mcp ${spec.name} [options]${spec.operands ? ` ${spec.operands}` : ''}`,
    '',
    'Options:',
    ...rows.map(([flag, what]) => `  ${flag.padEnd(width)}  ${what}`),
    ...(spec.notes ? ['', ...spec.notes] : []),
  ].join('\n');
}
