import type { NodePool, PolicyNotice, PoolDecision } from '@aks-scaler/core';
import { schedulePolicy, withBounds, withOverrides } from '@aks-scaler/policies';

const cluster = { subscriptionId: 'docs', resourceGroup: 'docs', clusterName: 'docs' };
const workHours = schedulePolicy({
  timezone: 'Europe/Berlin',
  rules: [{ when: 'Mon-Fri 07:30-20:30', counts: { web: 10 } }],
  otherwise: { web: 2 },
});

// #region library
// The schedule decides, within bounds; a load test holds web at 20 until 17:00 UTC, past the bound.
// The pools' aks-scaler-* tags are read at every evaluation and beat both.
export const policy = withOverrides(withBounds(workHours, { web: { max: 12 } }), {
  overrides: [{ pools: ['web'], target: 20, until: '2026-12-04T17:00:00Z', reason: 'load test' }],
  now: new Date('2026-12-04T08:00:00Z'), // the 30-day limit is checked against this instant
});
// #endregion library

/** A running User pool `web` with 4 nodes and the given tags. */
function web(tags?: Record<string, string>, extra: Partial<NodePool> = {}): NodePool {
  return {
    cluster,
    name: 'web',
    count: 4,
    mode: 'User',
    enableAutoScaling: false,
    powerState: 'Running',
    provisioningState: 'Succeeded',
    ...(tags && { tags }),
    ...extra,
  };
}

/** What the policy above decides for `web` at a few instants and with a few tags, and what it tells the operator. */
export async function overrideOutcomes(): Promise<string> {
  const until = { 'aks-scaler-until': '2026-12-07T08:00:00+01:00' };
  const cases: Array<[string, string, NodePool]> = [
    ['Fri 10:00 UTC, no tags', '2026-12-04T10:00:00Z', web()],
    ['Fri 18:00 UTC, no tags (the config override has ended)', '2026-12-04T18:00:00Z', web()],
    [
      'Fri 10:00 UTC, `aks-scaler-override=pause` until Monday 08:00 +01:00, reason `deploy freeze`',
      '2026-12-04T10:00:00Z',
      web({ 'aks-scaler-override': 'pause', ...until, 'aks-scaler-reason': 'deploy freeze' }),
    ],
    [
      'Fri 10:00 UTC, `aks-scaler-override=stop` until Monday',
      '2026-12-04T10:00:00Z',
      web({ 'aks-scaler-override': 'stop', ...until }),
    ],
    [
      'Fri 10:00 UTC, `aks-scaler-override=banana`',
      '2026-12-04T10:00:00Z',
      web({ 'aks-scaler-override': 'banana', ...until }),
    ],
    [
      'Fri 18:00 UTC, `aks-scaler-override=6` without `aks-scaler-until`',
      '2026-12-04T18:00:00Z',
      web({ 'aks-scaler-override': '6' }),
    ],
  ];
  const rows = ['| situation | decision for `web` | told to the operator |', '|---|---|---|'];
  for (const [label, at, pool] of cases) {
    const notices: PolicyNotice[] = [];
    const decisions = await policy.evaluate({
      now: new Date(at),
      cluster,
      pools: [pool],
      notify: (n) => notices.push(n),
    });
    const decision = decisions.find((d) => d.pool === 'web') as
      | (PoolDecision & { override?: { pause?: boolean }; power?: string })
      | undefined;
    const target = decision?.override?.pause
      ? 'pause'
      : decision?.power === 'Stopped'
        ? 'stop'
        : String(decision?.count);
    const told = notices.map((n) => `${n.level} \`${n.code}\`: ${n.message}`).join('<br>') || '-';
    rows.push(`| ${label} | ${target}: ${decision?.reason ?? '-'} | ${told} |`);
  }
  return rows.join('\n');
}
