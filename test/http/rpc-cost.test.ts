import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ARGUMENT_CHARS_PER_CALL, costOfBody, costOfMessage, jsonLength } from '../../src/transports/http/rpc-cost.js';

const call = (args: unknown) => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'explain_config', arguments: args } });

describe('what a message costs a rate-limit bucket', () => {
  test("an argument's size is measured as its JSON text, as JSON.stringify writes it, for any value a body parses to", () => {
    // Strings of any code units: escapes, control characters, lone surrogates, emoji.
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 5 }),
      object: fc.dictionary(text, tie('value'), { maxKeys: 5 }),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        // What the server measures is what JSON.parse gave it.
        const parsed = JSON.parse(JSON.stringify(value)) as unknown;
        expect(jsonLength(parsed)).toBe(JSON.stringify(parsed).length);
      }),
      { numRuns: 2_000 },
    );
  });

  test('a config for explain_config costs one call, plus one per 20,000 characters of its JSON (escaped newlines count twice)', () => {
    const config = 'applications:\n  app:\n    type: nodejs:24\n'.padEnd(ARGUMENT_CHARS_PER_CALL * 2, '#');
    expect(costOfMessage(call({ config: 'applications: {}' }), 30)).toBe(1);
    expect(costOfMessage(call({ config }), 30)).toBe(3);
    // 40,000 lines of one character and a newline: 80,000 characters as YAML, 120,000 as JSON.
    expect(costOfMessage(call({ config: 'x\n'.repeat(40_000) }), 30)).toBe(7);
    expect(costOfMessage(call({ config: 'x\n'.repeat(40_000) }), 5)).toBe(5);
    expect(costOfBody([call({ config }), { jsonrpc: '2.0', id: 2, method: 'ping' }, call({})], 30)).toBe(4);
  });
});
