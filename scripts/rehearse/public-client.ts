// A client on the internet, as the router sees it: it asks for the public Host and connects from its own
// address. Distinct clients are distinct loopback addresses (127.0.0.2, 127.0.0.3, ...), so the router reads
// a different socket address for each. fetch() cannot set Host, hence node:http underneath.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';

export interface PublicClient {
  /** Where it connects (the router's port, or the app's for a request that bypasses the router). */
  port: number;
  /** The Host it asks for. */
  host: string;
  /** The address it connects from. */
  localAddress: string;
}

export interface PlainResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request, read to its end. */
export function sendRequest(client: PublicClient, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: client.port, localAddress: client.localAddress, method: init.method ?? 'GET', path, headers: { ...init.headers, host: client.host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(init.body);
  });
}

/** A fetch for the MCP SDK's Streamable HTTP transport that goes out as this client; the body streams (SSE). */
export function fetchAs(client: PublicClient): (url: string | URL, init?: RequestInit) => Promise<Response> {
  return async (url, init) => {
    const target = new URL(url);
    const body = init?.body === undefined || init.body === null ? undefined : typeof init.body === 'string' ? init.body : await new Response(init.body).text();
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: client.port, localAddress: client.localAddress, method: init?.method ?? 'GET', path: target.pathname + target.search, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), host: client.host }, signal: init?.signal ?? undefined },
        (res) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
          }
          const nullBody = res.statusCode === 204 || res.statusCode === 304 || init?.method === 'HEAD';
          resolve(new Response(nullBody ? null : (Readable.toWeb(res) as ReadableStream), { status: res.statusCode ?? 0, headers }));
        },
      );
      req.once('error', reject);
      req.end(body);
    });
  };
}
