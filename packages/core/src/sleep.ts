import { setTimeout as delay } from 'node:timers/promises';
import { AbortedError } from './errors.js';

/** Waits `ms` milliseconds, or rejects with `AbortedError` when `abortSignal` aborts. Injectable for tests. */
export type Sleep = (ms: number, abortSignal?: AbortSignal) => Promise<void>;

/** The default {@link Sleep}: Node's timers. */
export const realSleep: Sleep = async (ms, abortSignal) => {
  throwIfAborted(abortSignal);
  try {
    await delay(ms, undefined, { signal: abortSignal });
  } catch (error) {
    if (abortSignal?.aborted) throw toAbortError(abortSignal, error);
    throw error;
  }
};

/** Throws the signal's reason (when it is one of ours) or an `AbortedError` when the signal has aborted. */
export function throwIfAborted(abortSignal: AbortSignal | undefined): void {
  if (abortSignal?.aborted) throw toAbortError(abortSignal);
}

/** The error to throw for an aborted signal: its reason when that is an `Error` we made, else `AbortedError`. */
export function toAbortError(abortSignal: AbortSignal, cause?: unknown): Error {
  const reason: unknown = abortSignal.reason;
  if (reason instanceof AbortedError) return reason;
  if (
    reason instanceof Error &&
    'code' in reason &&
    typeof reason.code === 'string' &&
    reason.name !== 'AbortError'
  ) {
    return reason;
  }
  return new AbortedError(undefined, { cause: cause ?? reason });
}

/** One signal that aborts when any of the given ones does (with its reason); undefined when none is given. */
export function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
