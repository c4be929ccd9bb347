// The same service as a CommonJS module: it `require`s the ESM builds (Node 22.12+ loads them synchronously).
import core = require('@aks-scaler/core');
import common = require('@aks-scaler/core/common');
import errors = require('@aks-scaler/core/errors');
import policies = require('@aks-scaler/policies');
import lean = require('@aks-scaler/policies/node-pools-amount');
import testkit = require('@aks-scaler/testkit');
import schema = require('@aks-scaler/policies/scaler-config.schema.json');

const SEED = '{ "manualpool2": 5, "manualpool3": 5 }';

async function main(): Promise<void> {
  const emulator = await testkit.startEmulator({ operationDurationInMs: 20 });
  try {
    const env = await emulator.workloadIdentityEnv();
    const { credential } = core.resolveCredential({ env, ca: emulator.caCert });
    const client = core.createNodePoolClient({ credential, env, ca: emulator.caCert, pollIntervalInMs: 10 });
    const report = await core.reconcile({
      client,
      cluster: {
        subscriptionId: env.SUBSCRIPTION ?? '',
        resourceGroup: env.RESOURCE_GROUP ?? '',
        clusterName: env.CLUSTER_NAME ?? '',
      },
      policy: lean.fromNodePoolsAmount(SEED),
      abortSignal: undefined,
    });
    const counts = Object.fromEntries(emulator.state.listPools().map((pool) => [pool.name, pool.count]));
    const holidays = policies.schedulePolicy({
      timezone: 'Europe/Berlin',
      holidays: { country: 'DE' },
      rules: [{ when: 'holidays', counts: { manualpool2: 0 } }],
      otherwise: { manualpool2: 5 },
    });
    const [christmas] = await holidays.evaluate({
      now: new Date('2026-12-25T10:00:00Z'),
      cluster: { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'c' },
      pools: [],
    });
    const checks = {
      configError: new errors.ConfigError('x', { issues: [] }).code,
      schema: schema.type,
      holiday: christmas?.count,
      duration: common.parseDurationInMs('1h30m'),
    };
    process.stdout.write(`${JSON.stringify({ ok: report.ok, counts, checks })}\n`);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
