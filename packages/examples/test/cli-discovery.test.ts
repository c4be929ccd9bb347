import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator, EmulatorClusterSpec } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capturedIo } from './helpers/captured-io.js';
import { scratchFixture } from './helpers/scratch-fixture.js';

// `plan` and `apply` resolve the config's selectors like the pod: each matching cluster, by name, in the output.
let emulator: Emulator | undefined;
const fixture = scratchFixture({ scratchPrefix: 'aks-scaler-cli-discovery-' });

const pools = () => [
  { name: 'nodepool1', mode: 'System' as const, count: 1 },
  { name: 'manualpool2', mode: 'User' as const, count: 1 },
];
const CLUSTERS: EmulatorClusterSpec[] = [
  { resourceGroup: 'rg-a', name: 'web', tags: { fleet: 'shop' }, pools: pools() },
  { resourceGroup: 'rg-b', name: 'batch', tags: { fleet: 'shop' }, pools: pools() },
  { resourceGroup: 'rg-b', name: 'tools', pools: pools() },
];

async function cli(em: Emulator, args: string[], config: string) {
  const file = join(fixture.scratch, `scaler-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, config);
  const { SUBSCRIPTION: _, RESOURCE_GROUP: __, CLUSTER_NAME: ___, ...env } = await em.workloadIdentityEnv();
  const run = capturedIo(env, { ca: em.caCert });
  const code = await runCli([...args, '--config', file], run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('plan and apply with a selector', () => {
  it('plan lists every matching cluster with what would change, and says which entry discovered it', async () => {
    emulator = await fixture.startEmulator({ clusters: CLUSTERS });
    const config = [
      'clusters:',
      `  - { subscription: ${emulator.subscriptionId}, selector: { tags: { fleet: shop } } }`,
      'policy: { static: { manualpool2: 4 } }',
    ].join('\n');
    const json = await cli(emulator, ['plan', '--json'], config);
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout) as {
      clusters: Array<{ cluster: { clusterName: string }; selector?: string; changes: number }>;
    };
    expect(plan.clusters.map((c) => [c.cluster.clusterName, c.selector, c.changes])).toEqual([
      ['web', 'clusters[0]', 1],
      ['batch', 'clusters[0]', 1],
    ]);
    const text = await cli(emulator, ['plan'], config);
    expect(text.stdout).toMatch(/^web \(rg-a, discovered by clusters\[0\]\) at .*: 1 change$/m);
    expect(text.stdout).toMatch(/^batch \(rg-b, discovered by clusters\[0\]\) at /m);
    expect(emulator.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('apply writes the matching clusters only; a selector that matches nothing is a warning on stderr', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5, clusters: CLUSTERS });
    const config = [
      'clusters:',
      `  - { subscription: ${emulator.subscriptionId}, selector: { tags: { fleet: shop } } }`,
      `  - { subscription: ${emulator.subscriptionId}, resourceGroup: rg-b, selector: { tags: { fleet: gone } } }`,
      'policy: { static: { manualpool2: 2 } }',
    ].join('\n');
    const run = await cli(emulator, ['apply', '--json', '--poll-interval', '20ms'], config);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: selector clusters\[1\] matches no cluster: /m);
    const counts = ['rg-a/web', 'rg-b/batch', 'rg-b/tools'].map((name) => {
      const [group, cluster] = name.split('/') as [string, string];
      return emulator!.state.getPool(group, cluster, 'manualpool2')?.count;
    });
    expect(counts).toEqual([2, 2, 1]);
  });

  it('apply names the entry that discovered each cluster, and the entry options reach discovered clusters', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5, clusters: CLUSTERS });
    const config = [
      'clusters:',
      `  - { subscription: ${emulator.subscriptionId}, selector: { tags: { fleet: shop } }, unknownPools: warn }`,
      'policy: { static: { manualpool2: 3, manualpool9: 1 } }',
    ].join('\n');
    const run = await cli(emulator, ['apply', '--poll-interval', '20ms'], config);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Reconciling web \(rg-a, discovered by clusters\[0\]\) with policy /m);
    expect(run.stdout).toMatch(/^Reconciling batch \(rg-b, discovered by clusters\[0\]\) with policy /m);
    expect(emulator.state.getPool('rg-b', 'batch', 'manualpool2')?.count).toBe(3);
  });

  it('a decision a discovered cluster cannot take exits 2 before any write: a pool it lacks, a System pool stopped', async () => {
    emulator = await fixture.startEmulator({ clusters: CLUSTERS });
    const selector = `  - { subscription: ${emulator.subscriptionId}, selector: { tags: { fleet: shop } } }`;
    for (const counts of ['{ manualpool2: 3, manualpool9: 1 }', '{ manualpool2: 3, nodepool1: stop }']) {
      const config = ['clusters:', selector, `policy: { static: ${counts} }`].join('\n');
      for (const command of ['plan', 'apply']) {
        const run = await cli(emulator, [command, '--json'], config);
        expect([command, counts, run.code]).toEqual([command, counts, 2]);
      }
    }
    expect(emulator.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });
});
