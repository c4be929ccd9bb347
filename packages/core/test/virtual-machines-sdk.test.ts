import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificates } from '../../testkit/src/emulator/certs.js';
import { type ClusterRef, createNodePoolClient, type Policy, reconcile } from '../src/index.js';

// A VirtualMachines pool keeps its size in properties.virtualMachinesProfile.scale.manual, not in count. These
// bodies have the shape ARM returns for such pools (api-version 2026-06-01), served over TLS to the real SDK, so
// its deserializer and serializer are part of the test.
const cluster: ClusterRef = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'rg',
  clusterName: 'aks',
};
const base = `/subscriptions/${cluster.subscriptionId}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/agentPools`;

function armPool(name: string, properties: Record<string, unknown>) {
  return {
    id: `${base}/${name}`,
    name,
    type: 'Microsoft.ContainerService/managedClusters/agentPools',
    properties: {
      eTag: `"${name}-1"`,
      mode: 'User',
      provisioningState: 'Succeeded',
      powerState: { code: 'Running' },
      orchestratorVersion: '1.33.2',
      nodeLabels: { team: name },
      ...properties,
    },
  };
}

const pools = {
  system: armPool('system', {
    mode: 'System',
    count: 1,
    vmSize: 'Standard_D2s_v5',
    type: 'VirtualMachineScaleSets',
  }),
  vmone: armPool('vmone', {
    type: 'VirtualMachines',
    virtualMachinesProfile: { scale: { manual: [{ size: 'Standard_D4s_v5', count: 2 }] } },
    virtualMachineNodesStatus: [{ size: 'Standard_D4s_v5', count: 2 }],
  }),
  vmmany: armPool('vmmany', {
    type: 'VirtualMachines',
    virtualMachinesProfile: {
      scale: {
        manual: [
          { size: 'Standard_D4s_v5', count: 2 },
          { size: 'Standard_D8s_v5', count: 1 },
        ],
      },
    },
    virtualMachineNodesStatus: [
      { size: 'Standard_D4s_v5', count: 2 },
      { size: 'Standard_D8s_v5', count: 1 },
    ],
  }),
  vmss: armPool('vmss', { count: 1, vmSize: 'Standard_D2s_v5', type: 'VirtualMachineScaleSets' }),
};

let server: Server;
let origin: string;
let ca: string;
const puts: Array<{ path: string; ifMatch?: string; body: { properties: Record<string, unknown> } }> = [];

beforeAll(async () => {
  const certificates = await generateCertificates();
  ca = certificates.caCert;
  server = createServer({ key: certificates.key, cert: certificates.cert }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'GET' && path === base) return send(200, { value: Object.values(pools) });
      const name = path.slice(base.length + 1) as keyof typeof pools;
      if (req.method === 'PUT' && name in pools) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const ifMatch = req.headers['if-match'];
        puts.push({ path, body, ...(typeof ifMatch === 'string' && { ifMatch }) });
        // Finished at once: the PUT's answer is the pool in a terminal state.
        return send(200, {
          ...pools[name],
          properties: { ...body.properties, provisioningState: 'Succeeded' },
        });
      }
      if (req.method === 'GET' && name in pools) return send(200, pools[name]);
      send(404, { error: { code: 'NotFound', message: `no ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

const policy: Policy = {
  name: 'static',
  evaluate: () => [
    { pool: 'vmone', count: 5, reason: 'static' },
    { pool: 'vmmany', count: 6, reason: 'static' },
    { pool: 'vmss', count: 3, reason: 'static' },
  ],
};

describe('VirtualMachines pools through the real SDK', () => {
  it('reads their count as the sum of sizes, scales a one-size pool by its scale profile, skips a many-size pool', async () => {
    const client = createNodePoolClient({
      credential: {
        getToken: async () => ({ token: 'vm-test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
      },
      endpoint: origin,
      ca,
      env: {},
      retry: { maxRetries: 0 },
    });
    const listed = await client.listPools(cluster);
    expect(listed.map((p) => [p.name, p.count, p.type])).toEqual([
      ['system', 1, 'VirtualMachineScaleSets'],
      ['vmone', 2, 'VirtualMachines'],
      ['vmmany', 3, 'VirtualMachines'],
      ['vmss', 1, 'VirtualMachineScaleSets'],
    ]);
    const report = await reconcile({ client, cluster, policy });
    expect(report.ok).toBe(true);
    expect(report.pools.map((p) => [p.pool, p.from, p.to, p.action, p.outcome])).toEqual([
      ['vmone', 2, 5, 'scale', 'succeeded'],
      ['vmmany', 3, 6, 'skip', 'skipped'],
      ['vmss', 1, 3, 'scale', 'succeeded'],
    ]);
    expect(report.pools[1]?.reason).toMatch(/2 VM sizes \(Standard_D4s_v5 x2, Standard_D8s_v5 x1\)/);
    expect(puts.map((p) => p.path.split('/').at(-1))).toEqual(['vmone', 'vmss']);
    const vmone = puts[0]?.body.properties ?? {};
    expect(vmone.virtualMachinesProfile).toEqual({
      scale: { manual: [{ size: 'Standard_D4s_v5', count: 5 }] },
    });
    expect(vmone).not.toHaveProperty('count');
    expect(vmone).toMatchObject({ type: 'VirtualMachines', mode: 'User', nodeLabels: { team: 'vmone' } });
    expect(puts[0]?.ifMatch).toBe('"vmone-1"');
    expect(puts[1]?.body.properties).toMatchObject({ count: 3, vmSize: 'Standard_D2s_v5' });
  });
});
