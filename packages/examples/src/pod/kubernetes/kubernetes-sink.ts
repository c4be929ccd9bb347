import { hostname } from 'node:os';
import { statusConfigMapName } from '../env-kubernetes.js';
import type { PodSink } from '../event-hub.js';
import type { SinkContext } from '../pod-sinks.js';
import { eventOfPodEvent, eventsOfFleet } from './event-records.js';
import { createEventWriter } from './event-writer.js';
import { createFleetObserver } from './fleet-observation.js';
import { createKubernetesFailures } from './kubernetes-failures.js';
import { createKubernetesSession, type KubernetesSession } from './kubernetes-session.js';
import { evaluateAfterRestore, restoreLater, restoreSavedState } from './restore-state.js';
import { buildStateDocument } from './state-document.js';
import { STATUS_KEYS, statusData } from './status-data.js';
import { createStatusWriter } from './status-writer.js';

/**
 * The pod's presence in its cluster (DESIGN.md 8.6): after every reconcile, the status ConfigMap (`status.json`,
 * `status.txt`, `state.json`) and an Event per change, failure or warned skip, about that ConfigMap. Before the
 * first reconcile's policies are evaluated, the saved state is read back and given to them.
 *
 * A queued sink: the reconcile never waits for the API. A call that fails is counted and logged once per kind, and
 * made again at the next reconcile; the run's outcome and exit code do not change.
 */
export async function createKubernetesSink(context: SinkContext): Promise<{ sink: PodSink }> {
  const { setup, logger, clock } = context;
  const kubernetes = setup.kubernetes;
  if (kubernetes?.access === undefined) throw new Error('the Kubernetes sink needs the Kubernetes access');
  // Shard i of a sharded fleet writes its own ConfigMap, `<name>-<i>` (DESIGN.md 8.5, 8.6).
  const name = statusConfigMapName(kubernetes.settings.statusConfigMap, setup.settings.shard);
  const failures = createKubernetesFailures({ logger, emit: context.emit });
  const session: KubernetesSession = createKubernetesSession({
    access: kubernetes.access,
    clock,
    failures,
    onConnected: (api) =>
      logger.info(
        { server: api.server, namespace: api.namespace, configMap: name, via: kubernetes.access?.kind },
        'writing the status ConfigMap and Events after every reconcile',
      ),
  });
  const status = createStatusWriter({ session, name });
  const events = createEventWriter({
    session,
    configMapName: name,
    reportingInstance: kubernetes.settings.podName ?? hostname(),
    clock,
  });
  // Read beside the first reconcile's ARM calls; its policies wait for it only when they are evaluated.
  const restoring = restoreSavedState({
    read: () => status.read({ abortSignal: context.abortSignal }),
    targets: setup.targets,
    where: () => `${session.namespace() ?? '?'}/${name}`,
    logger,
  });
  evaluateAfterRestore(setup.targets, restoring);
  if (context.lateRestore !== undefined) {
    context.lateRestore.restore = (targets) => restoreLater(targets, restoring, logger);
  }

  const observer = createFleetObserver();
  let trimmingSaid = false;
  return {
    sink: {
      name: 'kubernetes',
      delivery: 'queued',
      async handle(event, { abortSignal }) {
        const single = eventOfPodEvent(event);
        if (single) await events.write([single], { involvedUid: status.uid(), abortSignal });
        // Also an override's event: the observer keeps it for the pool's status.
        const fleet = observer.observe(event);
        if (!fleet) return;
        // The policies' state as the reconcile left it, before anything else can change it.
        const now = new Date(clock.now());
        const state = buildStateDocument(context.targets(), now);
        const written = await status.write(
          (stored) => {
            const next = statusData(fleet, stored, state, now);
            if (next.trimmed > 0 && !trimmingSaid) {
              trimmingSaid = true;
              logger.warn(
                { configMap: name, dropped: next.trimmed, kept: next.status.history.length },
                `the status ConfigMap would exceed Kubernetes' 1 MiB: the oldest history entries were dropped (${STATUS_KEYS.status} keeps ${next.status.history.length})`,
              );
            }
            return next.data;
          },
          { abortSignal },
        );
        if (written === 'unreachable') return; // the Events would not get through either: next time
        await events.write(eventsOfFleet(fleet), { involvedUid: status.uid(), abortSignal });
      },
      close: () => session.close(),
    },
  };
}
