// Renders deploy/sharded with the real `kubectl kustomize`: an Indexed CronJob whose shard count agrees everywhere
// it is written, and a Role for exactly the shards' status ConfigMaps.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployDir, envValue, type Manifest, only, render } from './helpers/kustomize.js';

const SERVICE_ACCOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The shard count, checked to be the same in the Job, the variable and the Role; the status names it implies. */
function expectConsistentShards(manifests: Manifest[]): number {
  const job = only(manifests, 'CronJob', 'aks-scaler').spec.jobTemplate.spec;
  const container = job.template.spec.containers[0];
  const shards = Number(envValue(container, 'SCALER_SHARDS'));
  expect(job.completionMode).toBe('Indexed');
  expect(job.completions).toBe(shards);
  expect(job.parallelism).toBe(shards);
  expect(envValue(container, 'SCALER_SHARD')).toBe('auto');
  const named = only(manifests, 'Role', 'aks-scaler').rules.filter(
    (rule: { resourceNames?: string[] }) => rule.resourceNames !== undefined,
  );
  expect(named).toEqual([
    {
      apiGroups: [''],
      resources: ['configmaps'],
      resourceNames: Array.from({ length: shards }, (_, i) => `aks-scaler-status-${i}`),
      verbs: ['get', 'update', 'patch'],
    },
  ]);
  return shards;
}

describe('deploy/sharded (an Indexed CronJob of shards)', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = render(join(deployDir, 'sharded'));
  });

  it('renders the base (its Role and RoleBinding included), and no Lease, Deployment or second CronJob', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual([
      'ConfigMap',
      'ConfigMap',
      'CronJob',
      'Role',
      'RoleBinding',
      'ServiceAccount',
    ]);
    for (const m of manifests) expect(m.metadata.namespace, m.kind).toBeUndefined();
  });

  it('runs 3 shards per schedule, each with SCALER_SHARD=auto, and a failed shard fails alone', () => {
    expect(expectConsistentShards(manifests)).toBe(3);
    const cronJob = only(manifests, 'CronJob', 'aks-scaler');
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
    const job = cronJob.spec.jobTemplate.spec;
    expect(job.backoffLimit).toBeUndefined();
    expect(job.backoffLimitPerIndex).toBe(1);
    expect(job.podFailurePolicy.rules).toEqual([
      { action: 'FailIndex', onExitCodes: { containerName: 'scaler', operator: 'In', values: [2, 3] } },
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
    ]);
    const container = job.template.spec.containers[0];
    expect(envValue(container, 'SCALER_MODE')).toBe('once');
    expect(envValue(container, 'SCALER_CONFIG')).toBe('/etc/aks-scaler/scaler.yaml');
    const config = job.template.spec.volumes.find((v: { name: string }) => v.name === 'config');
    expect(config.configMap.optional).toBe(false);
    only(manifests, 'ConfigMap', config.configMap.name);
    // The single-cluster variables are gone: the config file lists the fleet.
    expect(Object.keys(only(manifests, 'ConfigMap', 'aks-scaler-env').data)).toEqual(['LOG_LEVEL']);
  });

  it("grants events, configmap create and the shards' status ConfigMaps by name, to the pod's service account", () => {
    const role = only(manifests, 'Role', 'aks-scaler');
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
      expect.objectContaining({ resourceNames: expect.any(Array) }),
    ]);
    expect(JSON.stringify(role)).not.toMatch(/lease|secret|\*/i);
    const binding = only(manifests, 'RoleBinding', 'aks-scaler');
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'aks-scaler',
    });
    const pod = only(manifests, 'CronJob').spec.jobTemplate.spec.template.spec;
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: pod.serviceAccountName }]);
  });

  it("runs the base pod with its Kubernetes token, plus only the shard's variables and a required config", () => {
    const basePod = only(render(join(deployDir, 'base')), 'CronJob').spec.jobTemplate.spec.template.spec;
    const pod = only(manifests, 'CronJob').spec.jobTemplate.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    const token = pod.volumes.find((v: { name: string }) => v.name === 'kube-api-access');
    expect(token.projected.sources[0].serviceAccountToken).toEqual({
      path: 'token',
      expirationSeconds: 3607,
    });
    const [container] = pod.containers;
    expect(container.volumeMounts).toContainEqual({
      name: 'kube-api-access',
      mountPath: SERVICE_ACCOUNT_PATH,
      readOnly: true,
    });
    const common = (spec: Manifest['spec']) => {
      const { volumes, containers, ...rest } = spec;
      const { env, ...shared } = containers[0];
      return {
        ...rest,
        volumes: volumes.filter((v: { name: string }) => v.name !== 'config'),
        containers: [
          {
            ...shared,
            env: env.filter(
              (e: { name: string }) => !['SCALER_SHARD', 'SCALER_SHARDS', 'SCALER_CONFIG'].includes(e.name),
            ),
          },
        ],
      };
    };
    expect(common(pod)).toEqual(common(basePod));
  });
});

describe("the deploy README's overlay for another shard count", () => {
  let overlayDir: string;
  afterAll(() => rmSync(overlayDir, { recursive: true, force: true }));

  it('renders 5 shards that agree everywhere', () => {
    const readme = readFileSync(join(deployDir, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Changing the number of shards'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    overlayDir = mkdtempSync(join(tmpdir(), 'aks-scaler-shards-overlay-'));
    const base = relative(overlayDir, join(deployDir, 'sharded'));
    writeFileSync(
      join(overlayDir, 'kustomization.yaml'),
      block!.replace('../packages/examples/deploy/sharded', base),
    );
    const rendered = render(overlayDir);
    expect(expectConsistentShards(rendered)).toBe(5);
    for (const m of rendered) expect(m.metadata.namespace, m.kind).toBe('aks-scaler');
  });
});
