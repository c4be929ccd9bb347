import { ConfigError } from '@aks-scaler/core';
import { loadScalerSetup, POD_ENVIRONMENT_VARIABLES, readPodSettings } from '@aks-scaler/examples';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The pod's environment is its whole input: every variable, alone or combined, either yields valid settings or a
// ConfigError listing problems by variable name. Nothing here talks to Azure (the credential is only built).
const POD_VARIABLES = POD_ENVIRONMENT_VARIABLES;
const CREDENTIAL_VARIABLES = [
  'AZURE_CLIENT_ID',
  'AZURE_TENANT_ID',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_AUTHORITY_HOST',
  'AZURE_TOKEN_CREDENTIALS',
] as const;

const SEED_ENV: Record<string, string> = {
  SUBSCRIPTION: '00000000-0000-0000-0000-000000000000',
  RESOURCE_GROUP: 'myResourceGroup',
  CLUSTER_NAME: 'myManagedCluster',
  LOCATION: 'westeurope',
  NODE_POOLS_AMOUNT: '{ "manualpool2": 5, "manualpool3": 5 }',
  AZURE_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
  AZURE_TENANT_ID: '11111111-1111-4111-8111-111111111111',
  AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/wi/token/azure-identity-token',
  AZURE_AUTHORITY_HOST: 'https://127.0.0.1:1/',
};

/** Values that look almost right, so the validators' edges get exercised, plus anything at all. */
const value = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1',
    '100',
    '101',
    '65536',
    '1e3',
    '0x10',
    'true',
    'TRUE',
    'yes',
    'off',
    'maybe',
  ),
  fc.constantFrom(
    '30s',
    '1m',
    '0ms',
    '999ms',
    '1h30m',
    '5',
    'PT5M',
    '-5s',
    '1.5s',
    '9999999999999d',
    'loop',
    'once',
    'LOOP',
  ),
  fc.constantFrom(
    'debug',
    'silent',
    'verbose',
    'https://management.usgovcloudapi.net',
    'http://x',
    'https://',
    '::1',
  ),
  fc.constantFrom(
    '{ "manualpool2": 5 }',
    '{ manualpool2: 5 }',
    '{"a":1001}',
    '{"A":1}',
    '{"a":1,"a":2}',
    '[]',
    'null',
  ),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
    'rg_(1).x',
    'a'.repeat(91),
    'prod',
    'dev',
  ),
);
const env = fc.dictionary(fc.constantFrom(...POD_VARIABLES, ...CREDENTIAL_VARIABLES), value, { maxKeys: 10 });

describe('fuzz: the pod environment', () => {
  it('readPodSettings never throws, and names a known variable in every issue', () => {
    fc.assert(
      fc.property(fc.boolean(), env, (withSeed, extra) => {
        const { settings, issues } = readPodSettings({ ...(withSeed ? SEED_ENV : {}), ...extra });
        for (const issue of issues) {
          expect(POD_VARIABLES as readonly string[]).toContain(issue.path);
          expect(issue.message.length).toBeGreaterThan(0);
        }
        if (issues.length > 0) return;
        expect(['once', 'loop']).toContain(settings.mode);
        expect(settings.intervalInMs).toBeGreaterThanOrEqual(1000);
        expect(settings.operationTimeoutInMs).toBeGreaterThanOrEqual(1);
        expect(settings.pollIntervalInMs).toBeGreaterThanOrEqual(1);
        expect(Number.isFinite(settings.shutdownTimeoutInMs)).toBe(true);
        if (settings.concurrency !== undefined) expect(settings.concurrency).toBeGreaterThanOrEqual(1);
        if (settings.http) expect(settings.http.port).toBeLessThanOrEqual(65_535);
      }),
      { numRuns: 400 },
    );
  });

  it('loadScalerSetup either returns a usable setup or throws one ConfigError listing every problem', async () => {
    await fc.assert(
      fc.asyncProperty(env, fc.oneof(fc.string(), fc.json()), async (extra, configText) => {
        const merged = { ...SEED_ENV, ...extra };
        let setup: Awaited<ReturnType<typeof loadScalerSetup>>;
        try {
          setup = await loadScalerSetup(merged, { readTextFile: async () => configText });
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as ConfigError).issues.length).toBeGreaterThan(0);
          return;
        }
        expect(setup.concurrency).toBeGreaterThanOrEqual(1);
        expect(typeof setup.credentialDescription).toBe('string');
        for (const target of setup.targets) {
          expect(target.cluster.subscriptionId).toMatch(/^[0-9a-f-]{36}$/i);
          const decisions = await target.policy.evaluate({
            now: new Date(),
            cluster: target.cluster,
            pools: [],
          });
          for (const decision of decisions) {
            expect(decision.pool).toMatch(/^[a-z][a-z0-9]{0,11}$/);
            const count = decision.count as number;
            expect(Number.isInteger(count) && count >= 0 && count <= 1000).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('NODE_POOLS_AMOUNT through the pod: a valid map becomes exactly its decisions, anything else exits as configuration', async () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
    const map = fc.dictionary(name, fc.integer({ min: 0, max: 1000 }), { minKeys: 1, maxKeys: 6 });
    await fc.assert(
      fc.asyncProperty(map, fc.constantFrom('', ' ', '\n\t'), async (counts, padding) => {
        const setup = await loadScalerSetup({
          ...SEED_ENV,
          NODE_POOLS_AMOUNT: `${padding}${JSON.stringify(counts)}${padding}`,
        });
        const target = setup.targets[0]!;
        const decisions = await target.policy.evaluate({
          now: new Date(),
          cluster: target.cluster,
          pools: [],
        });
        expect(Object.fromEntries(decisions.map((d) => [d.pool, d.count]))).toEqual(counts);
      }),
      { numRuns: 100 },
    );
  });
});
