import type { Clock, OperationDurations } from '@aks-scaler/core';
import type { Registry } from 'prom-client';
import type { NotifySink } from '../notify/notify-sink.js';
import type { Logger } from '../shared/logger.js';
import type { PodSettings } from './env.js';
import type { PodSink } from './event-hub.js';
import { createLogSink } from './log-sink.js';
import type { PodEvent } from './pod-events.js';
import type { ScalerSetup, ScalerTarget } from './setup.js';

/** What a sink is built from. */
export interface SinkContext {
  /** The pod's settings, which turn sinks on. */
  settings: PodSettings;
  /** The pod's environment (e.g. `POD_NAMESPACE`, for where events come from). */
  env?: NodeJS.ProcessEnv | undefined;
  /** The config's webhooks (`notify`), their URLs resolved; none without a config. */
  webhooks?: readonly NotifySink[] | undefined;
  /** The metrics registry, once a sink before this one serves metrics. */
  registry?: Registry | undefined;
  /** The pod's logger. */
  logger: Logger;
  /** Aborts when the pod stops waiting (the end of the shutdown grace period). */
  abortSignal: AbortSignal;
  /** The whole validated setup (the Kubernetes access, the targets it started with). */
  setup: ScalerSetup;
  /** The targets the reconciles run with now (a reloaded config replaces them). */
  targets: () => readonly ScalerTarget[];
  /** The pod's clock. */
  clock: Clock;
  /** Sends an event to every sink (e.g. a failure a sink met, for the metrics). */
  emit(event: PodEvent): void;
  /**
   * Where a sink that restores saved state (the Kubernetes one) leaves a way to restore targets that appear later:
   * the clusters a selector discovers. Their policies wait for it when they are first evaluated.
   */
  lateRestore?: LateRestore | undefined;
  /** The operation durations the pod learns (the metrics show them; the Kubernetes sink keeps them across runs). */
  durations?: OperationDurations | undefined;
}

/** See {@link SinkContext.lateRestore}. */
export interface LateRestore {
  /** Gives newly discovered targets their saved state (set by the sink that read it). */
  restore?: ((targets: readonly ScalerTarget[]) => void) | undefined;
}

/** A sink the pod can have: when its settings turn it on, and how it is built (loaded only then). */
export interface SinkDefinition {
  /** The sink's name. */
  readonly name: string;
  /** What turns it on, for the docs and the log. */
  readonly enabledBy: string;
  /** Whether the settings (the config's webhooks, the Kubernetes access the setup found) turn it on. */
  enabled(settings: PodSettings, context: Pick<SinkContext, 'webhooks' | 'setup'>): boolean;
  /** Builds it; a sink that serves metrics also returns their registry. */
  create(context: SinkContext): Promise<{ sink: PodSink; registry?: Registry }>;
}

/**
 * The pod's sinks, in the order they receive each event. A further sink is one more entry, turned on by its own
 * setting.
 */
export const POD_SINKS: readonly SinkDefinition[] = [
  {
    name: 'log',
    enabledBy: 'always',
    enabled: () => true,
    create: async ({ logger }) => ({ sink: createLogSink(logger) }),
  },
  {
    name: 'metrics',
    enabledBy: 'the HTTP server (SCALER_MODE=loop or SCALER_HTTP_PORT)',
    enabled: (settings) => settings.http !== undefined,
    // prom-client is loaded only when /metrics is served, which keeps a CronJob pod's memory low.
    create: async ({ durations }) => {
      const [{ createPodMetrics }, { createMetricsSink }] = await Promise.all([
        import('./metrics.js'),
        import('./metrics-sink.js'),
      ]);
      const metrics = createPodMetrics({ ...(durations !== undefined && { durations }) });
      return { sink: createMetricsSink(metrics), registry: metrics.registry };
    },
  },
  {
    name: 'notifications',
    enabledBy: "the config's notify list",
    enabled: (_settings, { webhooks }) => (webhooks?.length ?? 0) > 0,
    create: async ({ webhooks, logger, registry, env }) => {
      const { createNotificationSink } = await import('./notification-sink.js');
      return { sink: createNotificationSink({ webhooks: webhooks ?? [], logger, registry, env }) };
    },
  },
  {
    name: 'kubernetes',
    enabledBy: "SCALER_KUBERNETES (auto: KUBECONFIG or the pod's service account)",
    enabled: (_settings, { setup }) => setup.kubernetes?.access !== undefined,
    // The status ConfigMap, Events and the saved state. Loaded only when on: with it off, no Kubernetes code runs.
    create: async (context) => {
      const { createKubernetesSink } = await import('./kubernetes/kubernetes-sink.js');
      return createKubernetesSink(context);
    },
  },
];

/**
 * The sinks `settings` turn on, built in order; and the metrics registry when one of them serves metrics. Each is
 * given to `attach` as soon as it is built, so what a later sink emits while it is built (a failure) reaches it.
 */
export async function createPodSinks(
  context: SinkContext,
  definitions: readonly SinkDefinition[] = POD_SINKS,
  attach: (sink: PodSink) => void = () => {},
): Promise<{ sinks: PodSink[]; registry?: Registry }> {
  const sinks: PodSink[] = [];
  let registry: Registry | undefined;
  for (const definition of definitions) {
    if (!definition.enabled(context.settings, context)) continue;
    const created = await definition.create({ ...context, ...(registry !== undefined && { registry }) });
    sinks.push(created.sink);
    attach(created.sink);
    registry ??= created.registry;
  }
  return { sinks, ...(registry !== undefined && { registry }) };
}
