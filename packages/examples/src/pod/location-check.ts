import { request } from 'node:https';
import { rootCertificates } from 'node:tls';
import { type ClusterRef, redact } from '@aks-scaler/core';
import type { Logger } from '../shared/logger.js';
import { clusterFields } from './event-log.js';
import type { ScalerSetup, ScalerTarget } from './setup.js';

const API_VERSION = '2026-06-01';
const SOVEREIGN_SCOPES: Record<string, string> = {
  'management.usgovcloudapi.net': 'https://management.usgovcloudapi.net/.default',
  'management.chinacloudapi.cn': 'https://management.chinacloudapi.cn/.default',
};

/** Options of {@link checkLocation}. */
export interface CheckLocationOptions {
  /** The validated setup (credential, endpoint). */
  setup: ScalerSetup;
  /** The clusters whose expected `location` is checked. */
  targets: readonly ScalerTarget[];
  /** Where warnings go. */
  logger: Logger;
  /** Extra CA certificates (PEM) to trust besides Node's bundle. */
  ca?: string;
  /** For the ARM endpoint fallback. */
  env: NodeJS.ProcessEnv;
  /** Stops the check. */
  abortSignal?: AbortSignal;
}

/**
 * Reads each cluster's region and warns when it differs from `LOCATION` (case and spaces ignored, so `West Europe`
 * equals `westeurope`). It never fails a run: a cluster it cannot read is reported at debug level, because the
 * reconcile that runs alongside reports real access problems itself.
 */
export async function checkLocation(options: CheckLocationOptions): Promise<void> {
  for (const target of options.targets) {
    if (target.location === undefined) continue;
    try {
      const actual = await readClusterLocation({ ...options, cluster: target.cluster });
      if (actual !== undefined && normalize(actual) !== normalize(target.location)) {
        options.logger.warn(
          { ...clusterFields(target.cluster), expected: target.location, actual },
          `LOCATION is ${target.location} but the cluster is in ${actual}; fix LOCATION (nothing else depends on it)`,
        );
      }
    } catch (error) {
      options.logger.debug(
        {
          ...clusterFields(target.cluster),
          reason: redact(error instanceof Error ? error.message : String(error)),
        },
        'could not read the cluster to check LOCATION',
      );
    }
  }
}

/** Options of {@link readClusterLocation}. */
export interface ReadClusterLocationOptions {
  /** The validated setup (credential, endpoint). */
  setup: ScalerSetup;
  /** The cluster to read. */
  cluster: ClusterRef;
  /** Extra CA certificates (PEM) to trust besides Node's bundle. */
  ca?: string;
  /** Stops the request. */
  abortSignal?: AbortSignal;
}

/** Reads a managed cluster's region (its ARM `location`, e.g. `westeurope`) with the setup's credential. */
export async function readClusterLocation(options: ReadClusterLocationOptions): Promise<string | undefined> {
  const endpoint = new URL(options.setup.settings.armEndpoint ?? 'https://management.azure.com');
  const scope = SOVEREIGN_SCOPES[endpoint.hostname] ?? 'https://management.azure.com/.default';
  const { subscriptionId, resourceGroup, clusterName } = options.cluster;
  const token = await options.setup.credential.getToken(scope, { abortSignal: options.abortSignal });
  if (!token) throw new Error('no token');
  const path = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${clusterName}?api-version=${API_VERSION}`;
  const body = await getJson(new URL(path, endpoint), token.token, options);
  return typeof body.location === 'string' ? body.location : undefined;
}

function normalize(location: string): string {
  return location.replaceAll(/\s+/g, '').toLowerCase();
}

function getJson(
  url: URL,
  token: string,
  options: { ca?: string; abortSignal?: AbortSignal },
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        ...(options.ca !== undefined && { ca: [...rootCertificates, options.ca] }),
        ...(options.abortSignal !== undefined && { signal: options.abortSignal }),
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if ((response.statusCode ?? 500) >= 300) {
            reject(new Error(`GET managed cluster answered ${response.statusCode}`));
            return;
          }
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}
