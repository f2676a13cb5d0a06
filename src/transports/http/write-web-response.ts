import type { ServerResponse } from 'node:http';

export interface WriteHooks {
  /** Runs once the status line is out, before a stream's body. */
  onHeaders?: () => void;
  /** A whole (non-streamed) body, with the handler's own headers: what the answer cache keeps. */
  onBody?: (response: { status: number; headers: Record<string, string>; body: Buffer }) => void;
}

/**
 * Write a fetch `Response` (what the SDK's web-standard handlers return) to a Node response, adding
 * `extraHeaders` (CORS, rate limit). JSON bodies are written in one piece; streams (2026-07-28
 * `subscriptions/listen`) chunk by chunk, waiting for `drain` so a slow reader cannot make us buffer.
 * `onHeaders` lets the caller release a concurrency slot before a stream's body: a long-lived stream
 * must not hold a slot meant for work.
 */
export async function writeWebResponse(res: ServerResponse, response: Response, extraHeaders: Record<string, string>, hooks: WriteHooks = {}): Promise<void> {
  const own: Record<string, string> = {};
  for (const [name, value] of response.headers) own[name] = value;
  const headers = { ...own, ...extraHeaders };
  const streaming = response.body !== null && (headers['content-type'] ?? '').startsWith('text/event-stream');
  if (!streaming) {
    const body = Buffer.from(response.body === null ? new ArrayBuffer(0) : await response.arrayBuffer());
    hooks.onBody?.({ status: response.status, headers: own, body });
    // Its length, as the answer cache's replays send it: without it Node frames the body in chunks.
    res.writeHead(response.status, response.status === 204 || response.status === 304 ? headers : { ...headers, 'content-length': String(body.length) });
    hooks.onHeaders?.();
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  hooks.onHeaders?.();
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
