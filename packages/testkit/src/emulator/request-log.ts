import type { EmulatorTarget } from './faults.js';

/** One request the emulator served (no query strings, tokens or assertions are kept). */
export interface RequestLogEntry {
  /** Emulator-clock epoch ms when the request arrived. */
  at: number;
  /** The HTTP method. */
  method: string;
  /** The path without the query string. */
  path: string;
  /** The `api-version` query parameter, when sent. */
  apiVersion?: string | undefined;
  /** The service that answered. */
  target: EmulatorTarget | 'unknown';
  /** The HTTP status sent; 0 when the connection was reset. */
  status: number;
  /** The caller's client id (from the access token, or the token request's `client_id`). */
  principal?: string | undefined;
  /** The agent pool the request concerned. */
  pool?: string | undefined;
  /** The `If-Match` header sent. */
  ifMatch?: string | undefined;
  /** The `If-None-Match` header sent. */
  ifNoneMatch?: string | undefined;
  /** For agent-pool PUTs: the top-level `properties` fields the body sent, sorted. */
  bodyFieldsSent?: string[] | undefined;
  /** The `Retry-After` header the emulator sent, in seconds. */
  retryAfterSent?: number | undefined;
  /** The ARM or Entra error code sent, if any. */
  errorCode?: string | undefined;
}
