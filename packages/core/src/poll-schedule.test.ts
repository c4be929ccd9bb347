import { describe, expect, it } from 'vitest';
import {
  createPollSchedule,
  DEFAULT_POLL_SCHEDULE,
  fixedPollSchedule,
  type PollSchedule,
} from './poll-schedule.js';

const SECOND = 1000;

/** The instants a schedule polls at for an operation that ends at `endsAtInMs`, until the poll that sees it. */
function pollTimes(schedule: PollSchedule, endsAtInMs: number, expectedInMs?: number): number[] {
  const times: number[] = [];
  let t = 0;
  while (times.length < 10_000) {
    t += schedule.nextDelayInMs({ elapsedInMs: t, expectedInMs });
    times.push(t);
    if (t >= endsAtInMs) return times;
  }
  throw new Error('never saw the end');
}

describe('createPollSchedule', () => {
  const schedule = createPollSchedule();

  it('polls sparse early and dense near the expected end: a 6-minute operation in 16 polls, seen 3.6 s late at most', () => {
    const times = pollTimes(schedule, 360 * SECOND, 360 * SECOND);
    expect(times[0]).toBe(30 * SECOND);
    expect(times).toHaveLength(16);
    const last = times.at(-1) as number;
    expect(last - 360 * SECOND).toBeGreaterThan(0);
    expect(last - 360 * SECOND).toBeLessThanOrEqual(3.6 * SECOND);
    // The gaps shrink towards the expected end.
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(gaps.slice(-4).every((gap) => gap <= 15 * SECOND)).toBe(true);
  });

  it('sees a 60 s operation whose duration is known within 0.6 s of its end, in 8 polls (30 at a 2 s interval)', () => {
    const times = pollTimes(schedule, 60 * SECOND, 60 * SECOND);
    expect(times).toHaveLength(8);
    expect((times.at(-1) as number) - 60 * SECOND).toBeLessThanOrEqual(600);
  });

  it('past the expected end, waits half the time it is overdue, at most 4% of the time it has run', () => {
    expect(schedule.nextDelayInMs({ elapsedInMs: 61 * SECOND, expectedInMs: 60 * SECOND })).toBe(600);
    expect(schedule.nextDelayInMs({ elapsedInMs: 70 * SECOND, expectedInMs: 60 * SECOND })).toBe(2800);
    expect(schedule.nextDelayInMs({ elapsedInMs: 3000 * SECOND, expectedInMs: 60 * SECOND })).toBe(
      30 * SECOND,
    );
    // An operation that takes twice as long as expected is still seen within 4% of its end.
    const times = pollTimes(schedule, 120 * SECOND, 60 * SECOND);
    expect((times.at(-1) as number) - 120 * SECOND).toBeLessThanOrEqual(0.04 * 120 * SECOND);
  });

  it('with nothing known, polls every 2 s, then 4% of the time the operation has run, at most every 30 s', () => {
    expect(schedule.nextDelayInMs({ elapsedInMs: 0 })).toBe(2 * SECOND);
    expect(schedule.nextDelayInMs({ elapsedInMs: 40 * SECOND })).toBe(2 * SECOND);
    expect(schedule.nextDelayInMs({ elapsedInMs: 100 * SECOND })).toBe(4 * SECOND);
    expect(schedule.nextDelayInMs({ elapsedInMs: 3600 * SECOND })).toBe(30 * SECOND);
    // 20 minutes: 110 polls instead of 600 at a fixed 2 s.
    expect(pollTimes(schedule, 1200 * SECOND)).toHaveLength(110);
  });

  it('honours Retry-After over the schedule, up to 2 minutes', () => {
    expect(schedule.nextDelayInMs({ elapsedInMs: 0, expectedInMs: 600 * SECOND, retryAfterInMs: 1000 })).toBe(
      1000,
    );
    expect(schedule.nextDelayInMs({ elapsedInMs: 0, retryAfterInMs: 3_600_000 })).toBe(120 * SECOND);
    expect(DEFAULT_POLL_SCHEDULE.maxRetryAfterInMs).toBe(120 * SECOND);
  });

  it('keeps to the bounds it is given', () => {
    const tight = createPollSchedule({ minIntervalInMs: 5, maxIntervalInMs: 20, unknownIntervalInMs: 10 });
    expect(tight.nextDelayInMs({ elapsedInMs: 0 })).toBe(10);
    expect(tight.nextDelayInMs({ elapsedInMs: 0, expectedInMs: 600 * SECOND })).toBe(20);
    expect(tight.nextDelayInMs({ elapsedInMs: 299, expectedInMs: 300 })).toBe(5);
  });
});

describe('fixedPollSchedule', () => {
  it('polls at its interval unless ARM asks for another wait', () => {
    const fixed = fixedPollSchedule(2000);
    expect(fixed.nextDelayInMs({ elapsedInMs: 0, expectedInMs: 60 * SECOND })).toBe(2000);
    expect(fixed.nextDelayInMs({ elapsedInMs: 0, retryAfterInMs: 7000 })).toBe(7000);
  });
});
