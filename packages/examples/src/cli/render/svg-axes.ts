/** A y-axis scale: ticks from 0 to `top` every `step`. */
export interface CountScale {
  /** The distance between ticks (1, 2, 5, 10, 20, 50, ...). */
  step: number;
  /** The top of the axis: the smallest multiple of `step` at or above the largest value. */
  top: number;
  /** Every tick value, from 0 to `top`. */
  ticks: number[];
}

/**
 * A y-axis for node counts that can be read at every tick: whole-number steps on a 1-2-5 scale, the smallest
 * that needs at most `maxIntervals` intervals. Counts up to `maxIntervals` get a tick per node.
 *
 * @example
 * ```ts
 * countScale(4).ticks;   // [0, 1, 2, 3, 4]
 * countScale(10).ticks;  // [0, 1, 2, ..., 10]
 * countScale(16).ticks;  // [0, 2, 4, ..., 16]
 * countScale(230).ticks; // [0, 50, 100, 150, 200, 250]
 * ```
 */
export function countScale(largest: number, maxIntervals = 10): CountScale {
  const max = Math.max(1, Math.ceil(largest));
  let step = 1;
  for (let magnitude = 1; ; magnitude *= 10) {
    const found = [1, 2, 5].map((m) => m * magnitude).find((s) => Math.ceil(max / s) <= maxIntervals);
    if (found !== undefined) {
      step = found;
      break;
    }
  }
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  return { step, top, ticks };
}

/** A tick on the time axis. */
export interface TimeTick {
  /** The instant (ms since the epoch). */
  at: number;
  /** Local midnight: a day separator. */
  midnight: boolean;
  /** The local time, e.g. `06:00`. */
  label: string;
}

/**
 * Ticks at local wall-clock hours that are multiples of `everyHours` (0, 6, 12, 18 for 6) between `from` and `to`,
 * found on a 15-minute grid so zones with half-hour offsets and daylight-saving days line up.
 */
export function timeTicks(from: number, to: number, timezone: string, everyHours: number): TimeTick[] {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const ticks: TimeTick[] = [];
  for (let t = Math.ceil(from / 900_000) * 900_000; t <= to; t += 900_000) {
    const label = format.format(new Date(t));
    const [hour, minute] = label.split(':').map(Number) as [number, number];
    if (minute !== 0 || hour % everyHours !== 0) continue;
    // A repeated wall-clock hour (fall-back) is one tick, at its first occurrence.
    if (ticks.at(-1)?.label === label) continue;
    ticks.push({ at: t, midnight: hour === 0, label });
  }
  return ticks;
}

/** The smallest hour step (1, 2, 3, 6, 12 or 24) whose ticks stay at least `minGapInPx` apart. */
export function hourStep(hoursInRange: number, widthInPx: number, minGapInPx = 28): number {
  const perHour = widthInPx / Math.max(1, hoursInRange);
  return [1, 2, 3, 6, 12, 24].find((h) => h * perHour >= minGapInPx) ?? 24;
}
