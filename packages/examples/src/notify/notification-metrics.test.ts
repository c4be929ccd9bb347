import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { countNotifications } from './notification-metrics.js';

describe('countNotifications', () => {
  it('counts results in aks_scaler_notifications_total{result}, every result present from the start', async () => {
    const registry = new Registry();
    const count = countNotifications(registry);
    const result = { kind: 'scaled', sink: 'notify[0]', host: 'hooks.slack.com', attempts: 1 } as const;
    count({ ...result, result: 'delivered' });
    count({ ...result, result: 'delivered' });
    count({ ...result, result: 'failed' });
    const text = await registry.metrics();
    expect(text).toContain('# TYPE aks_scaler_notifications_total counter');
    expect(text).toContain('aks_scaler_notifications_total{result="delivered"} 2');
    expect(text).toContain('aks_scaler_notifications_total{result="failed"} 1');
    expect(text).toContain('aks_scaler_notifications_total{result="dropped"} 0');
  });
});
