import { describe, expect, test } from 'vitest';
import { assertJsonDepth } from '../../src/transports/http/rpc-limits.js';

const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

describe('the JSON depth limit, checked on the text before parsing', () => {
  test('a body at the limit passes; one level more is refused with -32600', () => {
    expect(() => assertJsonDepth(nested(32))).not.toThrow();
    expect(() => assertJsonDepth(nested(33))).toThrow(expect.objectContaining({ status: 400, code: -32600, message: expect.stringContaining('more than 32 levels deep') }));
  });

  test('brackets inside strings do not count, whatever the escaped quotes and backslashes before them', () => {
    const deepText = '['.repeat(100);
    expect(() => assertJsonDepth(JSON.stringify({ config: deepText }))).not.toThrow();
    // An escaped quote does not end the string, so the brackets after it are still inside it...
    expect(() => assertJsonDepth(JSON.stringify({ config: `say "${deepText}"` }))).not.toThrow();
    // ...and an escaped backslash before a quote does end it: the brackets after it nest for real.
    expect(() => assertJsonDepth(`{"config":"C:\\\\"${',' + nested(40)}}`)).toThrow(/levels deep/);
    expect(() => assertJsonDepth(`{"a":"\\\\\\"${deepText}"}`)).not.toThrow();
  });

  test('the same answer as JSON.parse nesting on real-looking bodies (a 190 KB config, a batch)', () => {
    const config = Array.from({ length: 4000 }, (_, i) => `  app${i}: {type: "nodejs:24", mounts: [a, b]}\n`).join('');
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'explain_config', arguments: { config } } });
    expect(body.length).toBeGreaterThan(150_000);
    expect(() => assertJsonDepth(body)).not.toThrow();
    expect(() => assertJsonDepth(JSON.stringify([JSON.parse(body), JSON.parse(body)]))).not.toThrow();
    expect(() => assertJsonDepth(JSON.stringify({ params: JSON.parse(nested(40)) }))).toThrow(/levels deep/);
  });

  test('an unterminated string ends the scan without an error: JSON.parse reports it', () => {
    expect(() => assertJsonDepth(`{"config":"${'['.repeat(100)}`)).not.toThrow();
  });
});
