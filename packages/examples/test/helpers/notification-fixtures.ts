import type { ClusterRef } from '@aks-scaler/core';
import type {
  ConfigRejectedNotification,
  FailedNotification,
  Notification,
  OverrideNotification,
  ScaledNotification,
} from '../../src/notify/notification.js';

// One notification of each kind, shared by the format tests and the docs' example events.

/** The cluster of the examples. */
export const EXAMPLE_CLUSTER: ClusterRef = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'myResourceGroup',
  clusterName: 'myManagedCluster',
};

/** When the examples happen. */
export const EXAMPLE_AT = new Date('2026-11-30T07:34:12.000Z');

/** A scale-up that took 4m12s. */
export const SCALED_EXAMPLE: ScaledNotification = {
  kind: 'scaled',
  at: EXAMPLE_AT,
  cluster: EXAMPLE_CLUSTER,
  entry: {
    pool: 'manualpool2',
    from: 1,
    to: 10,
    action: 'scale',
    operations: ['scale'],
    reason: "schedule 'Mon-Fri 07:30-20:30' (Europe/Berlin)",
    outcome: 'succeeded',
    durationInMs: 252_000,
  },
};

/** A scale-up that AKS refused for quota. */
export const FAILED_EXAMPLE: FailedNotification = {
  kind: 'failed',
  at: EXAMPLE_AT,
  cluster: EXAMPLE_CLUSTER,
  entry: {
    pool: 'manualpool3',
    from: 5,
    to: 20,
    action: 'scale',
    operations: ['scale'],
    reason: 'metric sum(queue_depth) = 1930, 100 per node',
    outcome: 'failed',
    durationInMs: 38_000,
    error: {
      code: 'OPERATION_FAILED',
      message:
        "The operation on pool 'manualpool3' ended Failed (QuotaExceeded): raise the regional vCPU quota.",
    },
  },
};

/** An operator's override, now active. */
export const OVERRIDE_EXAMPLE: OverrideNotification = {
  kind: 'override',
  at: EXAMPLE_AT,
  cluster: EXAMPLE_CLUSTER,
  override: {
    pool: 'manualpool2',
    state: 'active',
    target: 20,
    until: '2026-12-05T17:00:00Z',
    reason: 'load test',
    source: 'tag',
  },
};

/** A reloaded config with two problems. */
export const CONFIG_REJECTED_EXAMPLE: ConfigRejectedNotification = {
  kind: 'config-rejected',
  at: EXAMPLE_AT,
  config: '/etc/aks-scaler/scaler.yaml',
  problems: [
    {
      path: 'policy.max[0].static.Manual',
      message:
        'pool name "Manual" is not valid: use 1-12 lowercase letters or digits, starting with a letter',
    },
    {
      path: 'limits.concurency',
      message: "unknown key 'concurency': check the spelling (unknown keys are not ignored)",
    },
  ],
};

/** One of each kind. */
export const NOTIFICATION_EXAMPLES: readonly Notification[] = [
  SCALED_EXAMPLE,
  FAILED_EXAMPLE,
  OVERRIDE_EXAMPLE,
  CONFIG_REJECTED_EXAMPLE,
];
