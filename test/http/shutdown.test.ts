// Graceful shutdown: the built CLI (`serve --http`) on SIGTERM stops accepting, finishes what is in flight, exits 0.
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { expect, inject, test } from 'vitest';
import { JSON_HEADERS, rawRequest, rpc } from './start-http-server.js';

test('SIGTERM lets an in-flight request finish, refuses new connections, and exits 0', async () => {
  const indexError = inject('indexError');
  if (indexError) throw new Error(indexError);
  const child = spawn(process.execPath, [inject('cliEntry'), 'serve', '--http', '--port', '0', '--index', inject('indexFile')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PORT: '', HOST: '' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line:\n${stderr}`)), 20_000);
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const match = stderr.match(/serving MCP at (http:\/\/127\.0\.0\.1:\d+)\/mcp.*index (\S+), docs commit (\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const port = Number(new URL(url).port);
    const body = rpc('tools/call', { name: 'search_docs', arguments: { query: 'configure a cron job', limit: 1 } });
    // Headers and half the body now, the rest after SIGTERM: the request is in flight across the signal.
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/mcp', headers: { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(20)), 300);
      }, 200);
    });
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.text).toContain('cron');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(rawRequest(port, { method: 'GET', path: '/healthz' })).rejects.toThrow(/ECONNREFUSED|ECONNRESET/);
    expect(await exited).toBe(0);
    expect(stderr).toContain('shutting down');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
