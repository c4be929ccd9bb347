import type { ConfigMapObject } from './kubernetes-api.js';
import type { KubernetesSession } from './kubernetes-session.js';

/** How many times a write meets a 409 (another writer got there first) before it waits for the next reconcile. */
export const MAX_STATUS_WRITE_ATTEMPTS = 3;

/** Labels the status ConfigMap carries. */
export const STATUS_LABELS = {
  'app.kubernetes.io/name': 'aks-scaler',
  'app.kubernetes.io/component': 'status',
} as const;

/** How a status write ended: written, failed (reported; tried again next time), or the API is out of reach. */
export type StatusWriteResult = 'written' | 'failed' | 'unreachable';

/** Reads and writes the status ConfigMap with optimistic concurrency. */
export interface StatusWriter {
  /** The ConfigMap's `uid`, once it was read or written: Events name it as their involved object. */
  uid(): string | undefined;
  /** Reads the ConfigMap: its data (`undefined` when it does not exist), or `'failed'` (reported). */
  read(options?: {
    abortSignal?: AbortSignal | undefined;
  }): Promise<Record<string, string> | undefined | 'failed' | 'unreachable'>;
  /**
   * Writes the data `build` makes from what is stored now: read, then replace with the read `resourceVersion`
   * (create when absent); on 409 read again and retry, at most {@link MAX_STATUS_WRITE_ATTEMPTS} times.
   */
  write(
    build: (stored: Record<string, string> | undefined) => Record<string, string>,
    options?: { abortSignal?: AbortSignal | undefined },
  ): Promise<StatusWriteResult>;
}

/** The status ConfigMap `name`'s writer. */
export function createStatusWriter(options: { session: KubernetesSession; name: string }): StatusWriter {
  const { session, name } = options;
  let uid: string | undefined;
  const remember = (map: ConfigMapObject | undefined) => {
    if (map?.metadata.uid) uid = map.metadata.uid;
    return map;
  };
  const readMap = async (abortSignal: AbortSignal | undefined) => {
    const result = await session.call((api, signal) => api.readConfigMap(name, { abortSignal: signal }), {
      abortSignal,
    });
    if (!result.ok) {
      session.fail('status-read', result);
      return result.status === undefined ? 'unreachable' : 'failed';
    }
    return remember(result.value);
  };
  return {
    uid: () => uid,
    async read({ abortSignal } = {}) {
      const map = await readMap(abortSignal);
      return typeof map === 'string' ? map : (map?.data ?? (map ? {} : undefined));
    },
    async write(build, { abortSignal } = {}) {
      for (let attempt = 1; ; attempt++) {
        const stored = await readMap(abortSignal);
        if (typeof stored === 'string') return stored;
        const data = build(stored?.data);
        const result = stored
          ? await session.call(
              (api, signal) =>
                api.replaceConfigMap(
                  {
                    metadata: { ...stored.metadata, labels: { ...stored.metadata.labels, ...STATUS_LABELS } },
                    data,
                  },
                  { abortSignal: signal },
                ),
              { abortSignal },
            )
          : await session.call(
              (api, signal) =>
                api.createConfigMap(
                  { metadata: { name, labels: { ...STATUS_LABELS } }, data },
                  { abortSignal: signal },
                ),
              { abortSignal },
            );
        if (result.ok) {
          remember(result.value);
          return 'written';
        }
        // 409: someone else wrote (or created) it in between. Read it again and write on top of theirs.
        if (result.status === 409 && attempt < MAX_STATUS_WRITE_ATTEMPTS) continue;
        session.fail(stored ? 'status-update' : 'status-create', result);
        return result.status === undefined ? 'unreachable' : 'failed';
      }
    },
  };
}
