import { describe, expect, it } from 'vitest';
import { createPodMetrics } from './metrics.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' };
const at = new Date(0);

describe('pod metrics', () => {
  it('follow pools, operations, errors and ARM responses', async () => {
    const metrics = createPodMetrics({ defaultMetrics: false });
    metrics.observeEvent({
      type: 'planned',
      cluster,
      at,
      pool: 'manualpool2',
      from: 1,
      to: 5,
      action: 'scale',
      reason: 'r',
    });
    metrics.observeEvent({ type: 'started', cluster, at, pool: 'manualpool2', from: 1, to: 5 });
    metrics.observeEvent({ type: 'started', cluster, at, pool: 'manualpool3', from: 1, to: 5 });
    let text = await metrics.registry.metrics();
    expect(text).toContain('aks_scaler_operations_in_flight 2');
    expect(text).toContain('aks_scaler_pool_desired_nodes{cluster="aks",pool="manualpool2"} 5');
    expect(text).toContain('aks_scaler_pool_current_nodes{cluster="aks",pool="manualpool2"} 1');
    metrics.observeEvent({
      type: 'succeeded',
      cluster,
      at,
      pool: 'manualpool2',
      from: 1,
      to: 5,
      durationInMs: 4000,
    });
    metrics.observeEvent({
      type: 'failed',
      cluster,
      at,
      pool: 'manualpool3',
      code: 'OPERATION_FAILED',
      message: 'quota',
      durationInMs: 2000,
    });
    metrics.observeResponse({
      method: 'get',
      url: 'https://x/a',
      status: 200,
      throttled: false,
      durationInMs: 20,
    });
    metrics.observeResponse({
      method: 'PUT',
      url: 'https://x/a',
      status: 429,
      throttled: true,
      durationInMs: 5,
    });
    metrics.observeReport(
      'aks',
      {
        ok: false,
        dryRun: false,
        startedAt: at,
        finishedAt: new Date(1000),
        pools: [
          { pool: 'manualpool2', from: 1, to: 5, action: 'scale', reason: 'r', outcome: 'succeeded' },
          { pool: 'manualpool3', from: 1, to: 5, action: 'scale', reason: 'r', outcome: 'failed' },
        ],
      },
      1000,
    );
    text = await metrics.registry.metrics();
    expect(text).toContain('aks_scaler_operations_in_flight 0');
    expect(text).toContain('aks_scaler_pool_current_nodes{cluster="aks",pool="manualpool2"} 5');
    expect(text).toContain('aks_scaler_errors_total{code="OPERATION_FAILED"} 1');
    expect(text).toContain('aks_scaler_operation_duration_seconds_count{outcome="succeeded"} 1');
    expect(text).toContain('aks_scaler_arm_requests_total{method="GET",status="200"} 1');
    expect(text).toContain('aks_scaler_arm_throttled_total{method="PUT"} 1');
    expect(text).toContain(
      'aks_scaler_pool_last_outcome{cluster="aks",pool="manualpool3",outcome="failed"} 1',
    );
    expect(text).toContain(
      'aks_scaler_pool_last_outcome{cluster="aks",pool="manualpool3",outcome="succeeded"} 0',
    );
    expect(text).toContain('aks_scaler_reconciles_total{cluster="aks",result="failed"} 1');
  });
});
