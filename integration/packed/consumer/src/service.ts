// A small service that embeds the packages as installed from npm: it starts the emulator from the testkit, resolves
// a Workload Identity credential from it, creates the client and reconciles the seed's counts (through the lean
// `node-pools-amount` entry), and checks the `common` entry and a schedule's holiday calendar. Compiled under
// `nodenext` and under `bundler`, with `strict` and `exactOptionalPropertyTypes`.
import {
  createNodePoolClient,
  type NodePoolClientOptions,
  reconcile,
  resolveCredential,
} from '@aks-scaler/core';
import { parseDurationInMs } from '@aks-scaler/core/common';
import { isScalerError } from '@aks-scaler/core/errors';
import { schedulePolicy } from '@aks-scaler/policies';
import { fromNodePoolsAmount } from '@aks-scaler/policies/node-pools-amount';
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
  // Christmas Day in Germany, from the schedule's holiday calendar (date-holidays, as installed).
  const holidays = schedulePolicy({
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
  const checks = { holiday: christmas?.count, duration: parseDurationInMs('1h30m') };
  process.stdout.write(`${JSON.stringify({ ok: report.ok, counts, checks })}\n`);
} catch (error) {
  process.stderr.write(`${isScalerError(error) ? error.code : 'unexpected'}: ${String(error)}\n`);
  process.exitCode = 1;
} finally {
  await emulator.close();
}
