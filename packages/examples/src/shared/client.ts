import {
  type ArmResponseInfo,
  createNodePoolClient,
  type NodePoolClient,
  type WriteGuard,
} from '@aks-scaler/core';
import type { ScalerSetup } from '../pod/setup.js';

/** Options of {@link createScalerClient}. */
export interface CreateScalerClientOptions {
  /** The environment (endpoint and CA fallbacks). */
  env: NodeJS.ProcessEnv;
  /** Extra CA certificates (PEM) to trust for ARM. */
  ca?: string;
  /** Called for every ARM response (metrics, readiness). */
  onResponse?: (response: ArmResponseInfo) => void;
  /** Admits writes only while this replica leads (loop mode's leader election). */
  writeGuard?: WriteGuard;
}

/** The node-pool client for a validated setup: its credential, endpoint and poll interval. */
export function createScalerClient(setup: ScalerSetup, options: CreateScalerClientOptions): NodePoolClient {
  return createNodePoolClient({
    credential: setup.credential,
    env: options.env,
    pollIntervalInMs: setup.settings.pollIntervalInMs,
    ...(setup.settings.writePacing !== undefined && { writePacing: setup.settings.writePacing }),
    ...(setup.settings.armEndpoint !== undefined && { endpoint: setup.settings.armEndpoint }),
    ...(options.ca !== undefined && { ca: options.ca }),
    ...(options.onResponse !== undefined && { onResponse: options.onResponse }),
    ...(options.writeGuard !== undefined && { writeGuard: options.writeGuard }),
  });
}
