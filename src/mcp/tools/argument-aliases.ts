import * as z from 'zod';

/**
 * Accept the argument names models invent (`q` for `query`, `url` for `path_or_url`) by renaming them
 * before validation. The published JSON Schema stays the canonical one: `z.preprocess` is invisible
 * in it, so hosts show one name and the server forgives the others.
 */
export function withArgumentAliases<T extends z.ZodType>(aliases: Readonly<Record<string, readonly string[]>>, schema: T) {
  return z.preprocess((raw: unknown) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
    const args: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const [canonical, names] of Object.entries(aliases)) {
      for (const name of names) {
        if (args[name] === undefined) continue;
        if (args[canonical] === undefined) args[canonical] = args[name];
        delete args[name];
      }
    }
    return args;
  }, schema);
}
