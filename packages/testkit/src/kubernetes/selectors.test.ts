import { describe, expect, test } from 'vitest';
import type { KubernetesObject } from './objects.js';
import { RESOURCE_TYPES } from './resources.js';
import { fieldSelector, labelSelector } from './selectors.js';
import { StatusError } from './status.js';

const withLabels = (labels: Record<string, string>): KubernetesObject => ({
  metadata: { name: 'x', labels },
});
const event: KubernetesObject = {
  metadata: { name: 'e', namespace: 'default' },
  involvedObject: { kind: 'ConfigMap', name: 'a,b=c', uid: 'u1' },
  reason: 'ScaledUp',
  type: 'Normal',
};

describe('label selectors', () => {
  test.each([
    ['app=aks-scaler', { app: 'aks-scaler' }, true],
    ['app==aks-scaler', { app: 'other' }, false],
    ['app!=aks-scaler', {}, true],
    ['shard in (0, 1),app', { app: 'a', shard: '1' }, true],
    ['shard notin (0,1)', { shard: '2' }, true],
    ['shard notin (0,1)', {}, true],
    ['!app', { app: 'a' }, false],
    ['example.com/tier', { 'example.com/tier': 'x' }, true],
    ['replicas>1', { replicas: '2' }, true],
    ['replicas<1', { replicas: 'two' }, false],
    ['', {}, true],
  ])('%s on %j is %s', (selector, labels, expected) => {
    expect(labelSelector(selector)(withLabels(labels))).toBe(expected);
  });

  test('a selector that does not parse is a 400 naming it', () => {
    expect(() => labelSelector('app in x')).toThrow(StatusError);
    expect(() => labelSelector('app in x')).toThrow("unable to parse requirement: 'app in x'");
  });
});

describe('field selectors', () => {
  const events = RESOURCE_TYPES.events;
  test('equality and inequality on the fields the API server supports, with escaped values', () => {
    expect(fieldSelector(events, 'involvedObject.kind=ConfigMap,involvedObject.uid==u1')(event)).toBe(true);
    expect(fieldSelector(events, 'involvedObject.name=a\\,b\\=c')(event)).toBe(true);
    expect(fieldSelector(events, 'type!=Warning,reason=ScaledUp')(event)).toBe(true);
    expect(fieldSelector(events, 'metadata.namespace=kube-system')(event)).toBe(false);
    expect(fieldSelector(events, null)(event)).toBe(true);
  });

  test('an unsupported field is a 400 like the real one; configmaps support only metadata fields', () => {
    expect(() => fieldSelector(events, 'message=x')).toThrow('field label not supported: message');
    expect(() => fieldSelector(RESOURCE_TYPES.configmaps, 'reason=x')).toThrow(
      'field label not supported: reason',
    );
    expect(() => fieldSelector(events, 'reason')).toThrow("invalid selector: 'reason'");
  });
});
