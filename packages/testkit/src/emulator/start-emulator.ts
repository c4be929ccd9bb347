import { writeFile } from 'node:fs/promises';
import { createAccessTokenAuthority } from './access-tokens.js';
import { realClock } from './clock.js';
import { DEMO_CLUSTER } from './demo-cluster.js';
import { createEntra } from './entra.js';
import { FaultController } from './faults.js';
import { resolveIdentities } from './identities.js';
import { createOidcIssuer } from './oidc-issuer.js';
import { Rbac } from './rbac.js';
import type { RequestLogEntry } from './request-log.js';
import { createRequestListener } from './server.js';
import { createServerFiles, listenTls } from './server-files.js';
import { StateStore } from './state.js';
import { Throttler } from './throttling.js';
import type { Emulator, EmulatorOptions } from './types.js';

/** The default subscription id. */
export const DEFAULT_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
/** The default tenant id. */
export const DEFAULT_TENANT_ID = '11111111-1111-4111-8111-111111111111';
/** The default identity's client id. */
export const DEFAULT_CLIENT_ID = '22222222-2222-4222-8222-222222222222';

/**
 * Starts the local AKS ARM + Entra + OIDC-issuer emulator over HTTPS on 127.0.0.1.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ operationDurationInMs: 5 });
 * const credential = new WorkloadIdentityCredential({
 *   tenantId: emulator.tenantId,
 *   clientId: emulator.clientId,
 *   tokenFilePath: await emulator.writeFederatedTokenFile(),
 *   authorityHost: emulator.authorityHost,
 *   disableInstanceDiscovery: true,
 *   tlsOptions: { ca: emulator.caCert },
 * });
 * // ... new ContainerServiceClient(credential, emulator.subscriptionId, { endpoint: emulator.armEndpoint, tlsOptions: { ca: emulator.caCert } })
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? realClock;
  const subscriptionId = options.subscriptionId ?? DEFAULT_SUBSCRIPTION_ID;
  const tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const host = options.host ?? '127.0.0.1';
  const { server, certificates, origin } = await listenTls(host, options.port);

  const issuer = await createOidcIssuer(origin, clock);
  const tokens = await createAccessTokenAuthority(tenantId, clock);
  const identities = resolveIdentities(options.identities ?? [{ clientId }], issuer.url, options.rbac ?? {});
  const state = new StateStore(options.clusters ?? [DEMO_CLUSTER], subscriptionId, clock);
  const faults = new FaultController(options.seed ?? 1, () => clock.now());
  const requests: RequestLogEntry[] = [];
  const throttling = options.throttling ?? false;
  const entra = createEntra({
    origin,
    tenantId,
    identities: identities.entra,
    issuerKeys: new Map([[issuer.url, issuer.jwks]]),
    tokens,
    tokenLifetimeInSeconds: options.tokenLifetimeInSeconds ?? 3599,
    clock,
  });
  const authorityHost = `${origin}/`;
  server.on(
    'request',
    createRequestListener({
      arm: {
        state,
        throttler: new Throttler(
          throttling !== false,
          typeof throttling === 'object' ? throttling : {},
          clock,
        ),
        origin,
        listPageSize: options.listPageSize ?? 50,
        operationDuration: options.operationDurationInMs ?? 20,
        powerOperationDuration: options.powerOperationDurationInMs ?? options.operationDurationInMs ?? 20,
        tokens,
        rbac: new Rbac(identities.grants),
        clock,
        tenantId,
        authorityHost,
        issuerUrl: issuer.url,
        ...(options.pollRetryAfterInSeconds !== undefined
          ? { pollRetryAfterInSeconds: options.pollRetryAfterInSeconds }
          : {}),
        enforceRbacOnOperationStatus: options.enforceRbacOnOperationStatus ?? false,
      },
      entra,
      issuer,
      tokens,
      faults,
      requests,
      requestLogLimit: options.requestLogLimit ?? Number.POSITIVE_INFINITY,
    }),
  );

  const files = createServerFiles('aks-scaler-emulator-');
  const temp = files.path;
  const emulator: Emulator = {
    armEndpoint: origin,
    authorityHost,
    tenantId,
    clientId,
    subscriptionId,
    caCert: certificates.caCert,
    issuerUrl: issuer.url,
    issueServiceAccountToken: (namespace, name, tokenOptions) => issuer.issue(namespace, name, tokenOptions),
    async writeFederatedTokenFile(path) {
      const target = path ?? (await temp('azure-identity-token'));
      await writeFile(target, await issuer.issue('default', 'workload-identity-sa'), { mode: 0o600 });
      return target;
    },
    async workloadIdentityEnv(envOptions = {}) {
      const cluster =
        state.clusters.find((candidate) => candidate.name === envOptions.cluster) ?? state.clusters[0];
      const caFile = await temp('ca.pem');
      await writeFile(caFile, certificates.caCert);
      const env: Record<string, string> = {
        AZURE_CLIENT_ID: clientId,
        AZURE_TENANT_ID: tenantId,
        AZURE_FEDERATED_TOKEN_FILE: envOptions.tokenFile ?? (await emulator.writeFederatedTokenFile()),
        AZURE_AUTHORITY_HOST: authorityHost,
        AZURE_RESOURCE_MANAGER_ENDPOINT: origin,
        NODE_EXTRA_CA_CERTS: caFile,
      };
      if (cluster) {
        env.SUBSCRIPTION = cluster.subscriptionId;
        env.RESOURCE_GROUP = cluster.resourceGroup;
        env.CLUSTER_NAME = cluster.name;
        env.LOCATION = cluster.location;
      }
      return env;
    },
    state,
    requests,
    faults,
    close: () => files.close(server),
  };
  return emulator;
}
