import tls from 'node:tls';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { WorkloadIdentityCredential } from '@azure/identity';
import type { Emulator } from '../src/index.js';

/** The demo cluster's coordinates. */
export const RG = 'myResourceGroup';
export const CLUSTER = 'myManagedCluster';

/** A WorkloadIdentityCredential that trusts the emulator's CA in-process. */
export async function credentialFor(
  emulator: Emulator,
  options: { clientId?: string; tokenFilePath?: string } = {},
): Promise<WorkloadIdentityCredential> {
  return new WorkloadIdentityCredential({
    tenantId: emulator.tenantId,
    clientId: options.clientId ?? emulator.clientId,
    tokenFilePath: options.tokenFilePath ?? (await emulator.writeFederatedTokenFile()),
    authorityHost: emulator.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: emulator.caCert },
  });
}

/** The real ARM client pointed at the emulator, with fast retries. */
export async function armClientFor(
  emulator: Emulator,
  options: { clientId?: string; credential?: WorkloadIdentityCredential } = {},
): Promise<ContainerServiceClient> {
  const credential = options.credential ?? (await credentialFor(emulator, options));
  return new ContainerServiceClient(credential, emulator.subscriptionId, {
    endpoint: emulator.armEndpoint,
    tlsOptions: { ca: emulator.caCert },
    retryOptions: { maxRetries: 3, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
  });
}

/** An access token for ARM from the emulator's Entra, through the real credential. */
export async function armToken(emulator: Emulator): Promise<string> {
  const credential = await credentialFor(emulator);
  const token = await credential.getToken('https://management.azure.com/.default');
  return token.token;
}

/** Adds the emulator's CA to this process's default trust store, so plain `fetch` reaches it. */
export function trustEmulatorCa(emulator: Emulator): void {
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), emulator.caCert]);
}

/** `fetch` of an emulator path (call {@link trustEmulatorCa} first). */
export async function emulatorFetch(
  emulator: Emulator,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${emulator.armEndpoint}${path}`, init);
}
