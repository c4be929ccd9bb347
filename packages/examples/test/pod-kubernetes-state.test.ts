import { parseScalerConfig } from '@aks-scaler/policies';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPolicyConfig } from '../src/pod/target-state.js';
import { podEmulatorsPerTest, START, startPod } from './helpers/kubernetes-pod.js';
import { type PrometheusStub, queueDepthPolicy, startPrometheusStub } from './helpers/prometheus-stub.js';

// state.json brings a metric policy's scale-down window back after a restart; a state that does not belong (corrupt,
// newer, another config) is ignored with one warning. manualpool2 has 5 nodes and the metric asks for 1: a fresh
// policy holds 5 for its first window (the current count counts as a recent recommendation), a restored one whose
// last recommendation of 5 is older than the window scales down.
const startEmulators = podEmulatorsPerTest();
let prometheus: PrometheusStub | undefined;
afterEach(async () => {
  await prometheus?.close();
});

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
/** The config, with a metric policy whose Prometheus is at `url`; the policy part is the same whatever the port. */
const configFor = (url: string) =>
  [
    'clusters:',
    `  - { subscription: ${SUBSCRIPTION}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
    ...queueDepthPolicy(url),
  ].join('\n');
const SIX_MINUTES_AGO = Date.parse(START) - 6 * 60_000;

function savedState(overrides: { hash?: string; version?: number } = {}): string {
  return JSON.stringify({
    version: overrides.version ?? 1,
    savedAt: new Date(SIX_MINUTES_AGO).toISOString(),
    clusters: [
      {
        subscription: SUBSCRIPTION,
        resourceGroup: 'myResourceGroup',
        name: 'myManagedCluster',
        policy: {
          hash: overrides.hash ?? hashPolicyConfig(parseScalerConfig(configFor(prometheus!.url)).policy),
          state: {
            consecutiveFailures: 0,
            recommendations: { manualpool2: [{ at: SIX_MINUTES_AGO, count: 5 }] },
          },
        },
      },
    ],
  });
}

async function runWithSavedState(state: (() => string) | undefined) {
  prometheus = await startPrometheusStub(100);
  const config = configFor(prometheus.url);
  const { arm, kubernetes } = await startEmulators({ pools: [{ name: 'manualpool2', count: 5 }] });
  if (state !== undefined) {
    kubernetes.state.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'aks-scaler-status', namespace: 'default' },
      data: { 'state.json': state() },
    });
  }
  const pod = await startPod({
    arm,
    env: {
      SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml',
      KUBECONFIG: await kubernetes.writeKubeconfig(),
      // The config lists the cluster.
      SUBSCRIPTION: undefined,
      RESOURCE_GROUP: undefined,
      CLUSTER_NAME: undefined,
    },
    config,
  });
  const code = await pod.done;
  const pools = pod.summaries()[0]?.pools as Array<{ to: number; reason: string }>;
  const warnings = pod.lines.filter((line) => line.level === 'warn').map((line) => String(line.msg));
  const saved = JSON.parse(
    kubernetes.state.get('configmaps', 'default', 'aks-scaler-status')!.data!['state.json']!,
  );
  const hash = hashPolicyConfig(parseScalerConfig(config).policy);
  return { code, pool: pools[0]!, warnings, lines: pod.lines, saved, hash, arm };
}

describe('state.json across restarts', () => {
  it("gives the metric policy its saved window back, and saves the new one under the config's hash", async () => {
    const run = await runWithSavedState(() => savedState());
    expect(run.code).toBe(0);
    expect(run.pool.to).toBe(1); // the recommendation of 5 is six minutes old: out of the 5-minute window
    expect(run.arm.state.getPool('manualpool2')?.count).toBe(1);
    expect(run.warnings).toEqual([]);
    expect(run.lines.find((line) => line.msg === "restored the policies' saved state")).toMatchObject({
      clusters: ['myResourceGroup/myManagedCluster'],
      savedAt: new Date(SIX_MINUTES_AGO).toISOString(),
    });
    expect(run.saved).toEqual({
      version: 1,
      savedAt: START,
      clusters: [
        {
          subscription: SUBSCRIPTION,
          resourceGroup: 'myResourceGroup',
          name: 'myManagedCluster',
          policy: {
            hash: run.hash,
            state: {
              consecutiveFailures: 0,
              recommendations: { manualpool2: [{ at: Date.parse(START), count: 1 }] },
            },
          },
          // What the scale-down 5 -> 1 took, learned and kept for the next run.
          operationDurations: [
            {
              pool: 'manualpool2',
              direction: 'down',
              samples: [{ durationInMs: expect.any(Number), nodes: 4, endedAt: expect.any(Number) }],
            },
          ],
        },
      ],
    });
  });

  it('keeps the learned operation durations across runs: the saved ones come back and the new one is added', async () => {
    const earlier = { durationInMs: 111_000, nodes: 3, endedAt: SIX_MINUTES_AGO };
    const run = await runWithSavedState(() => {
      const document = JSON.parse(savedState());
      document.clusters[0].operationDurations = [
        { pool: 'manualpool2', direction: 'down', samples: [earlier] },
      ];
      return JSON.stringify(document);
    });
    expect(run.code).toBe(0);
    expect(run.saved.clusters[0].operationDurations).toEqual([
      {
        pool: 'manualpool2',
        direction: 'down',
        samples: [earlier, { durationInMs: expect.any(Number), nodes: 4, endedAt: expect.any(Number) }],
      },
    ]);
  });

  it('starts fresh without a saved state: the first window holds the current count', async () => {
    const run = await runWithSavedState(undefined);
    expect(run.pool).toMatchObject({ to: 5, reason: expect.stringContaining('scale-down held at 5') });
    expect(run.warnings).toEqual([]);
  });

  it.each([
    [
      'of another config (another hash)',
      () => savedState({ hash: 'sha256:0000000000000000' }),
      /saved for another config/,
    ],
    ['saved by a newer scaler', () => savedState({ version: 2 }), /version 2, saved by a newer aks-scaler/],
    ['corrupt', () => '{"version": 1, "clusters": [', /not JSON \(corrupt\?\)/],
  ])('ignores a state %s with one warning, and starts fresh', async (_what, state, why) => {
    const run = await runWithSavedState(state);
    expect(run.code).toBe(0);
    expect(run.pool).toMatchObject({ to: 5, reason: expect.stringContaining('scale-down held at 5') });
    expect(run.warnings).toEqual([expect.stringMatching(why)]);
    expect(run.saved.clusters[0].policy.hash).toBe(run.hash); // replaced by this run's state
  });
});
