import type { AgentPool } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { toNodePool, writeBody } from './agent-pool-mapping.js';
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

  it('writes back the body as read with only the change applied', () => {
    const body = writeBody(good, { count: 5 });
    expect(body).toEqual({ ...good, count: 5 });
    expect(body.nodeLabels).not.toBe(good.nodeLabels);
  });
});
