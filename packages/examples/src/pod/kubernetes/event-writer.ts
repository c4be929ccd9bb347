import type { Clock } from '@aks-scaler/core';
import type { EventRecord } from './event-records.js';
import type { EventObject } from './kubernetes-api.js';
import type { KubernetesSession } from './kubernetes-session.js';
import { formatKubernetesTime, formatMicroTime } from './kubernetes-times.js';

/** The Events' `source.component` and `reportingComponent`. */
export const REPORTING_COMPONENT = 'aks-scaler';

/** Writes Events about the status ConfigMap; a repeat within the process raises the first one's count. */
export interface EventWriter {
  /**
   * Records the Events in order, about the status ConfigMap whose `uid` is `involvedUid` (when known). Returns
   * `false` when the API could not be reached (the rest were not tried: they are lost, as client-go's recorder
   * drops what it cannot send).
   */
  write(
    records: readonly EventRecord[],
    options: { involvedUid: string | undefined; abortSignal?: AbortSignal | undefined },
  ): Promise<boolean>;
}

/** Options of {@link createEventWriter}. */
export interface EventWriterOptions {
  session: KubernetesSession;
  /** The status ConfigMap: the Events' involved object, and their names' prefix. */
  configMapName: string;
  /** The Events' `reportingInstance`: the pod's name. */
  reportingInstance: string;
  clock: Clock;
}

/** How many distinct Events the writer remembers (the oldest are forgotten: a repeat then creates a new one). */
const MAX_REMEMBERED_EVENTS = 1000;

interface Recorded {
  name: string;
  count: number;
}

/** Creates the writer; it remembers the Events it created for as long as the process lives. */
export function createEventWriter(options: EventWriterOptions): EventWriter {
  const { session, configMapName, clock } = options;
  const reportingInstance = options.reportingInstance.slice(0, 128);
  const recorded = new Map<string, Recorded>();
  let sequence = 0;
  // As client-go names them: the object's name and a hex timestamp (ns), here with a sequence to stay unique.
  const newName = () =>
    `${configMapName}.${(BigInt(clock.now()) * 1_000_000n + BigInt(sequence++ % 1_000_000)).toString(16)}`;

  const create = async (
    record: EventRecord,
    uid: string | undefined,
    abortSignal: AbortSignal | undefined,
  ) => {
    const now = clock.now();
    const namespace = session.namespace() ?? 'default';
    for (let attempt = 0; ; attempt++) {
      const name = newName();
      const body: EventObject = {
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          name: configMapName,
          namespace,
          ...(uid !== undefined && { uid }),
        },
        reason: record.reason,
        message: record.message,
        type: record.type,
        action: record.action,
        count: 1,
        firstTimestamp: formatKubernetesTime(now),
        lastTimestamp: formatKubernetesTime(now),
        eventTime: formatMicroTime(now),
        reportingComponent: REPORTING_COMPONENT,
        reportingInstance,
        source: { component: REPORTING_COMPONENT },
      };
      const result = await session.call((api, signal) => api.createEvent(body, { abortSignal: signal }), {
        abortSignal,
      });
      if (result.ok) return { ok: true as const, name };
      if (result.status === 409 && attempt === 0) continue; // the name was taken: take another
      session.fail('event-create', result);
      return { ok: false as const, unreachable: result.status === undefined };
    }
  };

  return {
    async write(records, { involvedUid, abortSignal }) {
      for (const record of records) {
        const key = `${record.reason}\u0000${record.pool ?? ''}\u0000${record.message}`;
        const seen = recorded.get(key);
        if (seen) {
          const patch = { count: seen.count + 1, lastTimestamp: formatKubernetesTime(clock.now()) };
          const result = await session.call(
            (api, signal) => api.patchEvent(seen.name, patch, { abortSignal: signal }),
            { abortSignal },
          );
          if (result.ok) {
            seen.count += 1;
            continue;
          }
          if (result.status !== 404) {
            session.fail('event-patch', result);
            if (result.status === undefined) return false;
            continue;
          }
          // Gone (Events expire after an hour by default): record it afresh.
        }
        const created = await create(record, involvedUid, abortSignal);
        if (created.ok) {
          recorded.set(key, { name: created.name, count: 1 });
          if (recorded.size > MAX_REMEMBERED_EVENTS) recorded.delete(recorded.keys().next().value!);
        } else if (created.unreachable) return false;
      }
      return true;
    },
  };
}
