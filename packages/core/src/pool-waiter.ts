import type { CancelOnProgress, OperationState, PollerLike } from '@azure/core-lro';
import type { Clock } from './clock.js';
import type { OperationDeadline } from './deadline.js';
import { fixedPollSchedule, type PollSchedule } from './poll-schedule.js';
import { anySignal, throwIfAborted, toAbortError } from './sleep.js';

/** One read of the pool, with the wait the server asked for before the next one (its `Retry-After`), if any. */
export interface PoolRead<T> {
  /** The pool as read. */
  pool: T;
  /** The server's `Retry-After`, in milliseconds. */
  retryAfterInMs?: number | undefined;
}

/** Options of {@link createPoolWaiter}. */
export interface PoolWaiterOptions<T> {
  /** The pool's ARM URL: the poller's operation location, so its serialized state names the pool. */
  url: string;
  /** The pool as last read. */
  initial: T;
  /** Reads the pool. */
  read: (abortSignal: AbortSignal | undefined) => Promise<PoolRead<T>>;
  /** Whether the pool as read is in a terminal provisioning state. */
  isTerminal: (pool: T) => boolean;
  /** The clock every wait between reads is measured on. */
  clock: Clock;
  /** Time between reads when the server sends no `Retry-After` (a fixed interval, when no `schedule` is given). */
  intervalInMs?: number | undefined;
  /**
   * Decides each wait instead of a fixed interval, counting the operation's time from when the waiter was created
   * (when the busy pool was first seen).
   */
  schedule?: PollSchedule | undefined;
  /** What the pool's current operation is expected to take, as last read (for `schedule`). */
  expectedInMs?: ((pool: T) => number | undefined) | undefined;
  /** Waits for each read's turn in a poll budget. */
  beforeRead?: ((abortSignal: AbortSignal | undefined) => Promise<void>) | undefined;
  /** Aborts every wait of this poller (e.g. the operation's deadline), on top of `pollUntilDone`'s own signal. */
  abortSignal?: AbortSignal | undefined;
  /** Starts a deadline for each `pollUntilDone` (released when it settles): the waiter's own timeout. */
  startDeadline?: (() => OperationDeadline) | undefined;
  /** Called with each read. */
  onRead?: ((pool: T) => void) | undefined;
}

/** A waiter for a pool's current operation: a core-lro poller whose result is the pool once it is terminal. */
export type PoolWaiter<T> = PollerLike<OperationState<T>, T>;

/**
 * Waits for an operation aks-scaler did not start: reads the pool (first after one wait, since it was just
 * read) until its `provisioningState` is terminal, and resolves with the pool as then read. Whatever ended the
 * operation (`Succeeded`, `Failed`, `Canceled`) makes the pool writable again, so the poller succeeds on each.
 *
 * It is a core-lro `PollerLike`, like the SDK's pollers for our own writes: awaitable, abortable
 * (`pollUntilDone({ abortSignal })`), reporting progress (`onProgress`) and serializable (`serialize()`), and
 * every wait between reads runs on the injected clock, honouring the server's `Retry-After`.
 */
export function createPoolWaiter<T>(options: PoolWaiterOptions<T>): PoolWaiter<T> {
  const state: OperationState<T> = {
    status: options.isTerminal(options.initial) ? 'succeeded' : 'running',
    result: options.initial,
  };
  const handlers = new Set<(state: OperationState<T>) => void>();
  const schedule = options.schedule ?? fixedPollSchedule(options.intervalInMs ?? 0);
  const createdAt = options.clock.now();
  let retryAfterInMs: number | undefined;
  const nextDelayInMs = () =>
    schedule.nextDelayInMs({
      elapsedInMs: options.clock.now() - createdAt,
      expectedInMs: options.expectedInMs?.(state.result as T),
      retryAfterInMs,
    });
  let running: Promise<T> | undefined;

  const signalOf = (own: AbortSignal | undefined) => anySignal(own, options.abortSignal);
  const poll = async (pollOptions: { abortSignal?: AbortSignal } = {}): Promise<OperationState<T>> => {
    const signal = signalOf(pollOptions.abortSignal);
    throwIfAborted(signal);
    if (state.status === 'succeeded') return state;
    let read: PoolRead<T>;
    try {
      await options.beforeRead?.(signal);
      read = await options.read(signal);
    } catch (error) {
      if (signal?.aborted) throw toAbortError(signal, error);
      throw error;
    }
    options.onRead?.(read.pool);
    state.result = read.pool;
    if (options.isTerminal(read.pool)) state.status = 'succeeded';
    retryAfterInMs = read.retryAfterInMs;
    for (const handler of handlers) handler(state);
    return state;
  };
  const untilDone = async (abortSignal: AbortSignal | undefined): Promise<T> => {
    const deadline = state.status === 'succeeded' ? undefined : options.startDeadline?.();
    const signal = anySignal(abortSignal, deadline?.signal, options.abortSignal);
    try {
      while (state.status !== 'succeeded') {
        try {
          await options.clock.sleep(nextDelayInMs(), signal);
        } catch (error) {
          if (signal?.aborted) throw toAbortError(signal, error);
          throw error;
        }
        await poll(signal ? { abortSignal: signal } : {});
      }
      return state.result as T;
    } finally {
      deadline?.dispose();
    }
  };
  const pollUntilDone = (pollOptions: { abortSignal?: AbortSignal } = {}): Promise<T> => {
    running ??= untilDone(pollOptions.abortSignal).finally(() => {
      running = undefined;
    });
    return running;
  };

  const waiter: PoolWaiter<T> = {
    get isDone() {
      return state.status === 'succeeded';
    },
    get operationState() {
      return state;
    },
    get result() {
      return state.result;
    },
    poll: poll as PoolWaiter<T>['poll'],
    pollUntilDone: pollUntilDone as PoolWaiter<T>['pollUntilDone'],
    onProgress(callback): CancelOnProgress {
      handlers.add(callback);
      return () => handlers.delete(callback);
    },
    serialize: async () =>
      JSON.stringify({ state: { ...state, config: { operationLocation: options.url } } }),
    submitted: async () => undefined,
    // biome-ignore lint/suspicious/noThenProperty: a core-lro PollerLike is a Promise of its result.
    then: (onFulfilled, onRejected) => pollUntilDone().then(onFulfilled, onRejected),
    catch: (onRejected) => pollUntilDone().catch(onRejected),
    finally: (onFinally) => pollUntilDone().finally(onFinally),
    [Symbol.toStringTag]: 'PoolWaiter',
  };
  return waiter;
}
