import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AuthenticationError,
  type ClusterRef,
  ConfigError,
  createNodePoolClient,
  resolveCredential,
} from '@aks-scaler/core';
import { type Emulator, startEmulator } from '@aks-scaler/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let emulator: Emulator;
let env: Record<string, string>;
let cluster: ClusterRef;

beforeAll(async () => {
  emulator = await startEmulator();
  env = await emulator.workloadIdentityEnv();
  cluster = {
    subscriptionId: env.SUBSCRIPTION ?? '',
    resourceGroup: env.RESOURCE_GROUP ?? '',
    clusterName: env.CLUSTER_NAME ?? '',
  };
});
afterAll(() => emulator.close());

function clientFor(variables: Record<string, string>) {
  const { credential } = resolveCredential({ env: variables, ca: emulator.caCert });
  return createNodePoolClient({ credential, env: variables, ca: emulator.caCert, retry: { maxRetries: 0 } });
}

async function tokenFile(name: string, content: string): Promise<string> {
  const file = join(env.AZURE_FEDERATED_TOKEN_FILE ?? '', '..', name);
  await writeFile(file, content);
  return file;
}

describe('resolveCredential with the emulator', () => {
  it('exchanges the projected token through Workload Identity, with the CA passed in-process', async () => {
    const resolved = resolveCredential({ env, ca: emulator.caCert });
    expect(resolved.kind).toBe('workload-identity');
    expect(resolved.description).toMatch(/Workload Identity for client 2222.*AZURE_FEDERATED_TOKEN_FILE/);
    expect(resolved.description).toMatch(/Instance discovery is disabled/);
    const token = await resolved.credential.getToken('https://management.azure.com/.default');
    expect(token?.token).toBeTruthy();
    await expect(clientFor(env).listPools(cluster)).resolves.toHaveLength(3);
  });

  it('an unfederated subject is an AuthenticationError that says what to check and holds no secret', async () => {
    const assertion = await emulator.issueServiceAccountToken('default', 'not-federated');
    const file = await tokenFile('wrong-subject', assertion);
    const error = await clientFor({ ...env, AZURE_FEDERATED_TOKEN_FILE: file })
      .listPools(cluster)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const message = (error as Error).message;
    expect(message).toMatch(/AADSTS70021/);
    expect(message).toMatch(/issuer .*trailing slash/);
    expect(message).toMatch(/system:serviceaccount:<namespace>:<service account name>/);
    expect(message).toMatch(/azure\.workload\.identity\/use: "true"/);
    expect(message).toMatch(/azure\.workload\.identity\/client-id/);
    expect(message).not.toContain(assertion);
    expect(message).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });

  it('an empty token file is named in the AuthenticationError', async () => {
    const file = await tokenFile('empty', '');
    const error = await clientFor({ ...env, AZURE_FEDERATED_TOKEN_FILE: file })
      .listPools(cluster)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain(`the federated token file '${file}' is empty`);
  });

  it('a missing token file leads the AuthenticationError, with no hint that does not apply and no "Entra said"', async () => {
    const file = join(env.AZURE_FEDERATED_TOKEN_FILE ?? '', '..', 'never-written');
    const error = await clientFor({ ...env, AZURE_FEDERATED_TOKEN_FILE: file })
      .listPools(cluster)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^Workload Identity has no token to exchange: the federated token file '.*never-written' does not exist\./,
    );
    expect(message).toMatch(/webhook mounts it/);
    expect(message).not.toMatch(/Entra said|issuer|audience/);
  });

  it('a token ARM does not accept (401) is an AuthenticationError without the token', async () => {
    const client = createNodePoolClient({
      credential: {
        getToken: async () => ({ token: 'forged-token-value', expiresOnTimestamp: Date.now() + 3_600_000 }),
      },
      env,
      ca: emulator.caCert,
      retry: { maxRetries: 0 },
    });
    const error = await client.listPools(cluster).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/401/);
    expect((error as Error).message).not.toContain('forged-token-value');
  });
});

describe('resolveCredential configuration', () => {
  const wi = {
    AZURE_CLIENT_ID: 'c',
    AZURE_TENANT_ID: 't',
    AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/wi/token/azure-identity-token',
  };

  it('workload-identity mode without the webhook variables is a ConfigError naming each one', () => {
    const error = (() => {
      try {
        resolveCredential({ env: { AZURE_CLIENT_ID: 'c' }, mode: 'workload-identity' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path)).toEqual([
      'AZURE_FEDERATED_TOKEN_FILE',
      'AZURE_TENANT_ID',
    ]);
    expect((error as ConfigError).message).toMatch(/azure\.workload\.identity\/use/);
  });

  it('honours AZURE_TOKEN_CREDENTIALS and rejects an invalid value', () => {
    expect(
      resolveCredential({ env: { ...wi, AZURE_TOKEN_CREDENTIALS: 'WorkloadIdentityCredential' } }),
    ).toMatchObject({
      kind: 'workload-identity',
      description: expect.stringMatching(/AZURE_TOKEN_CREDENTIALS=WorkloadIdentityCredential/),
    });
    expect(resolveCredential({ env: { AZURE_TOKEN_CREDENTIALS: ' dev ' } }).kind).toBe('azure-cli');
    expect(resolveCredential({ env: { AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential' } }).kind).toBe(
      'managed-identity',
    );
    expect(() => resolveCredential({ env: { AZURE_TOKEN_CREDENTIALS: 'everything' } })).toThrow(
      /AZURE_TOKEN_CREDENTIALS: 'everything' is not valid/,
    );
  });

  it('auto picks Workload Identity first when its variables are present, else the production chain', () => {
    expect(resolveCredential({ env: wi }).kind).toBe('workload-identity');
    const inPod = resolveCredential({ env: { KUBERNETES_SERVICE_HOST: '10.0.0.1' } });
    expect(inPod.kind).toBe('managed-identity');
    expect(inPod.description).toMatch(/Workload Identity variables missing/);
    const laptop = resolveCredential({ env: {} });
    expect(laptop.kind).toBe('chain');
    expect(laptop.description).toMatch(/then azure-cli/);
    const sp = resolveCredential({
      env: { AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' },
    });
    expect(sp.kind).toBe('environment');
    expect(sp.description).not.toContain('AZURE_CLIENT_SECRET=');
  });

  it('keeps instance discovery for Microsoft authority hosts and refuses a non-https one', () => {
    const microsoft = resolveCredential({
      env: { ...wi, AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us/' },
    });
    expect(microsoft.description).not.toMatch(/Instance discovery is disabled/);
    expect(microsoft.description).toMatch(/Authority host: https:\/\/login\.microsoftonline\.us\//);
    expect(() => resolveCredential({ env: { ...wi, AZURE_AUTHORITY_HOST: 'http://127.0.0.1:1/' } })).toThrow(
      ConfigError,
    );
  });
});
