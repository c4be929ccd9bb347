import type { EmulatorClock } from './types.js';

/** The wall clock, the default {@link EmulatorClock}. */
export const realClock: EmulatorClock = { now: () => Date.now() };

/** Formats an epoch-millisecond instant the way ARM does (ISO 8601, UTC, with a `Z`). */
export function isoAt(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
