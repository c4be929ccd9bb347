import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Emulator, StandaloneEmulatorInfo } from '../src/index.js';
import {
  AZ_TIMEOUT_IN_MS,
  type AzEmulator,
  type AzSession,
  azLoginFederated,
  startAzEmulator,
} from './azure-cli.js';

let emulator: Emulator;
let info: StandaloneEmulatorInfo;
let az: AzSession['az'];
let azJson: AzSession['azJson'];
let standalone: AzEmulator | undefined;

beforeAll(async () => {
  // The flags of docs/emulator.md: Retry-After 1 (azure-cli waits 30 s without one) and short operations.
  standalone = await startAzEmulator(['--poll-retry-after', '1', '--operation-duration', '500']);
  ({ emulator, info } = standalone);
  ({ az, azJson } = standalone.session);
}, 120_000);

afterAll(() => standalone?.close());

const CLUSTER = ['-g', 'myResourceGroup', '--cluster-name', 'myManagedCluster'];

describe('azure-cli 2.45 against pnpm emulator', () => {
  test(
    'az login with the federated token, then az account show',
    async () => {
      const login = await azLoginFederated(standalone!.session, info);
      expect(login).toEqual([
        expect.objectContaining({
          cloudName: 'emulator',
          id: info.subscriptionId,
          tenantId: info.tenantId,
          state: 'Enabled',
          user: { name: info.clientId, type: 'servicePrincipal' },
        }),
      ]);
      const account = await azJson<Record<string, unknown>>('account', 'show');
      expect(account).toMatchObject({
        id: info.subscriptionId,
        environmentName: 'emulator',
        isDefault: true,
      });

      const served = emulator.requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
      expect(served).toEqual(
        expect.arrayContaining([
          'GET /metadata/endpoints 200',
          'GET /adfs/.well-known/openid-configuration 200',
          'POST /adfs/oauth2/token/ 200',
          'GET /subscriptions 200',
        ]),
      );
      expect(emulator.requests.filter((entry) => entry.status >= 400)).toEqual([]);
    },
    AZ_TIMEOUT_IN_MS,
  );

  test(
    'az aks show and az aks list, by subscription and by resource group',
    async () => {
      emulator.state.setClusterTags({ fleet: 'shop' });
      const shown = await azJson<Record<string, unknown>>(
        'aks',
        'show',
        '-g',
        'myResourceGroup',
        '-n',
        'myManagedCluster',
      );
      expect(shown).toMatchObject({
        name: 'myManagedCluster',
        servicePrincipalProfile: { clientId: 'msi' },
        tags: { fleet: 'shop' },
        oidcIssuerProfile: { issuerUrl: emulator.issuerUrl },
      });
      const all = await azJson<{ name: string; tags: Record<string, string> }[]>('aks', 'list');
      expect(all.map((cluster) => [cluster.name, cluster.tags])).toEqual([
        ['myManagedCluster', { fleet: 'shop' }],
      ]);
      const inGroup = await azJson<{ name: string }[]>('aks', 'list', '-g', 'myResourceGroup');
      expect(inGroup.map((cluster) => cluster.name)).toEqual(['myManagedCluster']);
      const otherGroup = await az('aks', 'list', '-g', 'noSuchGroup', '-o', 'json');
      expect(otherGroup.code).not.toBe(0);
      expect(otherGroup.stderr).toContain("Resource group 'noSuchGroup' could not be found.");
      const apiVersions = new Set(
        emulator.requests
          .filter((entry) => entry.path.includes('managedClusters'))
          .map((entry) => entry.apiVersion),
      );
      expect([...apiVersions]).toEqual(['2022-11-01']);
    },
    AZ_TIMEOUT_IN_MS,
  );

  test(
    'az aks nodepool list, show, scale, update --tags, stop and start',
    async () => {
      const pools = await azJson<{ name: string; count: number }[]>('aks', 'nodepool', 'list', ...CLUSTER);
      expect(pools.map((pool) => [pool.name, pool.count])).toEqual([
        ['nodepool1', 1],
        ['manualpool2', 1],
        ['manualpool3', 1],
      ]);
      const shown = await azJson<Record<string, unknown>>(
        'aks',
        'nodepool',
        'show',
        ...CLUSTER,
        '-n',
        'manualpool2',
      );
      expect(shown).toMatchObject({ name: 'manualpool2', mode: 'User', nodeLabels: { team: 'shop' } });

      const scaled = await azJson<Record<string, unknown>>(
        'aks',
        'nodepool',
        'scale',
        ...CLUSTER,
        '-n',
        'manualpool2',
        '--node-count',
        '3',
      );
      expect(scaled).toMatchObject({ count: 3, provisioningState: 'Succeeded' });
      const tagged = await azJson<Record<string, unknown>>(
        'aks',
        'nodepool',
        'update',
        ...CLUSTER,
        '-n',
        'manualpool2',
        '--tags',
        'aks-scaler-override=pause',
        'aks-scaler-until=2026-12-07T08:00:00Z',
      );
      expect(tagged.tags).toEqual({
        'aks-scaler-override': 'pause',
        'aks-scaler-until': '2026-12-07T08:00:00Z',
      });
      expect(emulator.state.getPool('manualpool2')).toMatchObject({
        count: 3,
        tags: { 'aks-scaler-override': 'pause' },
        nodeLabels: { team: 'shop' },
      });

      const stopped = await azJson<Record<string, unknown>>(
        'aks',
        'nodepool',
        'stop',
        ...CLUSTER,
        '-n',
        'manualpool2',
      );
      expect(stopped).toMatchObject({
        powerState: { code: 'Stopped' },
        count: 0,
        provisioningState: 'Succeeded',
      });
      const started = await azJson<Record<string, unknown>>(
        'aks',
        'nodepool',
        'start',
        ...CLUSTER,
        '-n',
        'manualpool2',
      );
      expect(started).toMatchObject({
        powerState: { code: 'Running' },
        count: 3,
        provisioningState: 'Succeeded',
      });
      const system = await az('aks', 'nodepool', 'stop', ...CLUSTER, '-n', 'nodepool1', '-o', 'none');
      expect(system.code).not.toBe(0);
      expect(system.stderr).toContain("Agent pool 'nodepool1' is a System pool and cannot be stopped.");

      const kinds = emulator.state.operations.filter((operation) => operation.pool === 'manualpool2');
      expect(kinds.map((operation) => [operation.kind, operation.status])).toEqual([
        ['Scaling', 'Succeeded'],
        ['Updating', 'Succeeded'],
        ['Stopping', 'Succeeded'],
        ['Starting', 'Succeeded'],
      ]);
      const polls = emulator.requests.filter((entry) => /\/operations\//.test(entry.path));
      expect(polls.length).toBeGreaterThan(0);
      expect(
        polls
          .filter((entry) => entry.retryAfterSent !== undefined)
          .every((entry) => entry.retryAfterSent === 1),
      ).toBe(true);
      expect(emulator.state.history.every((write) => write.droppedFields.length === 0)).toBe(true);
    },
    4 * AZ_TIMEOUT_IN_MS,
  );
});
