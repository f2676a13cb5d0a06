/** One request, as one JSON line on stderr. Holds no bodies: at most a capped query (see describe-rpc-body). */
export interface RequestLogEntry {
  /** HTTP method and path (without the query string, which can hold search text). */
  http: string;
  path: string;
  status: number;
  ms: number;
  /** JSON-RPC method(s) of an /mcp request. */
  rpc?: string;
  tool?: string;
  /** Search words, capped. */
  query?: string;
  /** The rate-limit key: the client address. */
  client?: string;
  /** Whether the answer came from the answer cache (`hit`) or was built (`miss`); absent when it could not be cached. */
  cache?: 'hit' | 'miss';
  /** The worker process that answered, when several serve (its cluster id). */
  worker?: number;
  /** Why we refused or failed, in a few words (never a stack). */
  error?: string;
}

export function formatRequestLog(entry: RequestLogEntry): string {
  return JSON.stringify({ time: new Date().toISOString(), ...entry });
}
