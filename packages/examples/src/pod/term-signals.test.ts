import { describe, expect, it } from 'vitest';
import { virtualClock } from '../../test/helpers/virtual-clock.js';
import { createShutdown } from './shutdown.js';
import { termSignals } from './term-signals.js';

describe("a leader's reconcile signals", () => {
  it('drain as soon as the term ends, and abort once the grace period after it is over', async () => {
    const clock = virtualClock();
    const lost = new AbortController();
    const shutdown = createShutdown({ graceInMs: 25_000, clock });
    const signals = termSignals({ term: { lost: lost.signal }, shutdown, clock, graceInMs: 25_000 });
    expect([signals.drain.aborted, signals.abort.aborted]).toEqual([false, false]);
    lost.abort(new Error('b took the Lease'));
    expect([signals.drain.aborted, signals.abort.aborted]).toEqual([true, false]);
    await clock.whenSleeping((ms) => ms === 25_000);
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    clock.advance(24_999);
    await settle();
    expect(signals.abort.aborted).toBe(false);
    clock.advance(1);
    await settle();
    expect(signals.abort.aborted).toBe(true);
    expect(signals.abort.reason).toEqual(new Error('b took the Lease'));
    signals.dispose();
    shutdown.dispose();
  });

  it("follow the pod's own stop signals while the term lasts, and start no grace timer then", () => {
    const clock = virtualClock();
    const stop = new AbortController();
    const shutdown = createShutdown({ signal: stop.signal, graceInMs: 25_000, clock });
    const signals = termSignals({
      term: { lost: new AbortController().signal },
      shutdown,
      clock,
      graceInMs: 9,
    });
    expect(clock.pending()).toEqual([]);
    stop.abort();
    expect(signals.drain.aborted).toBe(true);
    expect(clock.pending()).toEqual([25_000]); // the pod's own grace, not the term's
    signals.dispose();
    shutdown.dispose();
  });
});
