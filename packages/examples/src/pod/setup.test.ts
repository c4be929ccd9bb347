import { createHash } from 'node:crypto';
import { ConfigError } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { loadScalerSetup } from './setup.js';

const WORKLOAD_IDENTITY = {
  AZURE_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
  AZURE_TENANT_ID: '11111111-1111-4111-8111-111111111111',
  AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/wi/token/azure-identity-token',
  AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/',
};
const SEED = {
  ...WORKLOAD_IDENTITY,
  SUBSCRIPTION: '00000000-0000-0000-0000-000000000000',
  RESOURCE_GROUP: 'myResourceGroup',
  CLUSTER_NAME: 'myManagedCluster',
  LOCATION: 'westeurope',
  NODE_POOLS_AMOUNT: '{ "manualpool2": 5, "manualpool3": 5 }',
};
const CONFIG = `
clusters:
  - { subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg1, name: aks1, autoscalerPools: bounds }
  - { subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg2, name: aks2, location: northeurope }
policy:
  static: { manualpool2: 3 }
limits: { concurrency: 6 }
`;

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadScalerSetup', () => {
  it("builds one target from the seed's variables", async () => {
    const setup = await loadScalerSetup(SEED);
    expect(setup.targets).toHaveLength(1);
    expect(setup.targets[0]).toMatchObject({
      cluster: {
        subscriptionId: SEED.SUBSCRIPTION,
        resourceGroup: 'myResourceGroup',
        clusterName: 'myManagedCluster',
      },
      location: 'westeurope',
    });
    const decisions = await setup.targets[0]!.policy.evaluate({
      now: new Date(0),
      cluster: setup.targets[0]!.cluster,
      pools: [],
    });
    expect(decisions.map((d) => [d.pool, d.count])).toEqual([
      ['manualpool2', 5],
      ['manualpool3', 5],
    ]);
    expect(setup.concurrency).toBe(4);
    expect(setup.credentialDescription).toMatch(/workload identity/i);
  });

  it('takes clusters, policy and limits from SCALER_CONFIG, and says what it overrides', async () => {
    const setup = await loadScalerSetup(
      { ...SEED, SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml' },
      { readTextFile: async () => CONFIG },
    );
    expect(setup.targets.map((t) => [t.cluster.clusterName, t.autoscalerPools, t.location])).toEqual([
      ['aks1', 'bounds', undefined],
      ['aks2', undefined, 'northeurope'],
    ]);
    expect(setup.concurrency).toBe(6);
    expect(setup.warnings.join('\n')).toMatch(/NODE_POOLS_AMOUNT is ignored/);
    expect(
      (
        await loadScalerSetup(
          { ...WORKLOAD_IDENTITY, SCALER_CONFIG: 'x', SCALER_CONCURRENCY: '2' },
          {
            readTextFile: async () => CONFIG,
          },
        )
      ).concurrency,
    ).toBe(2);
  });

  it('lists problems of the environment, the credential variables and the policy together', async () => {
    const error = await configError(
      loadScalerSetup({
        ...SEED,
        NODE_POOLS_AMOUNT: '{ manualpool2: 5, manualpool3: 5 }',
        SCALER_MODE: 'sometimes',
        AZURE_TOKEN_CREDENTIALS: 'SomethingCredential',
      }),
    );
    const paths = error.issues.map((i) => i.path);
    expect(paths).toContain('NODE_POOLS_AMOUNT');
    expect(paths).toContain('SCALER_MODE');
    expect(error.issues.some((i) => /AZURE_TOKEN_CREDENTIALS/.test(`${i.path} ${i.message}`))).toBe(true);
    expect(error.message).toMatch(/problems; fix them all/);
  });

  it('reports an unreadable or invalid config file with its path', async () => {
    const unreadable = await configError(
      loadScalerSetup(
        { ...WORKLOAD_IDENTITY, SCALER_CONFIG: '/nowhere/scaler.yaml' },
        {
          readTextFile: async () => {
            throw new Error('ENOENT: no such file or directory');
          },
        },
      ),
    );
    expect(unreadable.issues).toEqual([
      { path: 'SCALER_CONFIG', message: expect.stringContaining('cannot read /nowhere/scaler.yaml: ENOENT') },
    ]);
    const invalid = await configError(
      loadScalerSetup(
        { ...WORKLOAD_IDENTITY, SCALER_CONFIG: 'scaler.yaml', SCALER_INTERVAL: 'often' },
        { readTextFile: async () => 'clusters: []\npolicy: { static: { BadName: 5 } }\n' },
      ),
    );
    expect(invalid.issues.length).toBeGreaterThanOrEqual(3);
    expect(invalid.issues.map((i) => i.path)).toContain('SCALER_INTERVAL');
  });

  it("adds the config's warnings, each with its path, and the sha256 of the content it read", async () => {
    const config = `${CONFIG}bounds: { manualpoo3: { max: 2 } }\n`;
    const setup = await loadScalerSetup(
      { ...WORKLOAD_IDENTITY, SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml' },
      { readTextFile: async () => config },
    );
    expect(setup.warnings).toEqual([
      expect.stringMatching(/^bounds\.manualpoo3: no policy in this config names manualpoo3/),
    ]);
    expect(setup.config).toEqual({
      path: '/etc/aks-scaler/scaler.yaml',
      hash: createHash('sha256').update(config).digest('hex'),
    });
  });

  it("gives each cluster its own policy state, so one cluster's history never holds another's pools", async () => {
    // Scale-down is held for an hour at the highest count seen; the schedule asks for 10 only from 10:00 to 10:05.
    const config = `
clusters:
  - { subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg1, name: aks1 }
  - { subscription: 00000000-0000-0000-0000-000000000000, resourceGroup: rg2, name: aks2 }
policy:
  stabilize:
    scaleDownWindow: 1h
    policy:
      schedule:
        timezone: UTC
        rules: [{ when: "* 10:00-10:05", counts: { manualpool2: 10 } }]
        otherwise: { manualpool2: 1 }
`;
    const setup = await loadScalerSetup(
      { ...WORKLOAD_IDENTITY, SCALER_CONFIG: 'scaler.yaml' },
      { readTextFile: async () => config },
    );
    const [a, b] = setup.targets;
    // Each cluster has a manualpool2 with `count` nodes when it is evaluated.
    const countAt = async (target: typeof a, at: string, count = 10) => {
      const pool = {
        cluster: target!.cluster,
        name: 'manualpool2',
        count,
        mode: 'User',
        enableAutoScaling: false,
        powerState: 'Running' as const,
        provisioningState: 'Succeeded',
      };
      const decisions = await target!.policy.evaluate({
        now: new Date(at),
        cluster: target!.cluster,
        pools: [pool],
      });
      return decisions.find((d) => d.pool === 'manualpool2')?.count;
    };
    // aks2 starts at 09:00 with 1 node (a fresh policy holds the current count for its first window: 1).
    expect(await countAt(b, '2026-11-23T09:00:00Z', 1)).toBe(1);
    expect(await countAt(a, '2026-11-23T10:00:00Z')).toBe(10);
    expect(await countAt(a, '2026-11-23T10:30:00Z')).toBe(10); // held: aks1's own history
    // aks2 has 10 nodes by now, but its policy never asked for 10: only aks1's history would hold it there.
    expect(await countAt(b, '2026-11-23T10:30:00Z')).toBe(1);
  });
});
