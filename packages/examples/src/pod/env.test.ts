import { MAX_CONCURRENCY } from '@aks-scaler/core/common';
import { describe, expect, it } from 'vitest';
import { readPodSettings } from './env.js';
import { readLogLevel } from './log-level.js';

const SEED = {
  SUBSCRIPTION: '00000000-0000-0000-0000-000000000000',
  RESOURCE_GROUP: 'myResourceGroup',
  CLUSTER_NAME: 'myManagedCluster',
  LOCATION: 'westeurope',
  NODE_POOLS_AMOUNT: '{ "manualpool2": 5, "manualpool3": 5 }',
};

describe('readPodSettings', () => {
  it("reads the seed's variables with the documented defaults", () => {
    const { settings, issues } = readPodSettings(SEED);
    expect(issues).toEqual([]);
    expect(settings).toEqual({
      cluster: {
        subscriptionId: SEED.SUBSCRIPTION,
        resourceGroup: 'myResourceGroup',
        clusterName: 'myManagedCluster',
      },
      location: 'westeurope',
      nodePoolsAmount: SEED.NODE_POOLS_AMOUNT,
      mode: 'once',
      intervalInMs: 60_000,
      dryRun: false,
      operationTimeoutInMs: 1_800_000,
      pollIntervalInMs: 2_000,
      shutdownTimeoutInMs: 25_000,
      logLevel: 'info',
    });
  });

  it('accepts SUBSCRIPTION_ID and AZURE_SUBSCRIPTION_ID for the subscription', () => {
    for (const name of ['SUBSCRIPTION_ID', 'AZURE_SUBSCRIPTION_ID']) {
      const { SUBSCRIPTION, ...rest } = SEED;
      const { settings, issues } = readPodSettings({ ...rest, [name]: SUBSCRIPTION });
      expect(issues).toEqual([]);
      expect(settings.cluster?.subscriptionId).toBe(SUBSCRIPTION);
    }
  });

  it('reads loop mode, its HTTP server and every tunable', () => {
    const { settings, issues } = readPodSettings({
      ...SEED,
      SCALER_MODE: 'loop',
      SCALER_INTERVAL: '30s',
      SCALER_DRY_RUN: 'TRUE',
      SCALER_CONCURRENCY: '8',
      SCALER_OPERATION_TIMEOUT: '1h',
      AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.usgovcloudapi.net',
      LOG_LEVEL: 'debug',
      SCALER_HTTP_HOST: '127.0.0.1',
    });
    expect(issues).toEqual([]);
    expect(settings).toMatchObject({
      mode: 'loop',
      intervalInMs: 30_000,
      dryRun: true,
      concurrency: 8,
      operationTimeoutInMs: 3_600_000,
      armEndpoint: 'https://management.usgovcloudapi.net',
      logLevel: 'debug',
      http: { port: 8080, host: '127.0.0.1' },
    });
  });

  it('polls by the schedule unless SCALER_POLL_INTERVAL asks for a fixed interval', () => {
    expect(readPodSettings(SEED).settings.fixedPollInterval).toBeUndefined();
    const { settings, issues } = readPodSettings({ ...SEED, SCALER_POLL_INTERVAL: '5s' });
    expect(issues).toEqual([]);
    expect(settings).toMatchObject({ pollIntervalInMs: 5000, fixedPollInterval: true });
  });

  it('reports every problem at once, each naming its variable', () => {
    const { issues } = readPodSettings({
      SUBSCRIPTION: 'not-a-uuid',
      CLUSTER_NAME: '-bad-',
      SCALER_MODE: 'forever',
      SCALER_INTERVAL: '60',
      SCALER_DRY_RUN: 'maybe',
      SCALER_CONCURRENCY: '0',
      SCALER_OPERATION_TIMEOUT: 'soon',
      AZURE_RESOURCE_MANAGER_ENDPOINT: 'http://management.azure.com',
      LOG_LEVEL: 'loud',
      SCALER_HTTP_PORT: '70000',
    });
    expect(issues.map((i) => i.path).sort()).toEqual(
      [
        'AZURE_RESOURCE_MANAGER_ENDPOINT',
        'CLUSTER_NAME',
        'LOG_LEVEL',
        'NODE_POOLS_AMOUNT',
        'RESOURCE_GROUP',
        'SCALER_CONCURRENCY',
        'SCALER_DRY_RUN',
        'SCALER_HTTP_PORT',
        'SCALER_INTERVAL',
        'SCALER_MODE',
        'SCALER_OPERATION_TIMEOUT',
        'SUBSCRIPTION',
      ].sort(),
    );
    expect(issues.find((i) => i.path === 'NODE_POOLS_AMOUNT')?.message).toContain(
      `value: '{ "manualpool2": 5, "manualpool3": 5 }'`,
    );
    expect(issues.find((i) => i.path === 'SCALER_INTERVAL')?.message).toMatch(/30s, 5m or 1h/);
  });

  it('reads SCALER_WRITE_PACING as off or <burst>,<per-minute>, and refuses anything else', () => {
    expect(readPodSettings({ ...SEED, SCALER_WRITE_PACING: 'off' }).settings.writePacing).toBe(false);
    expect(readPodSettings({ ...SEED, SCALER_WRITE_PACING: '40, 2.5' }).settings.writePacing).toEqual({
      burst: 40,
      refillPerMinute: 2.5,
    });
    expect(readPodSettings(SEED).settings.writePacing).toBeUndefined();
    for (const bad of ['fast', '0,1', '20,0', '20']) {
      const { issues } = readPodSettings({ ...SEED, SCALER_WRITE_PACING: bad });
      expect(issues.map((i) => i.path)).toEqual(['SCALER_WRITE_PACING']);
      expect(issues[0]!.message).toContain('20,1');
    }
    expect(readPodSettings({ ...SEED, SCALER_WRITE_PACING: 'fast' }).issues[0]?.message).toBe(
      `"fast" is not a pacing; use off, or <burst>,<per-minute> agent-pool writes per subscription such as 20,1 (AKS's documented limit).`,
    );
  });

  it('refuses disagreeing subscription variables', () => {
    const { issues } = readPodSettings({
      ...SEED,
      AZURE_SUBSCRIPTION_ID: '11111111-1111-1111-1111-111111111111',
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/disagree/);
  });

  it('needs no cluster variables with SCALER_CONFIG, and no policy when told so', () => {
    expect(readPodSettings({ SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml' }).issues).toEqual([]);
    const { NODE_POOLS_AMOUNT: _, ...withoutPolicy } = SEED;
    expect(readPodSettings(withoutPolicy, { requirePolicy: false }).issues).toEqual([]);
    expect(readPodSettings(withoutPolicy).issues.map((i) => i.path)).toEqual(['NODE_POOLS_AMOUNT']);
  });

  it('treats empty variables as unset', () => {
    const { settings, issues } = readPodSettings({ ...SEED, SCALER_MODE: '', LOG_LEVEL: '  ' });
    expect(issues).toEqual([]);
    expect(settings.mode).toBe('once');
    expect(settings.logLevel).toBe('info');
  });

  it('allows SCALER_CONCURRENCY up to MAX_CONCURRENCY, the same range as the config limit', () => {
    expect(MAX_CONCURRENCY).toBe(64);
    expect(readPodSettings({ ...SEED, SCALER_CONCURRENCY: '64' }).settings.concurrency).toBe(64);
    const { issues } = readPodSettings({ ...SEED, SCALER_CONCURRENCY: '65' });
    expect(issues).toEqual([{ path: 'SCALER_CONCURRENCY', message: '"65" is not an integer from 1 to 64.' }]);
  });

  it('reads booleans as the docs say, true or false in any case, and refuses the rest', () => {
    expect(readPodSettings({ ...SEED, SCALER_DRY_RUN: 'True' }).settings.dryRun).toBe(true);
    expect(readPodSettings({ ...SEED, SCALER_DRY_RUN: 'FALSE' }).settings.dryRun).toBe(false);
    for (const word of ['yes', 'no', 'on', 'off', '1', '0', 'y']) {
      const { issues } = readPodSettings({ ...SEED, SCALER_DRY_RUN: word });
      expect(issues, word).toEqual([
        { path: 'SCALER_DRY_RUN', message: `"${word}" is not a boolean; use true or false.` },
      ]);
    }
  });

  it('reads SCALER_POLL_PACING as off or <burst>,<per-second>, and refuses anything else', () => {
    expect(readPodSettings({ ...SEED, SCALER_POLL_PACING: 'off' }).settings.pollPacing).toBe(false);
    expect(readPodSettings({ ...SEED, SCALER_POLL_PACING: '100, 0.5' }).settings.pollPacing).toEqual({
      burst: 100,
      refillPerSecond: 0.5,
    });
    expect(readPodSettings(SEED).settings.pollPacing).toBeUndefined();
    for (const bad of ['2', '0,2', '200,0', 'fast', 'true']) {
      const { issues } = readPodSettings({ ...SEED, SCALER_POLL_PACING: bad });
      expect(issues.map((i) => i.path)).toEqual(['SCALER_POLL_PACING']);
      expect(issues[0]?.message).toContain('<burst>,<per-second>');
    }
    expect(readPodSettings({ ...SEED, SCALER_POLL_PACING: 'fast' }).issues[0]?.message).toBe(
      `"fast" is not a pacing; use off, or <burst>,<per-second> operation polls per subscription such as 200,2 (AKS's operation-status limit).`,
    );
  });

  it("keeps SCALER_WRITE_PACING's own word off, and refuses boolean words for it", () => {
    expect(readPodSettings({ ...SEED, SCALER_WRITE_PACING: 'OFF' }).settings.writePacing).toBe(false);
    for (const word of ['false', 'no', 'none']) {
      const { issues } = readPodSettings({ ...SEED, SCALER_WRITE_PACING: word });
      expect(issues.map((i) => i.path)).toEqual(['SCALER_WRITE_PACING']);
      expect(issues[0]!.message).toContain('use off, or <burst>,<per-minute>');
    }
  });

  it('names the flag a value came from, and the variable when it came from the environment', () => {
    const sources = {
      flags: {
        CLUSTER_NAME: '--cluster',
        SCALER_CONCURRENCY: '--concurrency',
        RESOURCE_GROUP: '--resource-group',
      },
      fromFlags: ['CLUSTER_NAME', 'SCALER_CONCURRENCY'] as const,
    };
    const { issues } = readPodSettings(
      {
        SUBSCRIPTION: SEED.SUBSCRIPTION,
        NODE_POOLS_AMOUNT: '{}',
        CLUSTER_NAME: '-bad-',
        SCALER_CONCURRENCY: '0',
      },
      { sources: { ...sources, fromFlags: [...sources.fromFlags] } },
    );
    expect(issues).toEqual([
      { path: '--cluster', message: '"-bad-" is not a valid AKS cluster name.' },
      {
        path: '--resource-group',
        message:
          "is not set; give --resource-group <name>, the cluster's resource group (or set RESOURCE_GROUP), or list the clusters in SCALER_CONFIG.",
      },
      { path: '--concurrency', message: '"0" is not an integer from 1 to 64.' },
    ]);
    const fromEnv = readPodSettings(
      { ...SEED, CLUSTER_NAME: '-bad-' },
      { sources: { flags: sources.flags } },
    );
    expect(fromEnv.issues.map((i) => i.path)).toEqual(['CLUSTER_NAME']);
  });

  it('reads LOG_LEVEL in one place: the level, or info and a problem', () => {
    expect(readLogLevel({ LOG_LEVEL: ' DEBUG ' })).toBe('debug');
    const issues: string[] = [];
    expect(readLogLevel({ LOG_LEVEL: 'loud' }, (path, message) => issues.push(`${path}: ${message}`))).toBe(
      'info',
    );
    expect(issues).toEqual([
      'LOG_LEVEL: "loud" is not a log level; use one of fatal, error, warn, info, debug, trace, silent.',
    ]);
  });
});
