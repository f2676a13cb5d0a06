import type { IncomingMessage } from 'node:http';
import type { TrustProxy } from '../../config.js';

/** Longest header value taken as an address: an IPv6 address with a zone fits; anything longer is not an address. */
const MAX_ADDRESS_LENGTH = 64;

/**
 * The address that identifies a client for rate limiting and logs. Behind Upsun's router every socket comes
 * from the router, so the real client is in `X-Client-IP` (or the last `X-Forwarded-For` hop, the one our
 * proxy appended: earlier hops are whatever the client claimed). Headers are read only when `trustProxy`
 * says a proxy sets them; otherwise any client could pick its own rate-limit key.
 */
export function readClientAddress(request: IncomingMessage, trustProxy: TrustProxy): string {
  const socketAddress = request.socket.remoteAddress ?? 'unknown';
  if (trustProxy === 'off') return socketAddress;
  const raw = request.headers[trustProxy];
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (!value) return socketAddress;
  const candidate = (trustProxy === 'x-forwarded-for' ? value.slice(value.lastIndexOf(',') + 1) : value).trim();
  return candidate !== '' && candidate.length <= MAX_ADDRESS_LENGTH ? candidate : socketAddress;
}
