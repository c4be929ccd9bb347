import { FaultList } from '../emulator/fault-list.js';
import type { FaultHandle } from '../emulator/faults.js';
import type { KubernetesResource } from './objects.js';
import type { KubernetesRequestLogEntry } from './request-log.js';

/**
 * What a Kubernetes fault does:
 * - `server-error` answers 500, `unavailable` 503 and `throttle` 429 with `Retry-After` (priority and fairness),
 *   each with a `Status` body;
 * - `reset` destroys the connection without an answer; `delay` answers `delayInMs` late (then normally);
 * - `conflict` makes the next update or patch of the matched object meet `409 Conflict`, as if another writer had
 *   just changed it (its resourceVersion moves on, so a client that re-reads can retry);
 * - `lease-takeover` lets another holder take the matched Lease just before the request is served, so a renewal
 *   with the old resourceVersion meets 409 and a read shows the new holder.
 */
export type KubernetesFaultKind =
  | 'server-error'
  | 'unavailable'
  | 'throttle'
  | 'reset'
  | 'delay'
  | 'conflict'
  | 'lease-takeover';

/** Which requests a fault applies to; every given field must match. */
export interface KubernetesFaultMatch {
  /** HTTP method, e.g. `PUT`. */
  method?: string | undefined;
  /** The API verb: `get`, `list`, `create`, `update`, `patch`, `delete`. */
  verb?: string | undefined;
  /** The resource. */
  resource?: KubernetesResource | undefined;
  /** The namespace in the path. */
  namespace?: string | undefined;
  /** The object's name in the path. */
  name?: string | undefined;
  /** A regular expression (or its source) tested against the path without the query. */
  path?: RegExp | string | undefined;
}

/** One fault to inject. */
export interface KubernetesFaultSpec extends KubernetesFaultMatch {
  /** What happens. */
  kind: KubernetesFaultKind;
  /** How many matching requests it hits; `Infinity` for all. @default 1 */
  times?: number | undefined;
  /** `Retry-After` seconds for `throttle` and `unavailable`. @default 1 for throttle */
  retryAfterInSeconds?: number | undefined;
  /** Extra latency for `delay`, in real milliseconds. @default 100 */
  delayInMs?: number | undefined;
  /** The Status message of `server-error`, `unavailable` and `throttle`. */
  message?: string | undefined;
  /** Who takes the Lease for `lease-takeover`. @default 'another-holder' */
  holderIdentity?: string | undefined;
}

/** Options of {@link KubernetesFaultController.random}. */
export interface KubernetesRandomFaultOptions extends KubernetesFaultMatch {
  /** Probability in [0, 1] that a matching request gets a fault. */
  rate: number;
  /** The faults to choose from (uniformly); their own match fields are ignored. */
  faults: Omit<KubernetesFaultSpec, keyof KubernetesFaultMatch | 'times'>[];
  /** Seed of this generator. @default the emulator's `seed` */
  seed?: number | undefined;
}

/** Options of {@link KubernetesFaultController.down}. */
export interface KubernetesDownOptions {
  /** How long, by the emulator clock; until the handle is cancelled when not given. */
  forInMs?: number | undefined;
  /** `reset` drops every connection (an API server that is gone); `unavailable` answers 503. @default 'reset' */
  mode?: 'reset' | 'unavailable' | undefined;
}

/** A fault that hit a request. */
export interface KubernetesTriggeredFault {
  /** Emulator-clock epoch ms. */
  at: number;
  /** The request's method. */
  method: string;
  /** The request's path. */
  path: string;
  /** What hit it (`down` while the API is down). */
  kind: KubernetesFaultKind | 'down';
  /** The object's name, if the path named one. */
  name?: string | undefined;
}

/** The request a fault is matched against: what the request log records of it. */
export type KubernetesFaultRequest = Pick<
  KubernetesRequestLogEntry,
  'method' | 'path' | 'verb' | 'resource' | 'namespace' | 'name'
>;

type KubernetesFaultList = FaultList<KubernetesFaultSpec>;

const WRITE_VERBS = new Set(['update', 'patch']);

