import type { ClusterRef, NodePool } from '@aks-scaler/core';
import { parseScalerConfig, policyFromConfig } from '@aks-scaler/policies';

const text = `
clusters:
  - { subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: myResourceGroup, name: myManagedCluster }
policy:
  max:
    - static: { web: 2 }
    - metric:
        prometheus: { url: "http://prometheus:9090", query: "sum(queue_depth)" }
        pools: [web]
        targetPerNode: 100
    - stabilize:
        scaleDownWindow: 10m
        policy: { schedule: { timezone: UTC, rules: [{ when: "Mon-Fri 08:00-18:00", counts: { web: 6 } }] } }
`;
const cluster: ClusterRef = { subscriptionId: 'docs', resourceGroup: 'docs', clusterName: 'docs' };
const pools: NodePool[] = [
  {
    cluster,
    name: 'web',
    count: 4,
    mode: 'User',
    enableAutoScaling: false,
    powerState: 'Running',
    provisioningState: 'Succeeded',
  },
];
// A Prometheus that always reads 900.
const fetch = (async () =>
  Response.json({
    status: 'success',
    data: { resultType: 'vector', result: [{ metric: {}, value: [0, '900'] }] },
  })) as typeof globalThis.fetch;

/** The state of a config-built policy after one evaluation, and what a restart with another state says. */
export async function savedState(): Promise<string> {
  const config = parseScalerConfig(text);
  const now = new Date('2026-01-05T09:00:00Z');
  // #region restart
  const policy = policyFromConfig(config, { fetch }); // one instance per cluster (`fetch`: a stub Prometheus)
  await policy.evaluate({ now, cluster, pools });
  const saved = JSON.stringify(policy.toJSON()); // e.g. into a ConfigMap, after every reconcile

  // After a restart: each stateful policy of the tree takes back its part.
  const restarted = policyFromConfig(config, { fetch, initialState: JSON.parse(saved) });
  // A state saved by another config is ignored part by part: `warnings` says which, as { path, message }.
  const changed = policyFromConfig(config, { fetch, initialState: [null, { recommendations: 'x' }, null] });
  // #endregion restart
  const warnings = changed.warnings.map((warning) => `${warning.path}: ${warning.message}`);
  const parts = restarted.toJSON() as unknown[];
  return [
    '```json',
    `[\n${parts.map((part) => `  ${JSON.stringify(part)}`).join(',\n')}\n]`,
    '```',
    '',
    '```text',
    ...warnings,
    '```',
  ].join('\n');
}
