// A host may leave at any moment: an IDE window closes, a client crashes mid-call, a health check only
// initializes. The server must then exit 0 without a word on stderr (hosts show stderr to the user as errors).
// Raw JSON-RPC lines over a real child process, so the test controls exactly when the pipes close.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, inject, test } from 'vitest';

const cliEntry = inject('cliEntry');
const indexError = inject('indexError');

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'lifecycle-test', version: '1.0.0' } } };
const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };
const search = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'search_docs', arguments: { query: 'configure a cron job' } } };

interface Served {
  child: ChildProcessWithoutNullStreams;
  send(message: object): void;
  /** Resolves with the first stdout line that answers request `id`. */
  reply(id: number): Promise<unknown>;
  /** Resolves once the process has exited: its code and everything it wrote on stderr. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function serve(): Served {
  if (indexError) throw new Error(indexError);
  const child = spawn(process.execPath, [cliEntry, 'serve', '--index', inject('indexFile')], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let stdout = '';
  const waiting = new Map<number, (message: unknown) => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    let newline: number;
    while ((newline = stdout.indexOf('\n')) >= 0) {
      const message = JSON.parse(stdout.slice(0, newline)) as { id?: number };
      stdout = stdout.slice(newline + 1);
      if (message.id !== undefined) waiting.get(message.id)?.(message);
    }
  });
  // The test closes stdout on purpose in one case; a write the server makes after that is its business.
  child.stdin.on('error', () => {});
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, stderr }));
  return {
    child,
    send: (message) => child.stdin.write(`${JSON.stringify(message)}\n`),
    reply: (id) => new Promise((resolve) => waiting.set(id, resolve)),
    exited,
  };
}

describe('a stdio host that leaves', () => {
  test('before sending anything (while the index opens): exit 0, nothing on stderr', async () => {
    const served = serve();
    served.child.stdin.end();
    expect(await served.exited).toEqual({ code: 0, signal: null, stderr: '' });
  });

  test('right after initialize, without waiting for the answer: exit 0, nothing on stderr', async () => {
    const served = serve();
    served.send(initialize);
    served.child.stdin.end();
    expect(await served.exited).toEqual({ code: 0, signal: null, stderr: '' });
  });

  test('right after the initialize answer (the search engine still loading): exit 0, nothing on stderr', async () => {
    const served = serve();
    served.send(initialize);
    await served.reply(1);
    served.child.stdin.end();
    expect(await served.exited).toEqual({ code: 0, signal: null, stderr: '' });
  });

  test('in the middle of a search call, closing both pipes like a crashed client: exit 0, nothing on stderr', async () => {
    const served = serve();
    served.send(initialize);
    await served.reply(1);
    served.send(initialized);
    served.send(search);
    served.child.stdout.destroy();
    served.child.stdin.end();
    expect(await served.exited).toEqual({ code: 0, signal: null, stderr: '' });
  });

  test('after a search answered: exit 0, nothing on stderr', async () => {
    const served = serve();
    served.send(initialize);
    await served.reply(1);
    served.send(initialized);
    served.send(search);
    expect(await served.reply(2)).toMatchObject({ result: { structuredContent: { results: expect.any(Array) } } });
    served.child.stdin.end();
    expect(await served.exited).toEqual({ code: 0, signal: null, stderr: '' });
  });
});
