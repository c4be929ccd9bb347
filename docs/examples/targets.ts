import { reconcile } from '@aks-scaler/core';
import { firstOf, maxOf, minOf, schedulePolicy, staticPolicy, withBounds } from '@aks-scaler/policies';
import { FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';

// #region night
// batch runs 4 nodes in office hours and is stopped otherwise; web's autoscaler gets a wide range by day
// and a narrow one at night; api keeps a count all the time.
export const nights = schedulePolicy({
  timezone: 'Europe/Berlin',
  rules: [{ when: 'Mon-Fri 07:00-19:00', counts: { batch: 4, web: { min: 3, max: 20 }, api: 3 } }],
  otherwise: { batch: 'stop', web: { min: 1, max: 4 }, api: 2 },
});
// #endregion night

/** What `reconcile` plans for the schedule above, at night and the next morning, over the same pools. */
export async function nightAndMorning(): Promise<string> {
  const client = new FakeNodePoolClient({
    pools: [
      nodePool({ name: 'batch', count: 4 }),
      nodePool({ name: 'web', count: 3, enableAutoScaling: true, minCount: 3, maxCount: 20 }),
      nodePool({ name: 'api', count: 3 }),
    ],
  });
  const lines: string[] = [];
  for (const at of ['2026-12-01T22:00:00+01:00', '2026-12-02T07:00:00+01:00']) {
    const report = await reconcile({
      client,
      cluster: nodePool({ name: 'x' }).cluster,
      policy: nights,
      stoppedPools: 'start',
      now: () => new Date(at),
    });
    lines.push(`at ${at}:`);
    for (const pool of report.pools) {
      if (pool.unknownPool) continue;
      const range = pool.bounds ? ` range ${pool.bounds.minCount}..${pool.bounds.maxCount}` : '';
      lines.push(
        `  ${pool.pool}  ${pool.action}  ${pool.from} -> ${pool.to}  ${pool.power}${range}: ${pool.reason}`,
      );
    }
  }
  return ['```text', ...lines, '```'].join('\n');
}

/** How the combinators treat stops and ranges: `night` stops batch and narrows web, `day` runs them. */
export async function targetCombinators(): Promise<string> {
  const night = staticPolicy({ batch: 'stop', web: { min: 1, max: 4 } }, { source: 'night' });
  const day = staticPolicy({ batch: 4, web: { min: 3, max: 20 } }, { source: 'day' });
  const cases = {
    'maxOf(night, day)': maxOf(night, day),
    'minOf(night, day)': minOf(night, day),
    'firstOf(night, day)': firstOf(night, day),
    'withBounds(day, { web: { max: 10 } })': withBounds(day, { web: { max: 10 } }),
  };
  const cluster = nodePool({ name: 'x' }).cluster;
  const pools = [nodePool({ name: 'web', enableAutoScaling: true, minCount: 1, maxCount: 4 })];
  const rows = ['| policy | batch | web |', '|---|---|---|'];
  for (const [label, policy] of Object.entries(cases)) {
    const decisions = await policy.evaluate({ now: new Date('2026-12-01T12:00:00Z'), cluster, pools });
    const target = (name: string) => {
      const d = decisions.find((decision) => decision.pool === name);
      if (!d) return '–';
      const what =
        d.power === 'Stopped'
          ? 'stop'
          : d.autoscaler
            ? `${d.autoscaler.minCount}..${d.autoscaler.maxCount}`
            : String(d.count);
      return `${what} (${d.reason})`;
    };
    rows.push(`| \`${label}\` | ${target('batch')} | ${target('web')} |`);
  }
  return rows.join('\n');
}
