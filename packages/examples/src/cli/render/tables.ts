import type { NodePool, PoolReport } from '@aks-scaler/core';
import { formatElapsed } from '@aks-scaler/core/common';
import type { OverrideStatus } from '@aks-scaler/policies';
import Table from 'cli-table3';
import type { PlanRow } from './plan-rows.js';

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

/** The `plan` table: pool, nodes, power, autoscaler range, action, target, reason. */
export function planTable(rows: readonly PlanRow[], width = 120): string {
  const reasonWidth = Math.max(30, width - 84);
  return table(
    ['pool', 'nodes', 'power', 'autoscaler', 'action', 'target', 'reason'],
    rows.map((r) => [r.pool, r.nodes, r.power, r.autoscaler, r.action, r.target, r.reason]),
    [14, 10, 20, 16, 8, 12, reasonWidth],
  );
}

/**
 * The final table of `apply` and `demo`: pool, from, to, outcome, time, then the action, the power state after it
 * and the autoscaler range it wrote.
 */
export function resultTable(pools: readonly PoolReport[]): string {
  return table(
    ['pool', 'from', 'to', 'outcome', 'time', 'action', 'power', 'autoscaler'],
    pools.map((p) => [
      p.pool,
      p.from ?? '-',
      p.to ?? '-',
      p.outcome + (p.error ? ` (${p.error.code})` : ''),
      p.durationInMs !== undefined ? formatElapsed(p.durationInMs) : '-',
      p.action,
      p.power ?? '-',
      p.bounds && p.operations?.includes('bounds') ? `${p.bounds.minCount}..${p.bounds.maxCount}` : '-',
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
