import PQueue from 'p-queue';
import type { Logger } from '../shared/logger.js';
import type { Disposable, Event, PodEvent } from './pod-events.js';

/** Options passed to a sink with each event. */
export interface SinkCallOptions {
  /** Aborts when the pod stops waiting for its sinks (the end of the shutdown grace period). */
  abortSignal: AbortSignal;
}

/**
 * Where the pod's events go: a log, metrics, and later Kubernetes Events, the status ConfigMap, notifications.
 *
 * A sink never breaks or delays a reconcile: what it throws (or rejects with) is caught and logged once per event
 * kind. An `inline` sink is called while the event is emitted and must be quick (in-memory work such as metrics,
 * or writing a log line); a `queued` sink gets its own queue, delivered one event at a time, so it may do I/O.
 */
export interface PodSink {
  /** Names the sink in the pod's log. */
  readonly name: string;
  /** How events reach it. @default 'inline' */
  readonly delivery?: 'inline' | 'queued';
  /** Receives one event. */
  handle(event: PodEvent, options: SinkCallOptions): void | Promise<void>;
  /** Called once at shutdown, after its queue was delivered (final writes, closing connections). */
  close?(options: SinkCallOptions): void | Promise<void>;
}

/** Options of {@link createEventHub}. */
export interface CreateEventHubOptions {
  /** Where the hub reports sinks that fail or fall behind. */
  logger: Logger;
  /** Events a queued sink may have waiting before newer ones are dropped (and that is logged once). @default 1000 */
  maxQueuedEvents?: number;
}

/** The one place where the pod's events fan out to its sinks. */
export interface EventHub {
  /** Every event, for listeners that are not sinks (readiness, the location check). */
  readonly onEvent: Event<PodEvent>;
  /** Sends an event to every sink. Returns at once: queued sinks get it later. */
  emit(event: PodEvent): void;
  /** Adds a sink; dispose the result to remove it. */
  attach(sink: PodSink): Disposable;
  /**
   * Waits until every queued sink has delivered what it holds, then closes every sink. When `abortSignal` aborts
   * first, what is still queued is dropped (and counted in the log). Later events are ignored.
   */
  flush(options: SinkCallOptions): Promise<void>;
}

const DEFAULT_MAX_QUEUED_EVENTS = 1000;

interface Attached {
  sink: PodSink;
  queue?: PQueue;
}

/**
 * Creates the pod's event hub.
 *
 * @example
 * ```ts
 * const hub = createEventHub({ logger });
 * hub.attach(createLogSink(logger));
 * hub.emit({ kind: 'scaler', event });
 * await hub.flush({ abortSignal: AbortSignal.timeout(25_000) });
 * ```
 */
export function createEventHub(options: CreateEventHubOptions): EventHub {
  const { logger } = options;
  const maxQueued = options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
  const attached = new Set<Attached>();
  const reported = new Set<string>();
  const stop = new AbortController();
  let closed = false;

  const failed = (sink: PodSink, what: string, error: unknown) => {
    const key = `${sink.name}\u0000${what}`;
    if (reported.has(key)) return;
    reported.add(key);
    logger.warn(
      { sink: sink.name, on: what, err: error },
      `the ${sink.name} sink failed on ${what}; it goes on receiving events (later failures on ${what} are not logged)`,
    );
  };
  const call = (entry: Attached, event: PodEvent): Promise<void> | undefined => {
    try {
      const result = entry.sink.handle(event, { abortSignal: stop.signal });
      if (result instanceof Promise) return result.catch((error) => failed(entry.sink, event.kind, error));
    } catch (error) {
      failed(entry.sink, event.kind, error);
    }
    return undefined;
  };
  const attach = (sink: PodSink): Disposable => {
    const entry: Attached = {
      sink,
      ...(sink.delivery === 'queued' && { queue: new PQueue({ concurrency: 1 }) }),
    };
    attached.add(entry);
    return { dispose: () => attached.delete(entry) };
  };

  return {
    onEvent: (listener) => attach({ name: 'listener', handle: listener }),
    attach,
    emit(event) {
      if (closed) return;
      for (const entry of attached) {
        if (!entry.queue) {
          call(entry, event);
        } else if (entry.queue.size >= maxQueued) {
          failed(
            entry.sink,
            'a full queue',
            new Error(`${maxQueued} events waiting; newer ones are dropped`),
          );
        } else {
          entry.queue.add(async () => call(entry, event)).catch(() => {});
        }
      }
    },
    async flush({ abortSignal }) {
      if (closed) return;
      closed = true;
      const aborted = new Promise<void>((resolve) => {
        if (abortSignal.aborted) resolve();
        else abortSignal.addEventListener('abort', () => resolve(), { once: true });
      });
      for (const entry of attached) {
        if (!entry.queue) continue;
        await Promise.race([entry.queue.onIdle(), aborted]);
        const left = entry.queue.size + entry.queue.pending;
        if (left > 0) {
          entry.queue.clear();
          logger.warn(
            { sink: entry.sink.name, undelivered: left },
            `the ${entry.sink.name} sink did not get ${left} event${left === 1 ? '' : 's'} before the grace period ended`,
          );
        }
      }
      if (abortSignal.aborted) stop.abort();
      else abortSignal.addEventListener('abort', () => stop.abort(), { once: true });
      for (const entry of attached) {
        try {
          await Promise.race([entry.sink.close?.({ abortSignal: stop.signal }), aborted]);
        } catch (error) {
          failed(entry.sink, 'close', error);
        }
      }
    },
  };
}
