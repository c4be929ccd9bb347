import type { NodePool, PolicyContext } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { loadScalerSetup } from './setup.js';

const WORKLOAD_IDENTITY = {
  AZURE_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
  AZURE_TENANT_ID: '11111111-1111-4111-8111-111111111111',
  AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/wi/token/azure-identity-token',
  AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/',
};
// Subscription 1 hashes to shard 0 of 3, subscription 4 to shard 1 (FNV-1a, computed separately).
const ONE = '00000001-0000-4000-8000-000000000001';
const FOUR = '00000004-0000-4000-8000-000000000004';
const CONFIG = `
clusters:
  - { subscription: ${ONE}, resourceGroup: rg1, name: aks1 }
  - { subscription: ${FOUR}, selector: { tags: { fleet: shop } }, autoscalerPools: bounds, location: westeurope }
  - { subscription: ${ONE}, resourceGroup: rg-b, selector: { tags: { fleet: shop, env: prod } } }
policy:
  stabilize:
    scaleDownWindow: 10m
    policy: { schedule: { timezone: UTC, rules: [{ when: "Mon 10:00-10:05", counts: { web: 6 } }], otherwise: { web: 0 } } }
`;
const load = (env: NodeJS.ProcessEnv = {}) =>
  loadScalerSetup(
    { ...WORKLOAD_IDENTITY, SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml', ...env },
    { readTextFile: async () => CONFIG },
  );

const cluster = { subscriptionId: FOUR, resourceGroup: 'rg', clusterName: 'web' };
const at = (iso: string, count: number): PolicyContext => ({
  now: new Date(iso),
  cluster,
  pools: [
    {
      cluster,
      name: 'web',
      count,
      mode: 'User',
      enableAutoScaling: false,
      powerState: 'Running',
      provisioningState: 'Succeeded',
    } as NodePool,
  ],
});

describe('loadScalerSetup with selectors', () => {
  it('keeps the named entries as targets and the selectors apart, each with its scope, tags and options', async () => {
    const setup = await load();
    expect(setup.targets.map((t) => t.cluster.clusterName)).toEqual(['aks1']);
    const { policyHash, restorePolicy } = setup.targets[0]!;
    expect(
      setup.selectors.map(({ entry, scope, tags, options }) => {
        const { policyHash: hash, restorePolicy: restore, ...rest } = options;
        // Every discovered cluster's state is saved and restored like a named one's.
        expect([hash, restore]).toEqual([policyHash, restorePolicy]);
        return [entry, scope, tags, rest];
      }),
    ).toEqual([
      [
        'clusters[1]',
        { subscriptionId: FOUR },
        { fleet: 'shop' },
        { autoscalerPools: 'bounds', location: 'westeurope', unknownPools: 'error' },
      ],
      [
        'clusters[2]',
        { subscriptionId: ONE, resourceGroup: 'rg-b' },
        { fleet: 'shop', env: 'prod' },
        { unknownPools: 'error' },
      ],
    ]);
    expect(policyHash).toMatch(/^sha256:/);
    expect(setup.shard).toBeUndefined();
  });

  it('gives each discovered cluster a new policy instance, and one rebuilt from an earlier instance takes its state back', async () => {
    const [selector] = (await load()).selectors;
    const first = selector!.createPolicy();
    const second = selector!.createPolicy();
    expect(second).not.toBe(first);
    // The schedule's window was open at 10:00 (6 nodes): the stabilization window remembers it.
    await first.evaluate(at('2026-11-30T10:00:00Z', 6));
    const json = (policy: typeof first) => (policy as unknown as { toJSON(): unknown }).toJSON();
    const rebuilt = selector!.createPolicy(first);
    const fresh = selector!.createPolicy();
    expect(json(rebuilt)).toEqual(json(first));
    expect(json(fresh)).not.toEqual(json(first));
    // At 10:11 the schedule says 0 and the 10:00 recommendation has left the 10-minute window: the rebuilt policy,
    // which knows its history, scales down; a fresh one holds the current count (6) for its first window.
    const decide = async (policy: typeof first) =>
      (await policy.evaluate(at('2026-11-30T10:11:00Z', 6))).map((d) => d.count);
    expect(await decide(rebuilt)).toEqual([0]);
    expect(await decide(fresh)).toEqual([6]);
  });

  it('with SCALER_SHARD keeps only the entries of subscriptions that hash to this shard', async () => {
    const zero = await load({ SCALER_SHARD: '0/3' });
    expect(zero.targets.map((t) => t.cluster.clusterName)).toEqual(['aks1']);
    expect(zero.selectors.map((s) => s.entry)).toEqual(['clusters[2]']);
    expect(zero.shard).toEqual({ index: 0, count: 3, from: 'SCALER_SHARD', taken: 2, total: 3 });
    const one = await load({ SCALER_SHARD: 'auto', SCALER_SHARDS: '3', JOB_COMPLETION_INDEX: '1' });
    expect([one.targets.length, one.selectors.map((s) => s.entry)]).toEqual([0, ['clusters[1]']]);
    const two = await load({ SCALER_SHARD: '2/3' });
    expect([two.targets, two.selectors, two.shard?.taken]).toEqual([[], [], 0]);
  });
});
