import type { RateDecision } from '../rate-limiter.js';

/**
 * The messages between the primary and its worker processes, over the cluster's IPC channel (JSON). Every
 * type is prefixed: Node's own cluster messages share the channel.
 */
export type WorkerMessage =
  /** Charge a client: the primary answers with a `reply` carrying the decision. */
  | { type: 'upsun-docs:take'; id: number; clientKey: string; cost: number }
  /** How the workers stand, for /healthz: answered with a `reply` carrying the status. */
  | { type: 'upsun-docs:status'; id: number }
  /** Listening and warm: the URL it is bound to and what it serves, for the primary's start-up line. */
  | { type: 'upsun-docs:ready'; url: string; index: ServedIndexSummary };

export type PrimaryMessage =
  | { type: 'upsun-docs:reply'; id: number; decision?: RateDecision; status?: ClusterStatus; error?: string }
  /** Stop accepting, finish what is in flight, exit 0 (what SIGTERM does to a single process). */
  | { type: 'upsun-docs:shutdown' };

export interface ServedIndexSummary {
  docsCommit: string;
  builtAt: string;
  pageCount: number;
}

/** The workers as the primary sees them, in /healthz. */
export interface ClusterStatus {
  /** Worker processes the server runs when all is well. */
  workers: number;
  /** Of those, how many are listening now (fewer while one is being replaced). */
  serving: number;
  /** Workers that died and were replaced since start. */
  replaced: number;
}

/** Ours, not Node's: the primary trusts its own workers' messages past this check, and they trust it. */
function isOurs(message: unknown): boolean {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string' && (message as { type: string }).type.startsWith('upsun-docs:');
}

export const isWorkerMessage = (message: unknown): message is WorkerMessage => isOurs(message);
export const isPrimaryMessage = (message: unknown): message is PrimaryMessage => isOurs(message);
