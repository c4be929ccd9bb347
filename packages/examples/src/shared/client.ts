import {
  type ArmNodePoolClient,
  type ArmResponseInfo,
  createNodePoolClient,
  type OperationDurations,
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
  /** Where operation durations are learned and read (the pod keeps one across reconciles). @default a new store */
  durations?: OperationDurations;
}

/**
 * The node-pool client for a validated setup: its credential, endpoint and polling (the poll schedule, or the fixed
 * `SCALER_POLL_INTERVAL` when set).
 */
export function createScalerClient(
  setup: ScalerSetup,
  options: CreateScalerClientOptions,
): ArmNodePoolClient {
  return createNodePoolClient({
    credential: setup.credential,
    env: options.env,
    ...(setup.settings.fixedPollInterval && { pollIntervalInMs: setup.settings.pollIntervalInMs }),
    ...(options.durations !== undefined && { durations: options.durations }),
    ...(setup.settings.writePacing !== undefined && { writePacing: setup.settings.writePacing }),
    ...(setup.settings.pollPacing !== undefined && { pollPacing: setup.settings.pollPacing }),
    ...(setup.settings.armEndpoint !== undefined && { endpoint: setup.settings.armEndpoint }),
    ...(options.ca !== undefined && { ca: options.ca }),
    ...(options.onResponse !== undefined && { onResponse: options.onResponse }),
  });
}
