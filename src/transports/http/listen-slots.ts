import type { ServerResponse } from 'node:http';
import { HttpError } from './http-error.js';

export interface ListenSlots {
  /** Count `count` more open subscriptions/listen streams for `client` until `res` closes, or throw 429 past the cap. */
  hold(client: string, count: number, res: ServerResponse): void;
}

/**
 * Open `subscriptions/listen` streams per client. The SDK caps them for the whole server (1,024); without a
 * cap per client, one client could take them all.
 */
export function createListenSlots({ maxPerClient }: { maxPerClient: number }): ListenSlots {
  const open = new Map<string, number>();
  return {
    hold(client, count, res) {
      const held = open.get(client) ?? 0;
      if (held + count > maxPerClient) {
        throw new HttpError(429, `Too Many Requests: a client may keep at most ${maxPerClient} subscriptions/listen streams open, and ${held} are. Close one first.`);
      }
      open.set(client, held + count);
      res.once('close', () => {
        const left = (open.get(client) ?? count) - count;
        if (left > 0) open.set(client, left);
        else open.delete(client);
      });
    },
  };
}
