import type { PolicyContext } from '@aks-scaler/core';
import {
  azureMonitorSource,
  type MetricSource,
  metricPolicy,
  prometheusSource,
  type TokenCredentialLike,
} from '@aks-scaler/policies';

// #region per-node
// One node per 100 queued messages, between 1 and 20 nodes.
export const queueWorkers = metricPolicy({
  source: prometheusSource({
    url: 'http://prometheus.monitoring:9090',
    query: 'sum(queue_depth{queue="orders"})',
  }),
  pools: ['manualpool3'],
  targetPerNode: 100,
  min: 1,
  max: 20,
});
// #endregion per-node

// #region azure-monitor
// The same credential as the scaler's (it needs Microsoft.Insights/metrics/read on the namespace).
export function serviceBusWorkers(credential: TokenCredentialLike) {
  return metricPolicy({
    source: azureMonitorSource({
      credential,
      resourceUri:
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.ServiceBus/namespaces/orders',
      metricName: 'ActiveMessages',
      aggregation: 'Maximum',
    }),
    pools: ['manualpool3'],
    targetPerNode: 500,
    max: 30,
  });
}
// #endregion azure-monitor

// #region custom-source
// Any object with a name and read(ctx) is a source; reject when there is no trustworthy value.
export function httpGaugeSource(url: string): MetricSource {
  return {
    name: `gauge ${url}`,
    async read(ctx: PolicyContext) {
      const response = await fetch(url, { signal: ctx.abortSignal });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return Number(await response.text());
    },
  };
}
// #endregion custom-source

/** The HPA rule step by step: a scripted source, five evaluations a minute or more apart. */
export async function hpaWalkthrough(): Promise<string> {
  let value = 0;
  // #region hpa
  const utilization = metricPolicy({
    source: { name: 'cpu', read: async () => value },
    pools: ['web'],
    targetValue: 0.6, // 60 % average utilization
    tolerance: 0.1, // no change between 54 % and 66 %
    min: 2,
    max: 20,
    scaleDownStabilizationInMs: 5 * 60_000,
  });
  // #endregion hpa
  const cluster = { subscriptionId: 'docs', resourceGroup: 'docs', clusterName: 'docs' };
  const steps: Array<[string, number, number]> = [
    ['10:00', 0.9, 4],
    ['10:01', 0.63, 6],
    ['10:02', 0.3, 6],
    ['10:08', 0.3, 6],
    ['10:09', 0.01, 3],
  ];
  const rows = ['| time | value | current | desired | reason |', '|---|---|---|---|---|'];
  for (const [time, reading, current] of steps) {
    value = reading;
    const now = new Date(`2026-01-05T${time}:00Z`);
    const pools = [web(cluster, current)];
    const [decision] = await utilization.evaluate({ now, cluster, pools });
    rows.push(`| ${time} | ${reading} | ${current} | ${decision?.count} | ${decision?.reason} |`);
  }
  return rows.join('\n');
}

/** What the fallback does while a source is down. */
export async function fallbackWalkthrough(): Promise<string> {
  // #region fallback
  const guarded = metricPolicy({
    source: { name: 'queue depth', read: () => Promise.reject(new Error('connection refused')) },
    pools: ['web'],
    targetPerNode: 100,
    fallback: { afterFailures: 2, count: 5 }, // without `count`, the current count is held for ever
  });
  // #endregion fallback
  const cluster = { subscriptionId: 'docs', resourceGroup: 'docs', clusterName: 'docs' };
  const lines: string[] = [];
  for (const minute of ['10:00', '10:01', '10:02']) {
    const now = new Date(`2026-01-05T${minute}:00Z`);
    const [decision] = await guarded.evaluate({ now, cluster, pools: [web(cluster, 3)] });
    lines.push(`${minute} web=${decision?.count}: ${decision?.reason}`);
  }
  return ['```text', ...lines, '```'].join('\n');
}

function web(cluster: PolicyContext['cluster'], count: number) {
  return {
    cluster,
    name: 'web',
    count,
    mode: 'User',
    enableAutoScaling: false,
    powerState: 'Running' as const,
    provisioningState: 'Succeeded',
  };
}
