import type { EmulatorClock, ThrottlingOptions, TokenBucketSpec } from './types.js';

/** The real ARM and AKS limits. */
export const DEFAULT_LIMITS: Required<ThrottlingOptions> = {
  reads: { capacity: 250, refillPerSecond: 25 },
  writes: { capacity: 200, refillPerSecond: 10 },
  deletes: { capacity: 200, refillPerSecond: 10 },
  putAgentPool: { capacity: 20, refillPerSecond: 1 / 60 },
  operationStatus: { capacity: 200, refillPerSecond: 2 },
};

/** The global (all principals) bucket of a subscription is this many times the per-principal one. */
const GLOBAL_FACTOR = 15;

/** A token bucket refilled continuously by the emulator clock. */
class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    readonly spec: TokenBucketSpec,
    now: number,
  ) {
    this.#tokens = spec.capacity;
    this.#updatedAt = now;
  }

  /** Refills, then reports whether a token is available and how long until one is. */
  peek(now: number): { available: boolean; remaining: number; retryAfterInSeconds: number } {
    const elapsedInSeconds = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.spec.capacity, this.#tokens + elapsedInSeconds * this.spec.refillPerSecond);
    this.#updatedAt = now;
    const available = this.#tokens >= 1;
    const missing = 1 - this.#tokens;
    const retryAfterInSeconds = available ? 0 : Math.max(1, Math.ceil(missing / this.spec.refillPerSecond));
    return { available, remaining: Math.max(0, Math.floor(this.#tokens)), retryAfterInSeconds };
  }

  /** Takes one token (the bucket may not go below zero). */
  take(): void {
    this.#tokens = Math.max(0, this.#tokens - 1);
  }
}

/** The ARM limit a request counts against. */
export type ArmRequestKind = 'reads' | 'writes' | 'deletes';

/** The outcome of a throttling check. */
export interface ThrottleDecision {
  /** False when the request must get a 429. */
  allowed: boolean;
  /** Seconds for `Retry-After` when refused. */
  retryAfterInSeconds: number;
  /** Which limit refused it. */
  limit?: 'principal' | 'global' | 'putAgentPool' | 'operationStatus';
  /** `x-ms-ratelimit-remaining-*` headers for the response. */
  headers: Record<string, string>;
}

/** ARM's per-subscription-and-principal buckets, the global ones, and the AKS agent-pool PUT bucket. */
export class Throttler {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #limits: Required<ThrottlingOptions>;

  constructor(
    readonly enforced: boolean,
    options: ThrottlingOptions,
    private readonly clock: EmulatorClock,
  ) {
    // A bucket given as `undefined` keeps its default, like one left out.
    const given = Object.fromEntries(Object.entries(options).filter(([, spec]) => spec !== undefined));
    this.#limits = { ...DEFAULT_LIMITS, ...given };
  }

  /** Counts an ARM read or write by `principal` in `subscriptionId`. */
  arm(kind: ArmRequestKind, subscriptionId: string, principal: string): ThrottleDecision {
    const now = this.clock.now();
    const spec = this.#limits[kind];
    const own = this.#bucket(`${subscriptionId}|${principal}|${kind}`, spec, now).peek(now);
    const global = this.#bucket(
      `${subscriptionId}|global|${kind}`,
      { capacity: spec.capacity * GLOBAL_FACTOR, refillPerSecond: spec.refillPerSecond * GLOBAL_FACTOR },
      now,
    ).peek(now);
    const refusedBy = !own.available ? 'principal' : !global.available ? 'global' : undefined;
    if (this.enforced && refusedBy) {
      const retryAfterInSeconds =
        refusedBy === 'principal' ? own.retryAfterInSeconds : global.retryAfterInSeconds;
      return {
        allowed: false,
        retryAfterInSeconds,
        limit: refusedBy,
        headers: remainingHeaders(kind, own.remaining, global.remaining),
      };
    }
    this.#buckets.get(`${subscriptionId}|${principal}|${kind}`)?.take();
    this.#buckets.get(`${subscriptionId}|global|${kind}`)?.take();
    return {
      allowed: true,
      retryAfterInSeconds: 0,
      headers: remainingHeaders(kind, Math.max(0, own.remaining - 1), Math.max(0, global.remaining - 1)),
    };
  }

  /** Counts an AKS agent-pool PUT in `subscriptionId`. */
  putAgentPool(subscriptionId: string): ThrottleDecision {
    return this.#provider('putAgentPool', subscriptionId);
  }

  /** Counts an AKS operation-status GET (a poll) in `subscriptionId`. */
  operationStatus(subscriptionId: string): ThrottleDecision {
    return this.#provider('operationStatus', subscriptionId);
  }

  /** One of the AKS resource provider's own per-subscription limits. */
  #provider(limit: 'putAgentPool' | 'operationStatus', subscriptionId: string): ThrottleDecision {
    const now = this.clock.now();
    const bucket = this.#bucket(`${subscriptionId.toLowerCase()}|${limit}`, this.#limits[limit], now);
    const state = bucket.peek(now);
    if (this.enforced && !state.available) {
      return { allowed: false, retryAfterInSeconds: state.retryAfterInSeconds, limit, headers: {} };
    }
    bucket.take();
    return { allowed: true, retryAfterInSeconds: 0, headers: {} };
  }

  #bucket(key: string, spec: TokenBucketSpec, now: number): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(spec, now);
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }
}

function remainingHeaders(kind: ArmRequestKind, own: number, global: number): Record<string, string> {
  return {
    [`x-ms-ratelimit-remaining-subscription-${kind}`]: String(own),
    [`x-ms-ratelimit-remaining-subscription-global-${kind}`]: String(global),
  };
}
