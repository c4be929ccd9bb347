// Renders the kustomize base and the loop variant with the real `kubectl kustomize` and checks what Kubernetes
// would receive: the workload identity wiring, the seed environment, the hardening and the workload settings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployDir, type Manifest, only, render, renderText } from './helpers/kustomize.js';

const seedVariables = ['SUBSCRIPTION', 'RESOURCE_GROUP', 'CLUSTER_NAME', 'LOCATION', 'NODE_POOLS_AMOUNT'];

/** The checks every scaler pod template must pass, whichever workload carries it. */
function expectHardenedScalerPod(
  workload: Manifest,
  template: Manifest['spec'],
  manifests: Manifest[],
): void {
  // The webhook mutates only pods that carry the label: it must be on the template, as the string "true".
  expect(template.metadata.labels['azure.workload.identity/use']).toBe('true');
  expect(workload.metadata.labels?.['azure.workload.identity/use']).toBeUndefined();

  const pod = template.spec;
  expect(pod.serviceAccountName).toBe('workload-identity-sa');
  expect(pod.automountServiceAccountToken).toBe(false);
  expect(pod.hostNetwork ?? false).toBe(false);
  expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(300);
  expect(pod.securityContext).toMatchObject({
    runAsNonRoot: true,
    runAsUser: 65532,
    seccompProfile: { type: 'RuntimeDefault' },
  });

  expect(pod.containers).toHaveLength(1);
  const container = pod.containers[0];
  expect(container.image).toMatch(/^aks-scaler:\d+\.\d+\.\d+$/);
  expect(container.securityContext).toMatchObject({
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
  });
  expect(container.securityContext.privileged ?? false).toBe(false);
  expect(container.securityContext.capabilities.add).toBeUndefined();
  expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
  expect(container.resources.limits).toMatchObject({ memory: expect.any(String) });

  // After SIGTERM the scaler lets in-flight operations run for SCALER_SHUTDOWN_TIMEOUT: Kubernetes must not kill
  // it before that.
  const shutdown = /^(\d+)m$/.exec(envValue(container, 'SCALER_SHUTDOWN_TIMEOUT') ?? '');
  expect(shutdown, 'SCALER_SHUTDOWN_TIMEOUT in whole minutes').not.toBeNull();
  expect(Number(shutdown![1]) * 60).toBeLessThan(pod.terminationGracePeriodSeconds);

  // The environment comes from the ConfigMap that exists in the same rendering.
  const envFrom = container.envFrom.map(
    (source: { configMapRef: { name: string } }) => source.configMapRef.name,
  );
  expect(envFrom).toEqual(['aks-scaler-env']);
  only(manifests, 'ConfigMap', 'aks-scaler-env');

  // The optional config file: its (hashed) generated name is what the volume mounts.
  const configVolume = pod.volumes.find((volume: { name: string }) => volume.name === 'config');
  expect(configVolume.configMap.optional).toBe(true);
  only(manifests, 'ConfigMap', configVolume.configMap.name);
  const configMount = container.volumeMounts.find((mount: { name: string }) => mount.name === 'config');
  expect(configMount).toMatchObject({ mountPath: '/etc/aks-scaler', readOnly: true });
}

function envValue(container: { env?: { name: string; value?: string }[] }, name: string): string | undefined {
  return container.env?.find((entry) => entry.name === name)?.value;
}

function expectNoExternalExposure(manifests: Manifest[]): void {
  for (const service of manifests.filter((m) => m.kind === 'Service')) {
    expect(service.spec.type ?? 'ClusterIP', service.metadata.name).toBe('ClusterIP');
  }
  expect(manifests.filter((m) => m.kind === 'Ingress')).toEqual([]);
}

describe('deploy/base (once mode, CronJob)', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = render(join(deployDir, 'base'));
  });

  it('renders a ServiceAccount, its Role and RoleBinding, the two ConfigMaps and one CronJob, without a namespace', () => {
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

  it('annotates workload-identity-sa with a client-id placeholder to patch', () => {
    const sa = only(manifests, 'ServiceAccount', 'workload-identity-sa');
    expect(sa.metadata.annotations['azure.workload.identity/client-id']).toMatch(
      /^\$\{USER_ASSIGNED_CLIENT_ID\}$/,
    );
  });

  it('carries the seed variables, with NODE_POOLS_AMOUNT as a string holding a JSON object', () => {
    const env = only(manifests, 'ConfigMap', 'aks-scaler-env').data as Record<string, unknown>;
    for (const name of seedVariables) expect(typeof env[name], name).toBe('string');
    const amounts = JSON.parse(env.NODE_POOLS_AMOUNT as string) as Record<string, unknown>;
    expect(amounts).toEqual({ manualpool2: 5, manualpool3: 5 });
  });

  it('runs once per schedule, never two at a time, and gives up on configuration and credential errors', () => {
    const cronJob = only(manifests, 'CronJob', 'aks-scaler');
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
    expect(cronJob.spec.successfulJobsHistoryLimit).toBeGreaterThan(0);
    expect(cronJob.spec.failedJobsHistoryLimit).toBeGreaterThan(0);
    const job = cronJob.spec.jobTemplate.spec;
    expect(job.backoffLimit).toBeGreaterThanOrEqual(0);
    // Longer than the default per-operation timeout of 30 minutes.
    expect(job.activeDeadlineSeconds).toBeGreaterThan(30 * 60);
    const failJob = job.podFailurePolicy.rules.find((rule: { action: string }) => rule.action === 'FailJob');
    expect(failJob.onExitCodes).toMatchObject({ operator: 'In', values: [2, 3] });
    expect(job.template.spec.restartPolicy).toBe('Never');
    expect(envValue(job.template.spec.containers[0], 'SCALER_MODE')).toBe('once');
  });

  it('hardens the pod template', () => {
    const cronJob = only(manifests, 'CronJob', 'aks-scaler');
    expectHardenedScalerPod(cronJob, cronJob.spec.jobTemplate.spec.template, manifests);
    expect(cronJob.spec.jobTemplate.spec.template.spec.containers[0].ports).toBeUndefined();
    expectNoExternalExposure(manifests);
  });
});

