import type { McpServer } from '@modelcontextprotocol/server';
import { IndexUnreadableError, isIndexReadFailure } from '../db/index-read-failure.js';

type Registration = 'registerTool' | 'registerResource' | 'registerPrompt';
const REGISTRATIONS: readonly Registration[] = ['registerTool', 'registerResource', 'registerPrompt'];

/**
 * Make every handler registered on `server` from now on (tools, resources, prompts, and protocol methods) turn a SQLite failure (an index damaged or changed
 * while open) into IndexUnreadableError: whatever a handler throws reaches the client as its message, and
 * SQLite's ("no such table: pages") says nothing a model can act on and shows the server's internals.
 * One wrapper here, instead of a try/catch in each tool, resource, prompt and completer.
 */
export function guardIndexErrors(server: McpServer): void {
  for (const name of REGISTRATIONS) wrapLastArgument(server as unknown as Record<string, unknown>, name);
  // The protocol-level handlers too: the SDK's own (completion/complete calls our completers) and the ones we
  // install directly (the paginated resources/list). The SDK installs its handlers on first registration.
  wrapLastArgument(server.server as unknown as Record<string, unknown>, 'setRequestHandler');
}

/** Replace `owner[method]` by one that guards its last argument, a handler (the SDK's overloads all take it last). */
function wrapLastArgument(owner: Record<string, unknown>, method: string): void {
  const original = (owner[method] as (...args: unknown[]) => unknown).bind(owner);
  owner[method] = (...args: unknown[]) => {
    const handler = args.at(-1);
    if (typeof handler === 'function') args[args.length - 1] = guardHandler(handler as (...handlerArgs: unknown[]) => unknown);
    return original(...args);
  };
}

/** A handler that rethrows SQLite failures as IndexUnreadableError, for handlers that return values or promises. */
export function guardHandler<Args extends unknown[], Result>(handler: (...args: Args) => Result): (...args: Args) => Result {
  const convert = (error: unknown): never => {
    throw isIndexReadFailure(error) ? new IndexUnreadableError(error) : error;
  };
  return (...args: Args): Result => {
    try {
      const result = handler(...args);
      return (result instanceof Promise ? result.catch(convert) : result) as Result;
    } catch (error) {
      return convert(error);
    }
  };
}
