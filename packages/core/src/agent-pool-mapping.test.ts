import type { AgentPool } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { tagsChange, toNodePool, writeBody } from './agent-pool-mapping.js';
import { ArmRequestError } from './errors.js';

const cluster = { subscriptionId: 's', resourceGroup: 'rg', clusterName: 'aks' };
const good: AgentPool = {
  name: 'manualpool2',
  count: 3,
  mode: 'User',
  provisioningState: 'Succeeded',
  eTag: '"e1"',
  powerState: { code: 'Running' },
  nodeLabels: { team: 'a' },
};

describe('toNodePool', () => {
  it('flattens a well-formed body', () => {
    expect(toNodePool(cluster, good)).toMatchObject({
      name: 'manualpool2',
      count: 3,
      mode: 'User',
      provisioningState: 'Succeeded',
      eTag: '"e1"',
      powerState: 'Running',
      enableAutoScaling: false,
    });
  });

  it.each([
    ['count missing', { count: undefined }, 'count'],
    ['count negative', { count: -1 }, 'count'],
    ['count fractional', { count: 1.5 }, 'count'],
    ['count a string', { count: '3' }, 'count'],
    ['provisioningState missing', { provisioningState: undefined }, 'provisioningState'],
    ['provisioningState a number', { provisioningState: 7 }, 'provisioningState'],
    ['name a number', { name: 5 }, 'name'],
    ['eTag an object', { eTag: {} }, 'eTag'],
    ['enableAutoScaling a string', { enableAutoScaling: 'yes' }, 'enableAutoScaling'],
  ])('refuses a body with %s: never a pool that looks idle or empty', (_, patch, field) => {
    const body = { ...good, ...patch } as unknown as AgentPool;
    expect(() => toNodePool(cluster, body)).toThrow(ArmRequestError);
    expect(() => toNodePool(cluster, body)).toThrow(`'${field}'`);
  });

  it('reads the tags as strings, and leaves them out when ARM sent none or an empty object', () => {
    const tagged = toNodePool(cluster, { ...good, tags: { 'aks-scaler-override': 'pause', team: 'a' } });
    expect(tagged.tags).toEqual({ 'aks-scaler-override': 'pause', team: 'a' });
    expect(toNodePool(cluster, good).tags).toBeUndefined();
    expect(toNodePool(cluster, { ...good, tags: {} }).tags).toBeUndefined();
  });

  it.each([
    ['tags a string', { tags: 'a=b' }, 'tags'],
    ['tags a list', { tags: ['a'] }, 'tags'],
    ['a tag value a number', { tags: { team: 5 } }, 'tags.team'],
  ])('refuses a body with %s', (_, patch, field) => {
    const body = { ...good, ...patch } as unknown as AgentPool;
    expect(() => toNodePool(cluster, body)).toThrow(`'${field}'`);
  });

  it('a tag change sets and removes the tags it names and keeps the others', () => {
    const read: AgentPool = { ...good, tags: { team: 'a', 'aks-scaler-until': '2026-12-07T08:00:00Z' } };
    expect(tagsChange(read, { 'aks-scaler-override': 'pause', 'aks-scaler-until': null })).toEqual({
      tags: { team: 'a', 'aks-scaler-override': 'pause' },
    });
    expect(tagsChange(good, { 'aks-scaler-reason': null })).toEqual({ tags: {} });
    expect(read.tags).toEqual({ team: 'a', 'aks-scaler-until': '2026-12-07T08:00:00Z' });
  });

  it('writes back the body as read with only the change applied', () => {
    const body = writeBody(good, { count: 5 });
    expect(body).toEqual({ ...good, count: 5 });
    expect(body.nodeLabels).not.toBe(good.nodeLabels);
  });
});

describe('toNodePool: VirtualMachines pools', () => {
  const vm = (scale: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    ({
      name: 'vmpool',
      mode: 'User',
      typePropertiesType: 'VirtualMachines',
      provisioningState: 'Succeeded',
      eTag: '"v1"',
      virtualMachinesProfile: { scale },
      ...extra,
    }) as unknown as AgentPool;

  it('reads the count as the sum of the manual profiles (ARM sends no count for them)', () => {
    const pool = toNodePool(
      cluster,
      vm({
        manual: [
          { size: 'Standard_D4s_v5', count: 2 },
          { size: 'Standard_D8s_v5', count: 3 },
        ],
      }),
    );
    expect(pool).toMatchObject({ count: 5, type: 'VirtualMachines', enableAutoScaling: false });
    expect(pool.manualScaleProfiles).toEqual([
      { size: 'Standard_D4s_v5', count: 2 },
      { size: 'Standard_D8s_v5', count: 3 },
    ]);
    expect(pool.vmSize).toBeUndefined();
    expect(toNodePool(cluster, vm({ manual: [{ size: 'Standard_D4s_v5', count: 4 }] })).vmSize).toBe(
      'Standard_D4s_v5',
    );
  });

  it("treats a pool scaled by autoscale profiles as the autoscaler's, counting its nodes from their status", () => {
    const pool = toNodePool(
      cluster,
      vm(
        { autoscale: [{ size: 'Standard_D4s_v5', minCount: 1, maxCount: 5 }] },
        { virtualMachineNodesStatus: [{ size: 'Standard_D4s_v5', count: 2 }] },
      ),
    );
    expect(pool).toMatchObject({ count: 2, enableAutoScaling: true, manualScaleProfiles: [] });
  });

  it.each([
    ['a manual count missing', { manual: [{ size: 'Standard_D4s_v5' }] }, 'scale.manual[0].count'],
    [
      'a manual count negative',
      { manual: [{ size: 'Standard_D4s_v5', count: -1 }] },
      'scale.manual[0].count',
    ],
    ['manual not a list', { manual: 3 }, 'scale.manual'],
    ['no profile and no count', {}, 'virtualMachinesProfile.scale.manual'],
  ])('refuses a VirtualMachines body with %s', (_, scale, field) => {
    expect(() => toNodePool(cluster, vm(scale))).toThrow(ArmRequestError);
    expect(() => toNodePool(cluster, vm(scale))).toThrow(`'${field}'`);
  });

  it('keeps VirtualMachineScaleSets pools as they were: count is count', () => {
    const body = { ...good, typePropertiesType: 'VirtualMachineScaleSets' } as AgentPool;
    expect(toNodePool(cluster, body)).toMatchObject({ count: 3, type: 'VirtualMachineScaleSets' });
    expect(toNodePool(cluster, body).manualScaleProfiles).toBeUndefined();
  });
});