describe('deploy/loop (loop mode, Deployment)', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = render(join(deployDir, 'loop'));
  });

  it('replaces the CronJob with a single Recreate Deployment in loop mode', () => {
    expect(manifests.filter((m) => m.kind === 'CronJob')).toEqual([]);
    const deployment = only(manifests, 'Deployment', 'aks-scaler');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    const container = deployment.spec.template.spec.containers[0];
    expect(envValue(container, 'SCALER_MODE')).toBe('loop');
    expect(envValue(container, 'SCALER_HTTP_PORT')).toBe('8080');
  });

  it('hardens the pod template', () => {
    const deployment = only(manifests, 'Deployment', 'aks-scaler');
    expectHardenedScalerPod(deployment, deployment.spec.template, manifests);
  });

  it('probes /healthz and /readyz on the named metrics port', () => {
    const container = only(manifests, 'Deployment').spec.template.spec.containers[0];
    expect(container.ports).toEqual([{ name: 'http-metrics', containerPort: 8080, protocol: 'TCP' }]);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http-metrics' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http-metrics' });
  });

  it('runs the same pod as the CronJob, apart from the mode, the port and the probes', () => {
    const cronJobPod = only(render(join(deployDir, 'base')), 'CronJob').spec.jobTemplate.spec.template.spec;
    const deploymentPod = only(manifests, 'Deployment').spec.template.spec;
    const common = (pod: Manifest['spec']) => {
      const { restartPolicy: _restart, containers, ...rest } = pod;
      const {
        env,
        ports: _ports,
        livenessProbe: _live,
        readinessProbe: _ready,
        ...container
      } = containers[0];
      const shared = env.filter(
        (entry: { name: string }) => !['SCALER_MODE', 'SCALER_HTTP_PORT'].includes(entry.name),
      );
      return { ...rest, containers: [{ ...container, env: shared }] };
    };
    expect(common(deploymentPod)).toEqual(common(cronJobPod));
  });

  it('exposes metrics only through a ClusterIP Service that selects the scaler pod', () => {
    expectNoExternalExposure(manifests);
    const service = only(manifests, 'Service');
    expect(service.spec.ports).toEqual([
      { name: 'http-metrics', port: 8080, targetPort: 'http-metrics', protocol: 'TCP' },
    ]);
    const podLabels = only(manifests, 'Deployment').spec.template.metadata.labels;
    expect(Object.keys(service.spec.selector).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(service.spec.selector)) expect(podLabels[key], key).toBe(value);
  });
});

describe('a user overlay on top of the base', () => {
  let overlayDir: string;
  afterAll(() => rmSync(overlayDir, { recursive: true, force: true }));

  it('replaces the placeholders with kustomize patches, the namespace and the image', () => {
    overlayDir = mkdtempSync(join(tmpdir(), 'aks-scaler-overlay-'));
    // kustomize only accepts relative paths to other kustomizations.
    const base = relative(overlayDir, join(deployDir, 'loop'));
    const clientId = '11111111-2222-3333-4444-555555555555';
    writeFileSync(
      join(overlayDir, 'kustomization.yaml'),
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'namespace: scaling',
        `resources: [${JSON.stringify(base)}]`,
        'images: [{ name: aks-scaler, newName: example.azurecr.io/aks-scaler, newTag: "1.2.3" }]',
        'patches:',
        '  - patch: |-',
        '      { "apiVersion": "v1", "kind": "ServiceAccount", "metadata": { "name": "workload-identity-sa",',
        `        "annotations": { "azure.workload.identity/client-id": "${clientId}" } } }`,
        '  - patch: |-',
        '      { "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "aks-scaler-env" },',
        '        "data": { "NODE_POOLS_AMOUNT": "{ \\"userpool\\": 0 }", "SUBSCRIPTION": "sub", "RESOURCE_GROUP": "rg",',
        '          "CLUSTER_NAME": "cluster", "LOCATION": "westeurope" } }',
        '',
      ].join('\n'),
    );
    expect(renderText(overlayDir), 'no placeholder is left').not.toContain('${');
    const manifests = render(overlayDir);
    for (const m of manifests) expect(m.metadata.namespace, m.kind).toBe('scaling');
    const sa = only(manifests, 'ServiceAccount');
    expect(sa.metadata.annotations['azure.workload.identity/client-id']).toBe(clientId);
    const env = only(manifests, 'ConfigMap', 'aks-scaler-env').data;
    expect(JSON.parse(env.NODE_POOLS_AMOUNT)).toEqual({ userpool: 0 });
    const container = only(manifests, 'Deployment').spec.template.spec.containers[0];
    expect(container.image).toBe('example.azurecr.io/aks-scaler:1.2.3');
  });
});
