import {
  firstOf,
  fromNodePoolsAmount,
  maxOf,
  minOf,
  schedulePolicy,
  staticPolicy,
  withBounds,
  withFallback,
  withStabilization,
  withStepLimit,
} from '@aks-scaler/policies';

const cluster = { subscriptionId: 'docs', resourceGroup: 'docs', clusterName: 'docs' };
const workHours = schedulePolicy({
  timezone: 'UTC',
  rules: [{ when: 'Mon-Fri 08:00-18:00', counts: { web: 30 } }],
  otherwise: { web: 2 },
});

// #region combined
// The seed's fixed counts, raised by the schedule during work hours, never above 25,
// at most 10 nodes added or 5 removed per reconcile, and scale-down only after 10 quiet minutes.
export const policy = withStabilization(
  withStepLimit(
    withBounds(maxOf(fromNodePoolsAmount('{ "web": 5, "api": 3 }'), workHours), { web: { max: 25 } }),
    { up: 10, down: 5 },
  ),
  { scaleDownWindowInMs: 10 * 60_000 },
);
// #endregion combined

/** The decisions of the combined policy on a Monday morning, when `web` has 5 nodes. */
export async function combinedReasons(): Promise<string> {
  const pools = [
    {
      cluster,
      name: 'web',
      count: 5,
      mode: 'User',
      enableAutoScaling: false,
      powerState: 'Running' as const,
      provisioningState: 'Succeeded',
    },
  ];
  const decisions = await policy.evaluate({ now: new Date('2026-01-05T09:00:00Z'), cluster, pools });
  return ['```text', ...decisions.map((d) => `${d.pool}=${d.count}: ${d.reason}`), '```'].join('\n');
}

/** One line per combinator: what it asks for and the reason it gives. */
export async function eachCombinator(): Promise<string> {
  const a = staticPolicy({ web: 1 }, { source: 'a' });
  const b = staticPolicy({ web: 3, api: 2 }, { source: 'b' });
  const failing = { name: 'custom', evaluate: () => Promise.reject(new Error('source down')) };
  const cases = {
    'maxOf(a, b)': maxOf(a, b),
    'minOf(a, b)': minOf(a, b),
    'firstOf(a, b)': firstOf(a, b),
    'withBounds(b, { web: { max: 2 } })': withBounds(b, { web: { max: 2 } }),
    'withFallback(custom, { web: 3 })': withFallback(failing, { web: 3 }),
  };
  const rows = ['| policy | decisions |', '|---|---|'];
  for (const [label, candidate] of Object.entries(cases)) {
    const decisions = await candidate.evaluate({ now: new Date('2026-01-05T09:00:00Z'), cluster, pools: [] });
    rows.push(`| \`${label}\` | ${decisions.map((d) => `${d.pool}=${d.count} (${d.reason})`).join('; ')} |`);
  }
  return rows.join('\n');
}
