// Testing your own code against the emulator: a real TLS server speaking ARM, Entra and OIDC on 127.0.0.1.
// #region start
import { startEmulator } from '@aks-scaler/testkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { reconcileOnce } from './reconcile-once.js';

const emulator = await startEmulator({
  operationDurationInMs: 5, // by the emulator's clock: operations finish almost at once
  clusters: [
    {
      resourceGroup: 'myResourceGroup',
      name: 'myManagedCluster',
      pools: [
        { name: 'nodepool1', mode: 'System', count: 1 },
        { name: 'manualpool2', count: 1, nodeLabels: { team: 'shop' } },
        { name: 'manualpool3', count: 1, enableAutoScaling: true, minCount: 1, maxCount: 5 },
      ],
    },
  ],
});
// The environment the Workload Identity webhook gives a pod: AZURE_CLIENT_ID, AZURE_TENANT_ID,
// AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST, plus AZURE_RESOURCE_MANAGER_ENDPOINT and the seed variables.
const env = {
  ...(await emulator.workloadIdentityEnv()),
  NODE_POOLS_AMOUNT: '{ "manualpool2": 5, "manualpool3": 5 }',
};
const run = () => reconcileOnce({ env, ca: emulator.caCert, log: () => {} });
// #endregion start

afterEach(() => emulator.faults.clear());

describe('reconcileOnce against the emulator', () => {
  // #region state
  it('scales manualpool2, leaves the autoscaler pool alone, and keeps every other setting', async () => {
    const report = await run();
    expect(report.ok).toBe(true);
    expect(emulator.state.getPool('manualpool2')).toMatchObject({ count: 5, nodeLabels: { team: 'shop' } });
    expect(emulator.state.getPool('manualpool3')?.count).toBe(1); // skipped: the autoscaler owns it
    expect(emulator.state.history.every((write) => write.droppedFields.length === 0)).toBe(true);
    const puts = emulator.requests.filter((request) => request.method === 'PUT');
    expect(puts.map((put) => [put.pool, put.status, put.ifMatch !== undefined])).toEqual([
      ['manualpool2', 200, true],
    ]);
  });
  // #endregion state

  // #region faults
  it('survives a throttled write and reports a failed operation', async () => {
    emulator.state.setPool('manualpool2', { count: 1 });
    emulator.faults.inject({ kind: 'throttle', method: 'PUT', pool: 'manualpool2', retryAfterInSeconds: 0 });
    expect((await run()).ok).toBe(true);

    emulator.state.setPool('manualpool2', { count: 1 });
    emulator.faults.inject({ kind: 'operation-fails', pool: 'manualpool2', code: 'QuotaExceeded' });
    const report = await run();
    expect(report.ok).toBe(false);
    expect(report.pools.find((pool) => pool.pool === 'manualpool2')?.error?.code).toBe('OPERATION_FAILED');
    expect(emulator.faults.triggered.map((fault) => fault.kind)).toEqual(['throttle', 'operation-fails']);
  });
  // #endregion faults

  // #region rbac
  it('names the missing action when the identity may only read', async () => {
    const readOnly = await startEmulator({
      rbac: {
        '22222222-2222-4222-8222-222222222222': [
          'Microsoft.ContainerService/managedClusters/read',
          'Microsoft.ContainerService/managedClusters/agentPools/read',
        ],
      },
    });
    try {
      const report = await reconcileOnce({
        env: { ...(await readOnly.workloadIdentityEnv()), NODE_POOLS_AMOUNT: '{ "manualpool2": 2 }' },
        ca: readOnly.caCert,
        log: () => {},
      });
      expect(report.pools[0]?.error?.code).toBe('AUTHORIZATION');
      expect(report.pools[0]?.error?.message).toContain(
        'Microsoft.ContainerService/managedClusters/agentPools/write',
      );
    } finally {
      await readOnly.close();
    }
  });
  // #endregion rbac
});

// vitest runs this once the file's tests are done.
afterAll(() => emulator.close());
