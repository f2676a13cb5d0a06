import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

/** Longest value a completer matches: what a person types into a prompt or URI field, with room to spare. */
export const MAX_COMPLETION_VALUE_CHARS = 512;

/**
 * Refuse an over-long completion value with the protocol's Invalid params error, before any matching: fuzzy
 * matching costs grow with the value (a 280 KB value held the event loop for seconds).
 */
export function assertCompletionValue(value: string): void {
  if (value.length > MAX_COMPLETION_VALUE_CHARS) {
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      `The completion value is ${value.length} characters long; at most ${MAX_COMPLETION_VALUE_CHARS} are completed. Send what the user typed so far.`,
    );
  }
}
