import type { ServerResponse } from 'node:http';

/**
 * Write a fetch `Response` (what the SDK's web-standard handlers return) to a Node response, adding
 * `extraHeaders` (CORS, rate limit). JSON bodies are written in one piece; streams (2026-07-28
 * `subscriptions/listen`) chunk by chunk, waiting for `drain` so a slow reader cannot make us buffer.
 * `onHeaders` runs once the status line is out, before a stream's body: a long-lived stream must not
 * hold a concurrency slot meant for work.
 */
export async function writeWebResponse(res: ServerResponse, response: Response, extraHeaders: Record<string, string>, onHeaders?: () => void): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) headers[name] = value;
  Object.assign(headers, extraHeaders);
  const streaming = response.body !== null && (headers['content-type'] ?? '').startsWith('text/event-stream');
  if (!streaming) {
    const body = response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, headers);
    onHeaders?.();
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  onHeaders?.();
  const reader = response.body!.getReader();
  const closed = new Promise<void>((resolve) => res.once('close', resolve));
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), closed.then(() => undefined)]);
      if (next === undefined || next.done) break;
      if (!res.write(next.value)) await Promise.race([new Promise((resolve) => res.once('drain', resolve)), closed]);
    }
  } finally {
    // The client left or the stream ended: either way the SDK's side of the stream is released here.
    reader.cancel().catch((error: unknown) => res.emit('error', error));
    res.end();
  }
}
