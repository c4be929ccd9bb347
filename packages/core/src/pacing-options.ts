import type { Clock } from './clock.js';
import { definedOnly } from './defined-only.js';

/**
 * Client-side pacing of agent-pool PUTs, per subscription. The AKS resource provider allows a burst of PUTs,
 * then refills slowly, and answers anything beyond with 429; pacing keeps the writes of one client (every
 * cluster of a fleet in that subscription) under that limit, so pools wait for their turn instead of failing.
 */
export interface WritePacingOptions {
  /**
   * Agent-pool PUTs that may be sent at once, per subscription (the AKS limit's burst).
   * @default 20
   */
  burst?: number | undefined;
  /**
   * Agent-pool PUTs added back per minute, per subscription (the AKS limit's refill).
   * @default 1
   */
  refillPerMinute?: number | undefined;
}

/**
 * The subscription-wide throttle gate. When ARM or AKS answers 429 with `Retry-After`, new requests of that kind
 * (reads or writes) for the subscription wait until it elapses; when ARM's `x-ms-ratelimit-remaining-subscription-*`
 * header reports few requests left, requests of that kind are spaced by ARM's refill rate.
 */
export interface ThrottleGateOptions {
  /**
   * At or below this many remaining reads (or writes), requests of that kind are spaced by its refill rate.
   * @default 20
   */
  lowRemaining?: number | undefined;
  /**
   * ARM's refill rate of subscription reads, used for spacing.
   * @default 25
   */
  readsPerSecond?: number | undefined;
  /**
   * ARM's refill rate of subscription writes, used for spacing.
   * @default 10
   */
  writesPerSecond?: number | undefined;
}

/**
 * Client-side pacing of polls, per subscription: every poll of a running operation (its operation-status GET) and
 * of a busy pool takes a token of a bucket sized to AKS's operation-status limit, so many operations polled at once
 * (a fleet) never send more than AKS refills.
 */
export interface PollPacingOptions {
  /**
   * Polls that may be sent at once, per subscription (the AKS limit's burst).
   * @default 200
   */
  burst?: number | undefined;
  /**
   * Polls added back per second, per subscription (the AKS limit's refill).
   * @default 2
   */
  refillPerSecond?: number | undefined;
}

/** The resolved settings of a subscription's pacer. */
export interface PacerSettings {
  clock: Clock;
  writePacing: Required<WritePacingOptions> | false;
  throttleGate: Required<ThrottleGateOptions> | false;
  pollPacing: Required<PollPacingOptions> | false;
}

/** The defaults: AKS's documented agent-pool PUT limit. */
export const DEFAULT_WRITE_PACING: { readonly [K in keyof WritePacingOptions]-?: number } = {
  burst: 20,
  refillPerMinute: 1,
};
/** The defaults: AKS's documented operation-status GET limit. */
export const DEFAULT_POLL_PACING: { readonly [K in keyof PollPacingOptions]-?: number } = {
  burst: 200,
  refillPerSecond: 2,
};
/** The defaults: ARM's subscription refill rates. */
export const DEFAULT_THROTTLE_GATE: { readonly [K in keyof ThrottleGateOptions]-?: number } = {
  lowRemaining: 20,
  readsPerSecond: 25,
  writesPerSecond: 10,
};

/** Validates and fills in the pacing options; throws `ConfigError` listing every bad value. */
export function resolvePacerSettings(
  options: {
    writePacing?: WritePacingOptions | false | undefined;
    throttleGate?: ThrottleGateOptions | false | undefined;
    pollPacing?: PollPacingOptions | false | undefined;
  },
  clock: Clock,
): { settings: PacerSettings; issues: Array<{ path: string; message: string }> } {
  const issues: Array<{ path: string; message: string }> = [];
  const check = (path: string, value: number, ok: boolean, expected: string) => {
    if (!ok) issues.push({ path, message: `expected ${expected}, got ${String(value)} (${typeof value})` });
  };
  let writePacing: PacerSettings['writePacing'] = false;
  if (options.writePacing !== false) {
    writePacing = { ...DEFAULT_WRITE_PACING, ...definedOnly(options.writePacing ?? {}) };
    check(
      'writePacing.burst',
      writePacing.burst,
      Number.isInteger(writePacing.burst) && writePacing.burst >= 1,
      'an integer >= 1',
    );
    check(
      'writePacing.refillPerMinute',
      writePacing.refillPerMinute,
      isPositive(writePacing.refillPerMinute),
      'a number > 0',
    );
  }
  let throttleGate: PacerSettings['throttleGate'] = false;
  if (options.throttleGate !== false) {
    throttleGate = { ...DEFAULT_THROTTLE_GATE, ...definedOnly(options.throttleGate ?? {}) };
    check(
      'throttleGate.lowRemaining',
      throttleGate.lowRemaining,
      Number.isInteger(throttleGate.lowRemaining) && throttleGate.lowRemaining >= 0,
      'an integer >= 0',
    );
    check(
      'throttleGate.readsPerSecond',
      throttleGate.readsPerSecond,
      isPositive(throttleGate.readsPerSecond),
      'a number > 0',
    );
    check(
      'throttleGate.writesPerSecond',
      throttleGate.writesPerSecond,
      isPositive(throttleGate.writesPerSecond),
      'a number > 0',
    );
  }
  let pollPacing: PacerSettings['pollPacing'] = false;
  if (options.pollPacing !== false) {
    pollPacing = { ...DEFAULT_POLL_PACING, ...definedOnly(options.pollPacing ?? {}) };
    check(
      'pollPacing.burst',
      pollPacing.burst,
      Number.isInteger(pollPacing.burst) && pollPacing.burst >= 1,
      'an integer >= 1',
    );
    check(
      'pollPacing.refillPerSecond',
      pollPacing.refillPerSecond,
      isPositive(pollPacing.refillPerSecond),
      'a number > 0',
    );
  }
  return { settings: { clock, writePacing, throttleGate, pollPacing }, issues };
}

function isPositive(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
