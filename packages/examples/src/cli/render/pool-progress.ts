import type { ScalerEvent } from '@aks-scaler/core';
import { formatElapsed } from '@aks-scaler/core/common';

/** One step of a pool's progress: a reconcile event, or the same fields read back from the pod's log lines. */
export interface ProgressEvent {
  /** `planned`, `waiting`, `started`, `progress`, `succeeded`, `failed`, `skipped` or `retry`. */
  type: string;
  /** The pool. */
  pool: string;
  /** The count before. */
  from?: number;
  /** The count asked for. */
  to?: number;
  /** The plan's action (`scale`, `start`, `stop`, `bounds`, `none`, `skip`). */
  action?: string;
  /** The autoscaler range a `bounds` step writes. */
  bounds?: { minCount: number; maxCount: number };
  /** ARM's provisioning state, when known. */
  provisioningState?: string;
  /** The node count as last read. */
  count?: number;
  /** Why (plans, skips, waits, retries). */
  reason?: string;
  /** The failure, for `failed`. */
  error?: { code: string; message: string };
}

/** Where a pool is. */
export type PoolPhase = 'pending' | 'waiting' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'unchanged';

/** What the display knows about one pool. */
export interface PoolProgressState {
  /** The pool. */
  pool: string;
  /** Where it is. */
  phase: PoolPhase;
  /** The count before. */
  from?: number;
  /** The count asked for. */
  to?: number;
  /** The plan's action, once planned. */
  action?: string;
  /** The autoscaler range a `bounds` step writes. */
  bounds?: { minCount: number; maxCount: number };
  /** ARM's provisioning state, when known. */
  provisioningState?: string;
  /** When its operation (or wait) started, in ms of the display's clock. */
  startedAtInMs?: number;
  /** When it reached a final phase. */
  endedAtInMs?: number;
  /** The latest reason or error message. */
  note?: string;
}

const FINAL: ReadonlySet<PoolPhase> = new Set(['succeeded', 'failed', 'skipped', 'unchanged']);

/** Whether a phase is final. */
export function isFinalPhase(phase: PoolPhase): boolean {
  return FINAL.has(phase);
}

/** Applies one event to a pool's state (pure: returns the new state). */
export function applyProgressEvent(
  previous: PoolProgressState | undefined,
  event: ProgressEvent,
  nowInMs: number,
): PoolProgressState {
  const state: PoolProgressState = { ...(previous ?? { pool: event.pool, phase: 'pending' }) };
  if (event.from !== undefined) state.from = event.from;
  if (event.to !== undefined) state.to = event.to;
  if (event.provisioningState !== undefined) state.provisioningState = event.provisioningState;
  if (event.action !== undefined) state.action = event.action;
  if (event.bounds !== undefined) state.bounds = event.bounds;
  switch (event.type) {
    case 'planned':
      if (event.action === 'none') {
        state.phase = 'unchanged';
        state.endedAtInMs = nowInMs;
      } else if (event.action === 'skip') {
        state.phase = 'skipped';
        state.endedAtInMs = nowInMs;
      }
      if (event.reason !== undefined) state.note = event.reason;
      break;
    case 'waiting':
      state.phase = 'waiting';
      state.startedAtInMs ??= nowInMs;
      if (event.reason !== undefined) state.note = event.reason;
      break;
    case 'started':
      state.phase = 'running';
      state.startedAtInMs ??= nowInMs;
      state.provisioningState ??= BUSY_STATE[state.action ?? 'scale'] ?? 'Scaling';
      break;
    case 'progress':
      if (!isFinalPhase(state.phase)) state.phase = 'running';
      break;
    case 'succeeded':
      state.phase = 'succeeded';
      state.provisioningState = 'Succeeded';
      state.endedAtInMs = nowInMs;
      break;
    case 'failed':
      state.phase = 'failed';
      state.endedAtInMs = nowInMs;
      if (event.error) state.note = `${event.error.code}: ${event.error.message}`;
      break;
    case 'skipped':
      state.phase = 'skipped';
      state.endedAtInMs = nowInMs;
      if (event.reason !== undefined) state.note = event.reason;
      break;
    case 'retry':
      if (event.reason !== undefined) state.note = event.reason;
      break;
    default:
      break;
  }
  return state;
}

