import { describe, expect, it } from 'vitest';
import { dropRequestVerb } from '../../src/search/request-verb.js';

describe("an issue title's leading request verb", () => {
  it('is dropped when it opens a long question, after any bracketed tags', () => {
    expect(dropRequestVerb('Add a way to run the scheduler every minute in the worker container')).toBe(' a way to run the scheduler every minute in the worker container');
    expect(dropRequestVerb('[Redis] Support persistent sessions across several app instances please')).toBe('[Redis]  persistent sessions across several app instances please');
    expect(dropRequestVerb('Fixed: cache warmup writes into the read-only app directory on deploy')).toBe(': cache warmup writes into the read-only app directory on deploy');
  });

  it('stays in a short query, where it is what the user wants to do', () => {
    for (const query of ['add a custom domain', 'support ticket priority', 'allow an IP address range']) expect(dropRequestVerb(query)).toBe(query);
  });

  it('is only the whole first word, never a longer word or one later in the question', () => {
    const query = 'address of the outbound gateway, we need to add it to the partner firewall allowlist';
    expect(dropRequestVerb(query)).toBe(query);
    expect(dropRequestVerb('Supported PHP extensions list for the composable image in production')).toBe('Supported PHP extensions list for the composable image in production');
  });
});
