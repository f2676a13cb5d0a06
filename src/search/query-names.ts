import { z } from 'zod';

/**
 * What the query parser knows about names before it looks words up (data/search/platform-names.yaml and
 * spellings.yaml): the platform's own names, read as context; Platform.sh-era file and CLI names, read as
 * today's; and spelling or compound variants, read as the docs spell them.
 */
export interface QueryNames {
  /** Tokens (or space-joined token runs) naming the platform itself: dropped when the query has other words. */
  context: ReadonlySet<string>;
  /** A Platform.sh-era name → today's name (one or more tokens, space-separated). */
  renamed: ReadonlyMap<string, string>;
  /** A variant spelling → the docs' spelling (space-separated words). */
  spellings: ReadonlyMap<string, string>;
  /** Single-word CLI commands: "platform ssh" reads as "ssh". */
  cliCommands: ReadonlySet<string>;
  /** Longest key of `context` and `renamed`, in tokens. */
  longest: number;
}

export const EMPTY_QUERY_NAMES: QueryNames = { context: new Set(), renamed: new Map(), spellings: new Map(), cliCommands: new Set(), longest: 1 };

export const platformNamesFile = z.object({
  context: z.array(z.string().min(1)),
  renamed: z.record(z.string().min(1), z.string().min(1)),
  cli: z.array(z.string().min(1)),
});
export const spellingsFile = z.record(z.string().min(1), z.string().min(1));

export type PlatformNamesFile = z.infer<typeof platformNamesFile>;
export type SpellingsFile = z.infer<typeof spellingsFile>;

export function createQueryNames(names: PlatformNamesFile | undefined, spellings: SpellingsFile | undefined): QueryNames {
  if (!names && !spellings) return EMPTY_QUERY_NAMES;
  const lower = (text: string) => text.toLowerCase().trim();
  const context = new Set((names?.context ?? []).map(lower));
  const renamed = new Map(Object.entries(names?.renamed ?? {}).map(([from, to]) => [lower(from), lower(to)]));
  const longest = Math.max(1, ...[...context, ...renamed.keys()].map((key) => key.split(' ').length));
  return {
    context,
    renamed,
    spellings: new Map(Object.entries(spellings ?? {}).map(([from, to]) => [lower(from), lower(to)])),
    cliCommands: new Set((names?.cli ?? []).map(lower)),
    longest,
  };
}

/** A token after name handling. */
export interface NamedToken {
  token: string;
}

/** A CLI command as users write it: `db:size`, `environment:list`, `mount:upload`. */
const CLI_COMMAND = /^[a-z][a-z-]*:[a-z][a-z:-]*$/u;

/**
 * Rewrite a query's tokens: today's names for Platform.sh-era ones, the docs' spelling for variants, and
 * the platform's names and the CLI's name dropped (context). When nothing else is left, the caller parses
 * the original tokens (see parseQuery).
 */
export function applyQueryNames(tokens: readonly string[], names: QueryNames): NamedToken[] {
  const out: NamedToken[] = [];
  for (let i = 0; i < tokens.length; ) {
    const run = matchRun(tokens, i, names);
    if (run) {
      i += run.length;
      if (run.to !== undefined) for (const token of run.to.split(' ')) out.push({ token });
      continue;
    }
    const token = tokens[i] ?? '';
    const next = tokens[i + 1] ?? '';
    i += 1;
    // `platform ssh`, `platform db:size`: the Platform.sh CLI's name before one of its commands.
    if ((token === 'platform' || token === 'upsun') && (CLI_COMMAND.test(next) || names.cliCommands.has(next))) continue;
    const spelled = names.spellings.get(token);
    if (spelled !== undefined) {
      const words = spelled.split(' ');
      // Replaced, not kept beside: the few pages that spell it the user's way are rarely the ones that explain it.
      for (const word of words) out.push({ token: word });
      continue;
    }
    out.push({ token });
  }
  return out;
}

/** The longest context name or renamed name starting at token i: `to` undefined for context. */
function matchRun(tokens: readonly string[], i: number, names: QueryNames): { length: number; to?: string } | undefined {
  for (let length = Math.min(names.longest, tokens.length - i); length >= 1; length--) {
    const text = tokens.slice(i, i + length).join(' ');
    if (names.context.has(text)) return { length };
    const to = names.renamed.get(text);
    if (to !== undefined) return { length, to };
  }
  return undefined;
}

/** The text with each variant spelling replaced by the docs' (for matching whole messages, as the error catalogue does). */
export function respell(text: string, names: QueryNames): string {
  if (names.spellings.size === 0) return text;
  return text.replace(/[\p{L}\p{N}_-]+/gu, (word) => names.spellings.get(word.toLowerCase()) ?? word);
}