/** The state ARM shows while a step's first write runs, until the first poll says. */
const BUSY_STATE: Record<string, string> = {
  scale: 'Scaling',
  start: 'Starting',
  stop: 'Stopping',
  bounds: 'Updating',
};

/** What a pool moves to, in a few characters: `1 -> 5`, `3 -> stop`, `range 2..10`. */
function movement(state: PoolProgressState): string {
  if (state.action === 'bounds' && state.bounds)
    return `range ${state.bounds.minCount}..${state.bounds.maxCount}`;
  if (state.action === 'stop' && state.from !== undefined) return `${state.from} -> stop`;
  if (state.from !== undefined && state.to !== undefined) return `${state.from} -> ${state.to}`;
  return (state.to ?? '?').toString();
}

/** One line for a pool: `manualpool2  1 -> 5  Scaling  4.2s`, `batch  3 -> stop  Stopping  2.0s`. */
export function describePoolProgress(state: PoolProgressState, nowInMs: number, width = 12): string {
  const counts = movement(state);
  const elapsed =
    state.startedAtInMs !== undefined
      ? formatElapsed((state.endedAtInMs ?? nowInMs) - state.startedAtInMs)
      : '';
  const phase =
    state.phase === 'pending'
      ? 'planned'
      : state.phase === 'running' || state.phase === 'waiting'
        ? (state.provisioningState ?? state.phase) + (state.phase === 'waiting' ? ' (waiting)' : '')
        : state.phase;
  const parts = [state.pool.padEnd(width), counts.padEnd(10), phase.padEnd(18), elapsed];
  if ((state.phase === 'failed' || state.phase === 'skipped') && state.note) parts.push(`- ${state.note}`);
  return parts.join('  ').trimEnd();
}

/** The progress fields of a reconcile event (`finished` has none). */
export function progressEventOf(event: ScalerEvent): ProgressEvent | undefined {
  switch (event.type) {
    case 'finished':
      return undefined;
    case 'failed':
      return { type: event.type, pool: event.pool, error: { code: event.code, message: event.message } };
    case 'progress':
      return {
        type: event.type,
        pool: event.pool,
        count: event.state.count,
        provisioningState: event.state.provisioningState,
      };
    default: {
      const { cluster: _, at: __, ...rest } = event;
      return rest as ProgressEvent;
    }
  }
}

/** The progress fields of one of the pod's JSON log lines, when it is a pool event. */
export function progressEventOfLogLine(line: Record<string, unknown>): ProgressEvent | undefined {
  if (typeof line.event !== 'string' || typeof line.pool !== 'string') return undefined;
  const event: ProgressEvent = { type: line.event, pool: line.pool };
  if (typeof line.from === 'number') event.from = line.from;
  if (typeof line.to === 'number') event.to = line.to;
  if (typeof line.action === 'string') event.action = line.action;
  const bounds = line.bounds as { minCount?: unknown; maxCount?: unknown } | undefined;
  if (typeof bounds?.minCount === 'number' && typeof bounds.maxCount === 'number') {
    event.bounds = { minCount: bounds.minCount, maxCount: bounds.maxCount };
  }
  if (typeof line.provisioningState === 'string') event.provisioningState = line.provisioningState;
  if (typeof line.count === 'number') event.count = line.count;
  if (typeof line.reason === 'string') event.reason = line.reason;
  const error = line.error as { code?: unknown; message?: unknown } | undefined;
  if (error && typeof error.code === 'string')
    event.error = { code: error.code, message: String(error.message) };
  return event;
}
