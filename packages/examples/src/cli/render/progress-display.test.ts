import { describe, expect, it } from 'vitest';
import { applyProgressEvent, describePoolProgress, progressEventOfLogLine } from './pool-progress.js';
import { createProgressDisplay } from './progress-display.js';

describe('pool progress', () => {
  it('follows a pool from plan to success, with the elapsed time', () => {
    let state = applyProgressEvent(
      undefined,
      { type: 'planned', pool: 'manualpool2', from: 1, to: 5, action: 'scale' },
      0,
    );
    expect(state.phase).toBe('pending');
    state = applyProgressEvent(state, { type: 'started', pool: 'manualpool2', from: 1, to: 5 }, 100);
    state = applyProgressEvent(
      state,
      { type: 'progress', pool: 'manualpool2', provisioningState: 'Scaling' },
      1_100,
    );
    expect(describePoolProgress(state, 2_100)).toMatch(/^manualpool2\s+1 -> 5\s+Scaling\s+2\.0s$/);
    state = applyProgressEvent(state, { type: 'succeeded', pool: 'manualpool2', from: 1, to: 5 }, 4_300);
    expect(describePoolProgress(state, 9_999)).toMatch(/^manualpool2\s+1 -> 5\s+succeeded\s+4\.2s$/);
  });

  it("reads the pod's log lines", () => {
    expect(
      progressEventOfLogLine({
        msg: 'operation failed',
        event: 'failed',
        pool: 'p',
        error: { code: 'X', message: 'm' },
      }),
    ).toEqual({ type: 'failed', pool: 'p', error: { code: 'X', message: 'm' } });
    expect(progressEventOfLogLine({ msg: 'scaler starting' })).toBeUndefined();
  });

  it('prints plain lines when stdout is not a terminal', async () => {
    const lines: string[] = [];
    let now = 0;
    const display = createProgressDisplay({
      pools: ['manualpool2', 'manualpool3'],
      out: { write: (chunk: string) => lines.push(chunk), isTTY: false },
      now: () => now,
    });
    display.update({ type: 'planned', pool: 'manualpool2', from: 1, to: 5, action: 'scale' });
    display.update({ type: 'planned', pool: 'manualpool3', from: 5, to: 5, action: 'none' });
    display.update({ type: 'started', pool: 'manualpool2', from: 1, to: 5 });
    now = 500;
    display.update({ type: 'progress', pool: 'manualpool2', provisioningState: 'Scaling' });
    now = 3_000;
    display.update({
      type: 'failed',
      pool: 'manualpool2',
      error: { code: 'OPERATION_FAILED', message: 'quota' },
    });
    await display.close();
    expect(lines.join('')).toMatchInlineSnapshot(`
      "manualpool2   1 -> 5      planned
      manualpool3   5 -> 5      unchanged
      manualpool2   1 -> 5      Scaling             0ms
      manualpool2   1 -> 5      failed              3.0s  - OPERATION_FAILED: quota
      "
    `);
  });

  it('names what a stop, a start and an autoscaler range do while they run', () => {
    const planned = (pool: string, action: string, extra = {}) =>
      applyProgressEvent(undefined, { type: 'planned', pool, from: 3, to: 0, action, ...extra }, 0);
    const started = (state: ReturnType<typeof planned>) =>
      describePoolProgress(applyProgressEvent(state, { type: 'started', pool: state.pool }, 0), 0, 6);
    expect(started(planned('batch', 'stop'))).toMatch(/^batch\s+3 -> stop\s+Stopping/);
    expect(started(planned('gpu', 'start', { from: 0, to: 4 }))).toMatch(/^gpu\s+0 -> 4\s+Starting/);
    expect(started(planned('web', 'bounds', { bounds: { minCount: 2, maxCount: 10 } }))).toMatch(
      /^web\s+range 2..10\s+Updating/,
    );
  });
});
