import { setTimeout as delay } from 'node:timers/promises';

/** Polls `check` until it returns a truthy value (bounded by `timeoutInMs`); for state that changes elsewhere. */
export async function waitUntil<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutInMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutInMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutInMs}ms waiting for ${what}`);
    await delay(20);
  }
}

/** The seed's NODE_POOLS_AMOUNT, exactly as its Pod spec sets it. */
export const SEED_NODE_POOLS_AMOUNT = '{ "manualpool2": 5, "manualpool3": 5 }';

/** A JWT-looking string: none may ever appear in output. */
export const JWT_PATTERN = /eyJ[\w-]{10,}\.[\w-]{10,}\./;
