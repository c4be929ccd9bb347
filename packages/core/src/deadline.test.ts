import { describe, expect, it } from 'vitest';
import { virtualClock } from '../test/virtual-clock.js';
import { startDeadline } from './deadline.js';
import { OperationTimeoutError } from './errors.js';

const message = (ms: number) => `did not finish within ${ms} ms`;

describe('startDeadline', () => {
  it('aborts with an OperationTimeoutError when its time is up, on the injected clock', async () => {
    const clock = virtualClock(1000);
    const deadline = startDeadline({ clock, timeoutInMs: 500, message });
    await clock.run(1400);
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.remainingInMs()).toBe(100);
    await clock.run();
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBeInstanceOf(OperationTimeoutError);
    expect((deadline.signal.reason as Error).message).toBe('did not finish within 500 ms');
    expect(deadline.remainingInMs()).toBe(0);
    expect(clock.sleeps).toEqual([500]);
  });

  it('does not run while paused: the time spent paused is not counted', async () => {
    const clock = virtualClock(0);
    const deadline = startDeadline({ clock, timeoutInMs: 300, message, paused: true });
    expect(clock.pending()).toBe(0);
    deadline.resume();
    await clock.run(100);
    deadline.pause();
    expect(deadline.remainingInMs()).toBe(200);
    // A long queue while paused:
    const queued = clock.sleep(10_000);
    await clock.run();
    await queued;
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.remainingInMs()).toBe(200);
    deadline.resume();
    await clock.run();
    expect(deadline.signal.aborted).toBe(true);
    expect(clock.now()).toBe(10_300); // 100 before the pause, 10 000 paused, the 200 left after it
  });

  it('never fires once disposed', async () => {
    const clock = virtualClock(0);
    const deadline = startDeadline({ clock, timeoutInMs: 50, message });
    deadline.dispose();
    await clock.run();
    expect(deadline.signal.aborted).toBe(false);
    expect(clock.pending()).toBe(0);
  });
});
