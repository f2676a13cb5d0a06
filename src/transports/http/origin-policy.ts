import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

export interface OriginPolicyOptions {
  /** The address the server is bound to; a loopback address turns on the loopback-only Host check. */
  bindHost: string;
  /** Origins browsers may call from (`https://app.example.com`), besides our own; `*` allows all. */
  allowedOrigins: readonly string[];
  /** Host names accepted besides the loopback ones; empty: any Host when not bound to loopback. */
  allowedHosts: readonly string[];
  /**
   * A trusted proxy forwards to us (Upsun runs one in front of every app, which connects over loopback
   * with the public Host): the loopback-only Host check would refuse every real request, and the browser
   * a rebinding attack needs is not on the proxy's machine.
   */
  behindProxy: boolean;
}

export interface OriginPolicy {
  /**
   * Check Host and Origin (MCP Streamable HTTP, security warning: "Servers MUST validate the Origin header
   * … If the Origin header is present and invalid, servers MUST respond with HTTP 403 Forbidden").
   * Returns the request's Origin when it is allowed (for CORS), undefined when it sent none; throws 403.
   */
  check(request: IncomingMessage): string | undefined;
}

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackAddress(address: string): boolean {
  return LOOPBACK_HOSTNAMES.has(address) || address.startsWith('127.');
}

/**
 * DNS rebinding protection. Bound to loopback, a page on any site could point its own name at 127.0.0.1
 * and call us with `Host: attacker.example`: only loopback Host names pass. Bound publicly, the Host is
 * whatever name routes to us, so it is checked only against an explicit allowlist. A present Origin must
 * be our own origin, an allowlisted one, or (on loopback) a localhost page such as the MCP Inspector.
 */
export function createOriginPolicy({ bindHost, allowedOrigins, allowedHosts, behindProxy }: OriginPolicyOptions): OriginPolicy {
  const loopback = isLoopbackAddress(bindHost) && !behindProxy;
  const anyOrigin = allowedOrigins.includes('*');
  const origins = new Set(allowedOrigins.filter((origin) => origin !== '*').map(normalizeOrigin));
  const hosts = new Set(allowedHosts.map((host) => host.toLowerCase()));

  return {
    check(request) {
      const hostHeader = (request.headers.host ?? '').toLowerCase();
      const hostname = hostnameOf(hostHeader);
      const hostAllowed = hosts.has(hostname) || (loopback ? LOOPBACK_HOSTNAMES.has(hostname) : hosts.size === 0);
      if (!hostAllowed) throw new HttpError(403, `Forbidden: Host '${cap(hostHeader)}' is not served here.`);

      const origin = request.headers.origin;
      if (origin === undefined) return undefined;
      if (anyOrigin) return origin;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        throw new HttpError(403, `Forbidden: Origin '${cap(origin)}' is not a valid origin.`);
      }
      const sameOrigin = url.host === hostHeader;
      const allowed = sameOrigin || origins.has(url.origin) || (loopback && LOOPBACK_HOSTNAMES.has(url.hostname));
      if (!allowed) throw new HttpError(403, `Forbidden: Origin '${cap(origin)}' is not allowed. Browser clients must be served from an allowed origin.`);
      return origin;
    },
  };
}

/** `Host: [::1]:3000` → `[::1]`, `Host: example.com:443` → `example.com`. */
function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function normalizeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch (error) {
    throw new Error(`'${origin}' in the allowed origins is not an origin: write it as https://app.example.com.`, { cause: error });
  }
}

/** Echo at most a short prefix of a client-sent value in a message. */
function cap(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}
