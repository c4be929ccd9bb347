/** Options of {@link deliveryQueue}. */
export interface DeliveryQueueOptions<T> {
  /** The most items that may wait (the one being delivered not counted); past it, the oldest is dropped. */
  limit: number;
  /** Delivers one item; `abortSignal` aborts when the queue is abandoned. Its rejections are ignored. */
  run: (item: T, options: { abortSignal: AbortSignal }) => Promise<void>;
}

/** A first-in first-out queue that delivers one item at a time, in order. */
export interface DeliveryQueue<T> {
  /** Queues an item and returns at once; returns the oldest waiting item when it had to be dropped for room. */
  push(item: T): T | undefined;
  /** Items waiting or being delivered. */
  readonly size: number;
  /** Resolves when nothing waits and nothing is being delivered. */
  idle(): Promise<void>;
  /** Aborts the delivery in progress and removes every waiting item, which it returns. */
  abandon(): T[];
}

/**
 * A bounded queue with one worker: `push` never waits, items are delivered one after another (so a receiver
 * sees them in order), and when `limit` items are already waiting the oldest is dropped.
 *
 * @example
 * ```ts
 * const queue = deliveryQueue({ limit: 100, run: (item, { abortSignal }) => send(item, { abortSignal }) });
 * queue.push(item);
 * await queue.idle();
 * ```
 */
export function deliveryQueue<T>(options: DeliveryQueueOptions<T>): DeliveryQueue<T> {
  const waiting: T[] = [];
  let running = false;
  let controller = new AbortController();
  let waiters: Array<() => void> = [];

  async function drain(first: T): Promise<void> {
    for (let item: T | undefined = first; item !== undefined; item = waiting.shift()) {
      try {
        await options.run(item, { abortSignal: controller.signal });
      } catch {
        // run reports its own outcome; a rejection must not stop the queue
      }
    }
    running = false;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  }

  return {
    push(item) {
      if (!running) {
        // The item is taken at once (it no longer waits) and delivered from a microtask, after the caller's turn.
        running = true;
        queueMicrotask(() => void drain(item));
        return undefined;
      }
      const dropped = waiting.length >= options.limit ? waiting.shift() : undefined;
      waiting.push(item);
      return dropped;
    },
    get size() {
      return waiting.length + (running ? 1 : 0);
    },
    idle() {
      if (!running && waiting.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    abandon() {
      const removed = waiting.splice(0, waiting.length);
      controller.abort();
      controller = new AbortController();
      return removed;
    },
  };
}
