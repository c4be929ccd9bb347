import { hostname } from 'node:os';
import { statusConfigMapName } from '../env-kubernetes.js';
import type { PodSink } from '../event-hub.js';
import { electsLeader, type Leadership, leaderLeaseName } from '../leadership.js';
import type { SinkContext } from '../pod-sinks.js';
import { eventOfPodEvent, eventsOfFleet } from './event-records.js';
import { createEventWriter } from './event-writer.js';
import { createFleetObserver } from './fleet-observation.js';
import { createKubernetesFailures } from './kubernetes-failures.js';
import { createKubernetesSession, type KubernetesSession } from './kubernetes-session.js';
import { createLeaseElector } from './lease-elector.js';
import { evaluateAfterRestore, restoreLater, restoreSavedState } from './restore-state.js';
import { buildStateDocument, type StateDocument } from './state-document.js';
import { historyOnlyData, STATUS_KEYS, statusData } from './status-data.js';
import { createStatusWriter } from './status-writer.js';

/**
 * The pod's presence in its cluster: after every reconcile, the status ConfigMap (`status.json`,
 * `status.txt`, `state.json`) and an Event per change, failure or warned skip, about that ConfigMap. Before the
 * first reconcile's policies are evaluated, the saved state is read back and given to them.
 *
 * A queued sink: the reconcile never waits for the API. A call that fails is counted and logged once per kind, and
 * made again at the next reconcile; the run's outcome and exit code do not change.
 *
 * In loop mode (unless `SCALER_LEADER_ELECTION=off`) it also runs the leader election over the Lease
 * `aks-scaler-leader`, on the same connection: the saved state is then read back at the start of each term of
 * leadership rather than at start (a follower takes the state its predecessor saved last), and a replica that no
 * longer leads when its reconcile ends only adds that reconcile's actions to the history: the pools and the state
 * are the leader's to write.
 */
export async function createKubernetesSink(
  context: SinkContext,
): Promise<{ sink: PodSink; leadership?: Leadership }> {
  const { setup, logger, clock } = context;
  const kubernetes = setup.kubernetes;
  if (kubernetes?.access === undefined) throw new Error('the Kubernetes sink needs the Kubernetes access');
  // Shard i of a sharded fleet writes its own ConfigMap, `<name>-<i>`.
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
  const identity = kubernetes.settings.podName ?? hostname();
  const status = createStatusWriter({ session, name });
  const events = createEventWriter({ session, configMapName: name, reportingInstance: identity, clock });
  // Read beside the first reconcile's ARM calls; its policies wait for it only when they are evaluated.
  // With a leader election, the state is read when this replica's term starts (the predecessor's last save).
  let restoring: Promise<StateDocument | undefined> = Promise.resolve(undefined);
  const restore = () => {
    const targets = context.targets();
    restoring = restoreSavedState({
      read: () => status.read({ abortSignal: context.abortSignal }),
      targets,
      where: () => `${session.namespace() ?? '?'}/${name}`,
      logger,
    });
    evaluateAfterRestore(targets, restoring);
  };
  const elector = electsLeader(setup.settings.mode, kubernetes)
    ? createLeaseElector({
        session,
        name: leaderLeaseName(setup.settings.shard),
        identity,
        timings: kubernetes.settings.leaseTimings,
        clock,
        onChange: (change) =>
          context.emit({ kind: 'leadership', at: new Date(clock.now()), identity, ...change }),
      })
    : undefined;
  if (!elector) restore();
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
        const deposed = elector !== undefined && !elector.state().leading;
        const written = await status.write(
          (stored) => {
            if (deposed) return historyOnlyData(fleet, stored, now);
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
    ...(elector && { leadership: { ...elector, termStarting: restore } }),
  };
}
