import { scheduleReasonNotes } from '@aks-scaler/policies';

/** What a preview marks on a span for one pool: the holiday a schedule keeps, or a target a lead time takes early. */
export interface SegmentMark {
  /** The holiday (or holidays, `A and B`) whose rule gives the target, e.g. `Christmas Day`. */
  holiday?: string;
  /** The target is a later window's, taken early by the schedule's `leadTime`: that window, and its local start. */
  earlyStart?: { window: string; startsAt: string };
}

/** The marks of a span's reasons, per pool; pools without one are absent. */
export function marksOf(reasons: Readonly<Record<string, string>>): Record<string, SegmentMark> {
  const marks: Record<string, SegmentMark> = {};
  for (const [pool, reason] of Object.entries(reasons)) {
    const { holiday, earlyStart } = scheduleReasonNotes(reason);
    if (holiday === undefined && earlyStart === undefined) continue;
    marks[pool] = {
      ...(holiday !== undefined && { holiday }),
      ...(earlyStart && { earlyStart: { window: earlyStart.window, startsAt: earlyStart.startsAt } }),
    };
  }
  return marks;
}

/** Whether two spans have the same marks (an early start stays one span while its minutes ahead count down). */
export function sameMarks(
  a: Readonly<Record<string, SegmentMark>>,
  b: Readonly<Record<string, SegmentMark>>,
): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(marks: Readonly<Record<string, SegmentMark>>): unknown[] {
  return Object.keys(marks)
    .sort()
    .map((pool) => [
      pool,
      marks[pool]?.holiday,
      marks[pool]?.earlyStart?.window,
      marks[pool]?.earlyStart?.startsAt,
    ]);
}

/**
 * A span's marks as one note per kind, naming the pools, e.g. `holiday Christmas Day (manualpool2); early start
 * for 07:30 (manualpool3)`; empty without marks.
 */
export function describeMarks(marks: Readonly<Record<string, SegmentMark>>): string {
  const notes = new Map<string, string[]>();
  for (const pool of Object.keys(marks).sort()) {
    const mark = marks[pool] as SegmentMark;
    const texts = [
      mark.holiday !== undefined ? `holiday ${mark.holiday}` : undefined,
      mark.earlyStart ? `early start for ${mark.earlyStart.startsAt}` : undefined,
    ];
    for (const text of texts) if (text !== undefined) notes.set(text, [...(notes.get(text) ?? []), pool]);
  }
  return [...notes].map(([text, pools]) => `${text} (${pools.join(', ')})`).join('; ');
}