/** Scripted, seeded-random and "API down" fault injection for the Kubernetes emulator. */
export class KubernetesFaultController {
  /** Every fault that hit a request, in order. */
  readonly triggered: KubernetesTriggeredFault[] = [];
  readonly #faults: KubernetesFaultList;
  #outages: { until: number; mode: 'reset' | 'unavailable'; cancelled: boolean }[] = [];
  readonly #now: () => number;

  /** @internal */
  constructor(seed: number, now: () => number) {
    this.#faults = new FaultList(seed);
    this.#now = now;
  }

  /** Injects a fault for the next `times` matching requests. */
  inject(spec: KubernetesFaultSpec): FaultHandle {
    return this.#faults.inject(spec);
  }

  /** Injects random faults: each matching request gets one of `faults` with probability `rate`. */
  random(options: KubernetesRandomFaultOptions): FaultHandle {
    const { rate, faults, seed, ...match } = options;
    return this.#faults.random({ kind: faults[0]?.kind ?? 'delay', ...match }, rate, faults, seed);
  }

  /**
   * Takes the whole API down (discovery included) for `forInMs` of the emulator clock, or until the handle is
   * cancelled. `remaining` is 1 while it is down, 0 after.
   *
   * @example
   * ```ts
   * const outage = emulator.faults.down({ forInMs: 30_000 }); // connections are reset for 30 s
   * outage.cancel(); // back now
   * ```
   */
  down(options: KubernetesDownOptions = {}): FaultHandle {
    const outage = {
      until: this.#now() + (options.forInMs ?? Number.POSITIVE_INFINITY),
      mode: options.mode ?? 'reset',
      cancelled: false,
    };
    this.#outages.push(outage);
    const now = this.#now;
    return {
      get remaining() {
        return !outage.cancelled && now() < outage.until ? 1 : 0;
      },
      cancel: () => {
        outage.cancelled = true;
      },
    };
  }

  /** Removes every fault and ends every outage. */
  clear(): void {
    this.#faults.clear();
    for (const outage of this.#outages) outage.cancelled = true;
    this.#outages = [];
  }

  /** @internal How the API is down right now, if it is. */
  outage(request: KubernetesFaultRequest): 'reset' | 'unavailable' | undefined {
    const now = this.#now();
    this.#outages = this.#outages.filter((outage) => !outage.cancelled && now < outage.until);
    const outage = this.#outages[0];
    if (outage) this.#record(request, 'down');
    return outage?.mode;
  }

  /** @internal Returns the faults that hit this request (and counts them down). */
  take(request: KubernetesFaultRequest): KubernetesFaultSpec[] {
    const hits = this.#faults.take(
      (spec) => matches(spec, request),
      (spec) => applies(spec, request),
    );
    for (const spec of hits) this.#record(request, spec.kind);
    return hits;
  }

  #record(request: KubernetesFaultRequest, kind: KubernetesTriggeredFault['kind']): void {
    this.triggered.push({
      at: this.#now(),
      method: request.method,
      path: request.path,
      kind,
      ...(request.name ? { name: request.name } : {}),
    });
  }
}

/** Whether a fault of this kind can act on the request (a conflict needs a write of a named object). */
function applies(spec: KubernetesFaultSpec, request: KubernetesFaultRequest): boolean {
  if (spec.kind === 'conflict') return request.name !== undefined && WRITE_VERBS.has(request.verb ?? '');
  if (spec.kind === 'lease-takeover') return request.resource === 'leases' && request.name !== undefined;
  return true;
}

function matches(spec: KubernetesFaultSpec, request: KubernetesFaultRequest): boolean {
  if (spec.method && spec.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (spec.verb && spec.verb !== request.verb) return false;
  if (spec.resource && spec.resource !== request.resource) return false;
  if (spec.namespace && spec.namespace !== request.namespace) return false;
  if (spec.name && spec.name !== request.name) return false;
  if (spec.path !== undefined) {
    const pattern = typeof spec.path === 'string' ? new RegExp(spec.path) : spec.path;
    if (!pattern.test(request.path)) return false;
  }
  return applies(spec, request);
}
