// A small service that embeds the packages as installed from npm: it starts the emulator from the testkit, resolves
// a Workload Identity credential from it, creates the client and reconciles the seed's counts. Compiled under
// `nodenext` and under `bundler`, with `strict` and `exactOptionalPropertyTypes`.
import {
  createNodePoolClient,
  type NodePoolClientOptions,
  reconcile,
  resolveCredential,
} from '@aks-scaler/core';
import { isScalerError } from '@aks-scaler/core/errors';
import { fromNodePoolsAmount } from '@aks-scaler/policies';
import { startEmulator } from '@aks-scaler/testkit';

const SEED = '{ "manualpool2": 5, "manualpool3": 5 }';

/** Settings a service forwards as they come: some of them unset. */
interface ServiceSettings {
  userAgentPrefix?: string | undefined;
  concurrency?: number | undefined;
}

const settings: ServiceSettings = { userAgentPrefix: process.env.SERVICE_USER_AGENT };

const emulator = await startEmulator({ operationDurationInMs: 20, throttling: undefined });
try {
  const env = await emulator.workloadIdentityEnv();
  const { credential } = resolveCredential({ env, ca: emulator.caCert, mode: undefined });
  const options: NodePoolClientOptions = {
    credential,
    env,
    ca: emulator.caCert,
    pollIntervalInMs: 10,
    userAgentPrefix: settings.userAgentPrefix, // an explicit undefined
  };
  const client = createNodePoolClient(options);
  const report = await reconcile({
    client,
    cluster: {
      subscriptionId: env.SUBSCRIPTION ?? '',
      resourceGroup: env.RESOURCE_GROUP ?? '',
      clusterName: env.CLUSTER_NAME ?? '',
    },
    policy: fromNodePoolsAmount(SEED),
    concurrency: settings.concurrency,
  });
  const counts = Object.fromEntries(emulator.state.listPools().map((pool) => [pool.name, pool.count]));
  process.stdout.write(`${JSON.stringify({ ok: report.ok, counts })}\n`);
} catch (error) {
  process.stderr.write(`${isScalerError(error) ? error.code : 'unexpected'}: ${String(error)}\n`);
  process.exitCode = 1;
} finally {
  await emulator.close();
}
