import type { NodePool, PoolReport, ReconcileReport } from '@aks-scaler/core';
import { nodePool } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { createPodMetrics } from './metrics.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' };
const at = new Date(0);
const pool = (name: string, fields: Partial<NodePool> = {}) => nodePool({ cluster, name, ...fields });
const CLUSTER = 'subscription="s",resource_group="rg",cluster="aks"';

function report(pools: PoolReport[]): ReconcileReport {
  return { ok: true, dryRun: false, startedAt: at, finishedAt: new Date(1000), pools };
}

describe('pod metrics with targets beyond a count', () => {
  it('gives a pool it stops a desired count of 0, and an autoscaler range none', async () => {
    const metrics = createPodMetrics({ defaultMetrics: false });
    metrics.observePoolsRead(cluster, [
      pool('batch', { count: 3 }),
      pool('web', { count: 2, enableAutoScaling: true, minCount: 1, maxCount: 4 }),
    ]);
    metrics.observeEvent({
      type: 'planned',
      cluster,
      at,
      pool: 'batch',
      from: 3,
      to: 0,
      action: 'stop',
      reason: 'r',
      power: 'Stopped',
    });
    metrics.observeEvent({
      type: 'planned',
      cluster,
      at,
      pool: 'web',
      from: 2,
      to: 2,
      action: 'bounds',
      reason: 'r',
      power: 'Running',
      bounds: { minCount: 2, maxCount: 10 },
    });
    metrics.observeEvent({
      type: 'progress',
      cluster,
      at,
      pool: 'batch',
      state: pool('batch', { count: 0, powerState: 'Stopped', provisioningState: 'Stopping' }),
    });
    metrics.observeEvent({ type: 'succeeded', cluster, at, pool: 'batch', from: 3, to: 0, durationInMs: 5 });
    metrics.observeReport(
      cluster,
      report([
        {
          pool: 'batch',
          from: 3,
          to: 0,
          action: 'stop',
          reason: 'r',
          outcome: 'succeeded',
          power: 'Stopped',
        },
        {
          pool: 'web',
          from: 2,
          to: 2,
          action: 'bounds',
          reason: 'r',
          outcome: 'succeeded',
          power: 'Running',
          bounds: { minCount: 2, maxCount: 10 },
        },
      ]),
      10,
    );
    const text = await metrics.registry.metrics();
    expect(text).toContain(`aks_scaler_pool_desired_nodes{${CLUSTER},pool="batch"} 0`);
    expect(text).toContain(`aks_scaler_pool_current_nodes{${CLUSTER},pool="batch"} 0`);
    expect(text).not.toMatch(/aks_scaler_pool_desired_nodes\{[^}]*pool="web"/);
    expect(text).toContain(`aks_scaler_pool_current_nodes{${CLUSTER},pool="web"} 2`);
  });
});
