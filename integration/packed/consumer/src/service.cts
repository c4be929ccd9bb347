// The same service as a CommonJS module: it `require`s the ESM builds (Node 22.12+ loads them synchronously).
import core = require('@aks-scaler/core');
import errors = require('@aks-scaler/core/errors');
import policies = require('@aks-scaler/policies');
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
      policy: policies.fromNodePoolsAmount(SEED),
      abortSignal: undefined,
    });
    const counts = Object.fromEntries(emulator.state.listPools().map((pool) => [pool.name, pool.count]));
    const checks = { configError: new errors.ConfigError('x', { issues: [] }).code, schema: schema.type };
    process.stdout.write(`${JSON.stringify({ ok: report.ok, counts, checks })}\n`);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
