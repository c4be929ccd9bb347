import type { NodePool, PoolReport } from '@aks-scaler/core';
import { formatElapsed } from '@aks-scaler/core/common';
import type { OverrideStatus } from '@aks-scaler/policies';
import Table from 'cli-table3';

function table(
  head: string[],
  rows: Array<Array<string | number>>,
  colWidths?: Array<number | null>,
): string {
  const t = new Table({
    head,
    style: { head: [], border: [], compact: false },
    wordWrap: true,
    ...(colWidths && { colWidths }),
  });
  for (const row of rows) t.push(row.map(String));
  return t.toString();
}

/** The `pools` table: name, mode, count, autoscaler min/max, power, state, vmSize. */
export function poolsTable(pools: readonly NodePool[]): string {
  return table(
    ['pool', 'mode', 'count', 'autoscaler', 'power', 'state', 'vmSize'],
    pools.map((p) => [
      p.name,
      p.mode,
      p.count,
      p.enableAutoScaling ? `${p.minCount ?? '?'}..${p.maxCount ?? '?'}` : 'off',
      p.powerState,
      p.provisioningState,
      p.vmSize ?? '',
    ]),
  );
}

/** A plan row. */
export interface PlanRow {
  /** The pool. */
  pool: string;
  /** Count as read. */
  from: number;
  /** Count asked for. */
  to: number;
  /** `scale`, `none` or `skip`. */
  action: string;
  /** Why. */
  reason: string;
}

/** The `plan` table: pool, from, to, action, why. */
export function planTable(rows: readonly PlanRow[], width = 110): string {
  const reasonWidth = Math.max(30, width - 50);
  return table(
    ['pool', 'from', 'to', 'action', 'why'],
    rows.map((r) => [r.pool, r.from, r.to, r.action, r.reason]),
    [16, 7, 7, 9, reasonWidth],
  );
}

/** The final table of `apply` and `demo`: pool, from, to, outcome, time. */
export function resultTable(pools: readonly PoolReport[]): string {
  return table(
    ['pool', 'from', 'to', 'outcome', 'time'],
    pools.map((p) => [
      p.pool,
      p.from ?? '-',
      p.to ?? '-',
      p.outcome + (p.error ? ` (${p.error.code})` : ''),
      p.durationInMs !== undefined ? formatElapsed(p.durationInMs) : '-',
    ]),
  );
}

/** The `override list` table: pool, source, target, until, state, reason, and what to fix or why it does not apply. */
export function overridesTable(rows: readonly OverrideStatus[], width = 120): string {
  const noteWidth = Math.max(30, width - 86);
  return table(
    ['pool', 'source', 'target', 'until', 'state', 'reason', 'note'],
    rows.map((r) => [
      r.pool,
      r.source === 'tag' ? 'tag' : `config ${r.path ?? ''}`.trim(),
      r.target ?? '-',
      r.until ?? '-',
      r.state === 'active' && !r.applies ? 'active, not applied' : r.state,
      r.reason ?? '',
      r.note ?? '',
    ]),
    [14, 20, 9, 24, 10, 16, noteWidth],
  );
}
