import { FaultList } from './fault-list.js';

/**
 * What a fault does:
 * - `throttle` answers 429 with `Retry-After` (ARM gateway shape), `server-error` 500, `unavailable` 503;
 * - `reset` destroys the connection without an answer; `delay` answers late (then normally);
 * - `conflict` starts someone else's operation on the pool first, so the request meets a 409 `OperationNotAllowed`;
 * - `etag-bump` changes the pool's eTag first (another writer), so an `If-Match` PUT meets a 412;
 * - `operation-fails` makes the operation the matched PUT starts end `Failed` with `code`/`message`;
 * - `operation-never-ends` makes it stay `InProgress` (finish it with `state.finishOperation`);
 * - `token-endpoint-down` answers the Entra token endpoint with 503.
 */
export type FaultKind =
  | 'throttle'
  | 'server-error'
  | 'unavailable'
  | 'reset'
  | 'delay'
  | 'conflict'
  | 'etag-bump'
  | 'operation-fails'
  | 'operation-never-ends'
  | 'token-endpoint-down';

/** Which of the emulator's services a request went to. */
export type EmulatorTarget = 'arm' | 'entra' | 'issuer';

/** Which requests a fault applies to; every given field must match. */
export interface FaultMatch {
  /** HTTP method, e.g. `PUT`. */
  method?: string | undefined;
  /** A regular expression (or its source) tested against the path without the query. */
  path?: RegExp | string | undefined;
  /** An agent pool name; matches requests on that pool (and its operations). */
  pool?: string | undefined;
  /** The service. @default 'entra' for `token-endpoint-down`, otherwise 'arm' */
  target?: EmulatorTarget | 'any' | undefined;
}

/** One fault to inject. */
export interface FaultSpec extends FaultMatch {
  kind: FaultKind;
  /** `Retry-After` seconds for `throttle` and `unavailable`. @default 1 for throttle */
  retryAfterInSeconds?: number | undefined;
  /** Extra latency for `delay`. @default 100 */
  delayInMs?: number | undefined;
  /** Error code for `operation-fails` (@default 'QuotaExceeded'), or of the error body of status faults. */
  code?: string | undefined;
  /** Error message for `operation-fails` or status faults. */
  message?: string | undefined;
  /** How many matching requests it hits; `Infinity` for all. @default 1 */
  times?: number | undefined;
}

/** Options of {@link FaultController.random}. */
export interface RandomFaultOptions extends FaultMatch {
  /** Probability in [0, 1] that a matching request gets a fault. */
  rate: number;
  /** The faults to choose from (uniformly); their own match fields are ignored. */
  faults: Omit<FaultSpec, keyof FaultMatch | 'times'>[];
  /** Seed of this generator. @default the emulator's `seed` */
  seed?: number | undefined;
}

/** A fault that hit a request. */
export interface TriggeredFault {
  /** Emulator-clock epoch ms. */
  at: number;
  /** The request's method. */
  method: string;
  /** The request's path. */
  path: string;
  /** What hit it. */
  kind: FaultKind;
  /** The pool the request concerned. */
  pool?: string | undefined;
}

/** A handle on an injected fault. */
export interface FaultHandle {
  /** Hits left (`Infinity` for unlimited). */
  readonly remaining: number;
  /** Removes the fault. */
  cancel(): void;
}

/** The request a fault is matched against. */
export interface FaultRequest {
  /** The service addressed. */
  target: EmulatorTarget;
  /** The HTTP method. */
  method: string;
  /** The path without the query. */
  path: string;
  /** The agent pool concerned, if any. */
  pool?: string | undefined;
}

/** Scripted and seeded-random fault injection. */
export class FaultController {
  /** Every fault that hit a request, in order. */
  readonly triggered: TriggeredFault[] = [];
  readonly #faults: FaultList<FaultSpec>;
  readonly #now: () => number;

  /** @internal */
  constructor(seed: number, now: () => number) {
    this.#faults = new FaultList(seed);
    this.#now = now;
  }

  /** Injects a fault for the next `times` matching requests. */
  inject(spec: FaultSpec): FaultHandle {
    return this.#faults.inject(spec);
  }

  /** Injects random faults: each matching request gets one of `faults` with probability `rate`. */
  random(options: RandomFaultOptions): FaultHandle {
    const { rate, faults, seed, ...match } = options;
    return this.#faults.random({ kind: faults[0]?.kind ?? 'delay', ...match }, rate, faults, seed);
  }

  /** Removes every fault. */
  clear(): void {
    this.#faults.clear();
  }

  /** @internal Returns the faults that hit this request (and counts them down). */
  take(request: FaultRequest): FaultSpec[] {
    const hits = this.#faults.take((spec) => matches(spec, request));
    for (const spec of hits) {
      this.triggered.push({
        at: this.#now(),
        method: request.method,
        path: request.path,
        kind: spec.kind,
        ...(request.pool ? { pool: request.pool } : {}),
      });
    }
    return hits;
  }
}

function matches(spec: FaultSpec, request: FaultRequest): boolean {
  const target = spec.target ?? (spec.kind === 'token-endpoint-down' ? 'entra' : 'arm');
  if (target !== 'any' && target !== request.target) return false;
  if (spec.kind === 'token-endpoint-down' && !/\/oauth2\/v2\.0\/token$/.test(request.path)) return false;
  if (spec.method && spec.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (spec.path !== undefined) {
    const pattern = typeof spec.path === 'string' ? new RegExp(spec.path) : spec.path;
    if (!pattern.test(request.path)) return false;
  }
  if (spec.pool && spec.pool.toLowerCase() !== request.pool?.toLowerCase()) return false;
  const poolScoped = ['conflict', 'etag-bump', 'operation-fails', 'operation-never-ends'].includes(spec.kind);
  return !poolScoped || (request.pool !== undefined && request.method.toUpperCase() === 'PUT');
}
