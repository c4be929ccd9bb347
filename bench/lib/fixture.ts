import { writeFile } from 'node:fs/promises';
import tls from 'node:tls';
import {
  type ArmNodePoolClient,
  createNodePoolClient,
  type NodePoolClientOptions,
  resolveCredential,
} from '@aks-scaler/core';
import {
  type Emulator,
  type EmulatorClusterSpec,
  type OperationDuration,
  startEmulator,
  type ThrottlingOptions,
} from '@aks-scaler/testkit';
import type { TokenCredential } from '@azure/core-auth';
import { scaleRetryAfter, type TimeScale } from './time-scale.js';

/** What a convergence scenario runs against: the emulator, a warmed-up credential and the time scale. */
export interface BenchEmulator {
  emulator: Emulator;
  credential: TokenCredential;
  scale: TimeScale;
  /**
   * Creates aks-scaler's client with default settings (its poll schedule, in emulator time), or with the options
   * given (e.g. restored `durations`).
   */
  createClient(options?: Partial<NodePoolClientOptions>): ArmNodePoolClient;
  close(): Promise<void>;
}

/** Options of {@link startBenchEmulator}. */
export interface BenchEmulatorOptions {
  clusters: EmulatorClusterSpec[];
  scale: TimeScale;
  operationDurationInMs: OperationDuration;
  throttling?: boolean | ThrottlingOptions;
  pollRetryAfterInSeconds?: number;
}

/** An emulator on a (possibly compressed) clock with a Workload Identity credential whose token is already cached. */
export async function startBenchEmulator(options: BenchEmulatorOptions): Promise<BenchEmulator> {
  const { scale } = options;
  const uninstall = scaleRetryAfter(scale.factor);
  const emulator = await startEmulator({
    clusters: options.clusters,
    clock: { now: () => scale.now() },
    operationDurationInMs: options.operationDurationInMs,
    throttling: options.throttling ?? false,
    // Tokens outlive the run in emulator time (a compressed clock would otherwise expire them in seconds).
    tokenLifetimeInSeconds: 60 * 24 * 3600,
    ...(options.pollRetryAfterInSeconds !== undefined && {
      pollRetryAfterInSeconds: options.pollRetryAfterInSeconds,
    }),
  });
  try {
    const tokenFile = `${(await emulator.writeFederatedTokenFile()).replace(/[^/]+$/, '')}bench-token`;
    const assertion = await emulator.issueServiceAccountToken('default', 'workload-identity-sa', {
      expiresInSeconds: 60 * 24 * 3600,
    });
    await writeFile(tokenFile, assertion, { mode: 0o600 });
    trustProcessWide(emulator.caCert);
    const { credential } = resolveCredential({
      mode: 'workload-identity',
      env: {
        AZURE_CLIENT_ID: emulator.clientId,
        AZURE_TENANT_ID: emulator.tenantId,
        AZURE_FEDERATED_TOKEN_FILE: tokenFile,
        AZURE_AUTHORITY_HOST: emulator.authorityHost,
      },
    });
    // The credential exchange is not part of any convergence measurement.
    await credential.getToken('https://management.azure.com/.default');
    return {
      emulator,
      credential,
      scale,
      createClient: (extra = {}) =>
        createNodePoolClient({
          credential,
          endpoint: emulator.armEndpoint,
          env: {},
          // Every wait of the client (polls, pacing, the throttle gate, timeouts) runs on the emulator's clock.
          clock: { now: () => scale.now(), sleep: (ms, abortSignal) => scale.sleep(ms, abortSignal) },
          ...extra,
        }),
      async close() {
        await emulator.close();
        uninstall();
      },
    };
  } catch (error) {
    await emulator.close();
    uninstall();
    throw error;
  }
}

/**
 * Adds the emulator's CA to this process's default trust, as an operator's CA bundle or NODE_EXTRA_CA_CERTS would:
 * clients then need no `ca` option. (A `ca` option makes every new TLS connection build a context from the whole
 * root bundle, and the HTTP agent key every request by it: CPU that would be charged to the scenarios.)
 */
export function trustProcessWide(caCert: string): void {
  const current = tls.getCACertificates('default');
  if (!current.includes(caCert)) tls.setDefaultCACertificates([...current, caCert]);
}

/**
 * `count` clusters named `c001`… in resource group `bench`, each with `poolsPerCluster` User pools at `from` nodes;
 * with `subscriptions` > 1 the clusters are spread round-robin over that many subscriptions.
 */
export function benchClusters(
  count: number,
  poolsPerCluster: number,
  from: number,
  subscriptions = 1,
): EmulatorClusterSpec[] {
  return Array.from({ length: count }, (_, c) => ({
    ...(subscriptions > 1 && {
      subscriptionId: `00000000-0000-4000-8000-${String((c % subscriptions) + 1).padStart(12, '0')}`,
    }),
    resourceGroup: 'bench',
    name: `c${String(c + 1).padStart(3, '0')}`,
    pools: [
      { name: 'system', mode: 'System' as const, count: 1 },
      ...Array.from({ length: poolsPerCluster }, (_, p) => ({
        name: `pool${String(p + 1).padStart(3, '0')}`,
        mode: 'User' as const,
        count: from,
      })),
    ],
  }));
}
