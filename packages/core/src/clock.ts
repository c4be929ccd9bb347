import { realSleep } from './sleep.js';

/**
 * A source of time for the client's pacing: `now()` in epoch milliseconds and a `sleep` that rejects when its
 * `abortSignal` aborts. Inject one to drive pacing from a fake or compressed clock (tests, simulations).
 *
 * @example
 * ```ts
 * let t = 0;
 * const clock: Clock = { now: () => t, sleep: async (ms) => { t += ms; } };
 * ```
 */
export interface Clock {
  /** The current time in milliseconds since the Unix epoch. */
  now(): number;
  /** Waits `ms` milliseconds, or rejects when `abortSignal` aborts. */
  sleep(ms: number, abortSignal?: AbortSignal): Promise<void>;
}

/** The wall clock: `Date.now()` and Node's timers. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: realSleep,
};
