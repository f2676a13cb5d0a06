// A stand-in for Upsun's router: it listens on its own port, picks the route by the request's Host and
// path, answers whole-route redirects, and forwards upstream routes to the app's $PORT over loopback with
// the headers development/headers.md lists (X-Forwarded-Proto, X-Client-IP, X-Client-SSL, X-Original-Route).
// TLS ends here in the real router; this one speaks plain HTTP and forwards as if it had been https.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveRouteUrl } from './platform-variables.js';
import type { RehearsalRoute } from './rehearsal-plan.js';

/** Request headers the router sets itself: whatever a client sent under these names is replaced. */
const ROUTER_HEADERS = ['x-forwarded-proto', 'x-client-ip', 'x-client-ssl', 'x-original-route'];

export interface RouterProxy {
  port: number;
  /** Point the upstream routes at the app's port; undefined while no app serves (503). */
  setUpstreamPort(port: number | undefined): void;
  close(): Promise<void>;
}

export async function startRouterProxy(options: { routes: RehearsalRoute[]; publicHost: string }): Promise<RouterProxy> {
  const routes = options.routes
    .map((route) => ({ route, url: new URL(resolveRouteUrl(route.original, options.publicHost)) }))
    // The most specific path wins, as with the router's route matching.
    .sort((a, b) => b.url.pathname.length - a.url.pathname.length);
  let upstreamPort: number | undefined;

  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = req.url ?? '/';
    const match = routes.find(({ url }) => url.hostname === host && path.startsWith(url.pathname));
    if (!match) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`No route for ${host}${path}\n`);
      return;
    }
    if (match.route.type === 'redirect') {
      const target = new URL(resolveRouteUrl(match.route.to ?? '/', options.publicHost));
      res.writeHead(301, { location: `${target.origin}${target.pathname}${path.slice(match.url.pathname.length)}` }).end();
      return;
    }
    if (upstreamPort === undefined) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('No app is serving (deploying).\n');
      return;
    }
    forward(req, res, upstreamPort, match.route.original);
  });

  function forward(req: IncomingMessage, res: import('node:http').ServerResponse, port: number, originalRoute: string): void {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !ROUTER_HEADERS.includes(name)));
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.url,
        headers: { ...headers, 'x-forwarded-proto': 'https', 'x-client-ip': req.socket.remoteAddress ?? '', 'x-client-ssl': 'on', 'x-original-route': originalRoute },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.once('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`Upstream error: ${error.message}\n`);
      else res.destroy(error);
    });
    req.pipe(upstream);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    setUpstreamPort: (port) => (upstreamPort = port),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
