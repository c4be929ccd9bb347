import { createNodePoolClient, type ReconcileReport, reconcile, resolveCredential } from '@aks-scaler/core';
import { fromNodePoolsAmount } from '@aks-scaler/policies';

/** Options of {@link reconcileOnce}. */
export interface ReconcileOnceOptions {
  /** Where the seed variables and the `AZURE_*` variables come from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** A private CA to trust for Entra and ARM (the local emulator's); not needed on Azure. */
  ca?: string;
  /** Where progress lines go. @default console.log */
  log?: (line: string) => void;
  /** Cancels waiting (ARM finishes operations it already accepted). */
  abortSignal?: AbortSignal;
}

/** What the scaler pod does once: Workload Identity, then NODE_POOLS_AMOUNT applied to one cluster. */
export async function reconcileOnce(options: ReconcileOnceOptions = {}): Promise<ReconcileReport> {
  const env = options.env ?? process.env;
  const log = options.log ?? console.log;
  const { credential, description } = resolveCredential({ env, ca: options.ca });
  log(description); // which credential was chosen and why; never a secret
  const client = createNodePoolClient({ credential, env, ca: options.ca });
  return reconcile({
    client,
    cluster: {
      subscriptionId: env.SUBSCRIPTION ?? '',
      resourceGroup: env.RESOURCE_GROUP ?? '',
      clusterName: env.CLUSTER_NAME ?? '',
    },
    policy: fromNodePoolsAmount(env.NODE_POOLS_AMOUNT ?? ''),
    concurrency: 4,
    abortSignal: options.abortSignal,
    onEvent: (event) => {
      if (event.type === 'planned')
        log(`${event.pool}: ${event.action} ${event.from} -> ${event.to} (${event.reason})`);
      if (event.type === 'succeeded') log(`${event.pool}: now ${event.to} nodes`);
      if (event.type === 'failed') log(`${event.pool}: ${event.code} ${event.message}`);
    },
  });
}
