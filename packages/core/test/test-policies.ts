import type { Policy } from '../src/types.js';

/** One turn of the event loop. */
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A fake's sleep that takes a few event-loop turns whatever the duration: no wall-clock waiting. */
export const turns = async () => {
  for (let i = 0; i < 3; i++) await tick();
};

/** A fixed-count policy whose reasons name each count (`static a=3`). */
export function staticPolicy(counts: Record<string, number>): Policy {
  return {
    name: 'static',
    evaluate: () =>
      Object.entries(counts).map(([pool, count]) => ({ pool, count, reason: `static ${pool}=${count}` })),
  };
}
