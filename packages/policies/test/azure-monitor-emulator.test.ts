// The Azure Monitor source against the emulator: a real Workload Identity token from its Entra, over TLS with the
// emulator's CA, reading GET {resourceUri}/providers/Microsoft.Insights/metrics.
import { request } from 'node:https';
import { resolveCredential } from '@aks-scaler/core';
import { azureMonitorSource, MetricSourceError, metricPolicy, policyFromConfig } from '@aks-scaler/policies';
import { type Emulator, startEmulator } from '@aks-scaler/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let emulator: Emulator;
let credential: ReturnType<typeof resolveCredential>['credential'];
let resourceUri: string;
const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' };

/** A fetch that trusts the emulator's CA (Node's global fetch has no per-call CA option). */
function fetchWithCa(ca: string): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init?.headers));
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        url,
        { method: init?.method ?? 'GET', headers, ca, signal: init?.signal ?? undefined },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500 })),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }) as typeof fetch;
}

beforeAll(async () => {
  emulator = await startEmulator();
  const env = await emulator.workloadIdentityEnv();
  credential = resolveCredential({ env, ca: emulator.caCert }).credential;
  resourceUri = `/subscriptions/${emulator.subscriptionId}/resourceGroups/myResourceGroup/providers/Microsoft.ServiceBus/namespaces/orders`;
  emulator.state.setMetric(resourceUri, 'ActiveMessages', 734);
});

afterAll(async () => {
  await emulator?.close();
});

function source(metricName = 'ActiveMessages') {
  return azureMonitorSource({
    credential,
    resourceUri,
    metricName,
    aggregation: 'Maximum',
    endpoint: emulator.armEndpoint,
    fetch: fetchWithCa(emulator.caCert),
  });
}

describe('azureMonitorSource against the emulator', () => {
  it('reads the metric with the Workload Identity token', async () => {
    expect(await source().read({ now: new Date('2026-11-30T10:00:00Z'), cluster, pools: [] })).toBe(734);
    const metricsRequest = emulator.requests.find((entry) =>
      entry.path?.toLowerCase().includes('/microsoft.insights/metrics'),
    );
    expect(metricsRequest).toBeDefined();
  });

  it('follows changes and drives a metric policy', async () => {
    emulator.state.setMetric(resourceUri, 'ActiveMessages', 1234);
    const policy = metricPolicy({ source: source(), pools: ['manualpool3'], targetPerNode: 100, max: 20 });
    const [decision] = await policy.evaluate({ now: new Date('2026-11-30T10:00:00Z'), cluster, pools: [] });
    expect(decision).toMatchObject({ pool: 'manualpool3', count: 13 });
    expect(decision?.reason).toContain('ActiveMessages');
  });

  it('explains an unknown metric without leaking the token', async () => {
    const error = (await source('NoSuchMetric')
      .read({ now: new Date('2026-11-30T10:00:00Z'), cluster, pools: [] })
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(MetricSourceError);
    expect(error.message).toContain('NoSuchMetric');
    expect(error.message).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  });

  it('is built from config with the scaler credential', async () => {
    const policy = policyFromConfig(
      {
        metric: {
          azureMonitor: { resourceUri, metricName: 'ActiveMessages', aggregation: 'Maximum' },
          pools: ['a'],
          targetPerNode: 1000,
        },
      },
      { credential, armEndpoint: emulator.armEndpoint, fetch: fetchWithCa(emulator.caCert) },
    );
    expect(
      (await policy.evaluate({ now: new Date('2026-11-30T10:00:00Z'), cluster, pools: [] }))[0]?.count,
    ).toBe(2);
  });
});
