import { existsSync, readFileSync } from 'node:fs';
import { decodeJwt } from 'jose';
import { expect, test } from 'vitest';
import { runStandaloneEmulator, type StandaloneEmulatorInfo } from './index.js';

test('prints exactly one JSON line, writes the token and CA files, and cleans up when stopped', async () => {
  const chunks: string[] = [];
  const abort = new AbortController();
  let ready: StandaloneEmulatorInfo | undefined;
  const running = runStandaloneEmulator({
    out: { write: (text: string) => chunks.push(text) },
    handleSignals: false,
    abortSignal: abort.signal,
    onReady: (_emulator, info) => {
      ready = info;
    },
  });
  await expect.poll(() => chunks.length).toBe(1);
  const output = chunks.join('');
  expect(output.endsWith('\n')).toBe(true);
  expect(output.trim().split('\n')).toHaveLength(1);
  const info = JSON.parse(output) as StandaloneEmulatorInfo;
  expect(Object.keys(info)).toEqual([
    'armEndpoint',
    'authorityHost',
    'tenantId',
    'clientId',
    'subscriptionId',
    'resourceGroup',
    'clusterName',
    'location',
    'federatedTokenFile',
    'caCertFile',
  ]);
  expect(info).toEqual(ready);
  expect(info).toMatchObject({
    resourceGroup: 'myResourceGroup',
    clusterName: 'myManagedCluster',
    location: 'westeurope',
  });
  expect(info.authorityHost).toBe(`${info.armEndpoint}/`);
  expect(readFileSync(info.caCertFile, 'utf8')).toContain('BEGIN CERTIFICATE');
  // Ends with a newline, so `cat ca.pem /etc/ssl/certs/ca-certificates.crt > bundle.pem` stays valid PEM.
  expect(readFileSync(info.caCertFile, 'utf8').endsWith('-----END CERTIFICATE-----\n')).toBe(true);
  expect(decodeJwt(readFileSync(info.federatedTokenFile, 'utf8')).sub).toBe(
    'system:serviceaccount:default:workload-identity-sa',
  );

  abort.abort();
  await running;
  expect(existsSync(info.federatedTokenFile)).toBe(false);
});
