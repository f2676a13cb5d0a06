import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/**
 * Read a request body as UTF-8 text, refusing it with 413 as soon as it is known to exceed `maxBytes`:
 * from Content-Length before reading anything, else while the bytes arrive, so an oversized upload is never
 * held in memory whole.
 */
export async function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () => new HttpError(413, `Payload Too Large: the request body must not exceed ${maxBytes} bytes.`, { headers: { connection: 'close' } });
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    received += chunk.byteLength;
    if (received > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, received).toString('utf8');
}
