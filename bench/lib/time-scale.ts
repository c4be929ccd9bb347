import { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * A compressed clock: the emulator's time runs `factor` times faster than the wall clock, and every client-side
 * wait (poll interval, reconcile's sleeps, `Retry-After` of throttled requests) is divided by `factor`, so a
 * 60-second operation takes 60 / factor real seconds and every measurement is read back in emulator seconds.
 * Network and CPU time are stretched by `factor` too, which makes results pessimistic, never optimistic.
 */
export interface TimeScale {
  /** How many emulator milliseconds pass per real millisecond (1 = real time). */
  readonly factor: number;
  /** The emulator (virtual) time in epoch milliseconds. */
  now(): number;
  /** A real wait of `ms / factor` (for reconcile's injectable `sleep`). */
  sleep(ms: number, abortSignal?: AbortSignal): Promise<void>;
  /** An emulator interval in real milliseconds (for poll intervals handed to the SDK). */
  toRealMs(virtualMs: number): number;
}

/** Creates a {@link TimeScale} whose emulator time starts at `startEpochMs` (default: now). */
export function timeScale(factor: number, startEpochMs = Date.now()): TimeScale {
  if (!(Number.isFinite(factor) && factor >= 1)) {
    throw new RangeError(`time scale factor must be a finite number >= 1, got ${String(factor)}`);
  }
  const startEpoch = startEpochMs;
  const startPerf = performance.now();
  return {
    factor,
    now: () => startEpoch + (performance.now() - startPerf) * factor,
    sleep: async (ms, abortSignal) => {
      await delay(Math.max(0, ms / factor), undefined, abortSignal ? { signal: abortSignal } : {});
    },
    toRealMs: (virtualMs) => virtualMs / factor,
  };
}

type WriteHead = ServerResponse['writeHead'];

/**
 * While installed, every HTTP response this process serves that carries `Retry-After` (seconds, emulator time)
 * also carries `retry-after-ms` scaled to real time; the SDK's retry policy reads `retry-after-ms` first. The
 * emulator runs in this process, so this is how its 429s stay consistent with a compressed clock.
 * Returns the function that uninstalls it.
 */
export function scaleRetryAfter(factor: number): () => void {
  if (factor === 1) return () => undefined;
  const original = ServerResponse.prototype.writeHead as WriteHead;
  const patched = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const headers = rest.find((item) => typeof item === 'object' && item !== null && !Array.isArray(item)) as
      | Record<string, string | number>
      | undefined;
    const retryAfter = headers?.['retry-after'];
    if (headers && retryAfter !== undefined && Number.isFinite(Number(retryAfter))) {
      headers['retry-after-ms'] = String(Math.max(1, Math.round((Number(retryAfter) * 1000) / factor)));
    }
    return (original as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
  };
  ServerResponse.prototype.writeHead = patched as unknown as WriteHead;
  return () => {
    ServerResponse.prototype.writeHead = original;
  };
}
