import { formatDuration } from './common/duration.js';
import { retryAfterInMs } from './common/retry-after.js';
import { ThrottledError } from './errors.js';
import type { PacerSettings } from './pacing-options.js';
import { throwIfAborted, toAbortError } from './sleep.js';
import { TokenBucket } from './token-bucket.js';

/** The kinds of request ARM counts separately. */
export type RequestKind = 'read' | 'write';

/** What the pacer learns from a response. */
export interface ObservedResponse {
  status: number;
  /** A header's value, or undefined/null when absent. */
  header(name: string): string | null | undefined;
  /** Whether the request was an agent-pool PUT. */
  agentPoolPut: boolean;
  /** The flight {@link SubscriptionPacer.putSent} returned for an agent-pool PUT. */
  flight?: PutFlight | undefined;
  /** The response body, when it was read (it tells the AKS limit from ARM's). */
  bodyText?: string | null | undefined;
}

/** Options of {@link SubscriptionPacer.beforeWrite}. */
export interface BeforeWriteOptions {
  /** How long the write's operation may still take (what is left of its deadline when it asks for its turn). */
  remainingInMs: number;
  /** What is written, for the error message, e.g. `pool 'a' of cluster 'c'`. */
  target: string;
  abortSignal?: AbortSignal;
  /** Called when the write has to wait, with how long it expects to. */
  onWait?: (info: { waitInMs: number; reason: string }) => void;
}

/** An agent-pool PUT in flight: sent at `sentAt` (by the pacer's clock), no answer yet. */
export interface PutFlight {
  readonly sentAt: number;
}

const AKS_THROTTLE = /PutAgentPoolHandler|"code"\s*:\s*"Throttled"/;

/** A wait for messages, rounded up to whole seconds so it never reads shorter than it is: `30s`, `1m`, `17m`. */
const waitText = (ms: number) => formatDuration(Math.ceil(ms / 1000) * 1000);

/** Whole milliseconds, rounded up: a turn computed a float hair early would meet an empty server bucket. */
const ceilMs = (ms: number) => Math.ceil(ms - 1e-6);

/**
 * Paces one subscription's requests: agent-pool PUTs queue (first come, first served) for the tokens of a
 * client-side copy of the AKS limit; a 429 with `Retry-After` closes the gate of its kind (reads or writes) until
 * it elapses; a low `x-ms-ratelimit-remaining-subscription-*` spaces requests of its kind by ARM's refill rate.
 */
export class SubscriptionPacer {
  readonly #settings: PacerSettings;
  readonly #bucket: TokenBucket | undefined;
  readonly #gateUntil: Record<RequestKind, number> = { read: 0, write: 0 };
  readonly #remaining: Record<RequestKind, number | undefined> = { read: undefined, write: undefined };
  readonly #nextSpacedAt: Record<RequestKind, number> = { read: 0, write: 0 };
  readonly #queue: Array<() => void> = [];
  readonly #inFlight = new Set<PutFlight>();
  #pumping = false;
  #pumpSleep: AbortController | undefined;

  constructor(settings: PacerSettings) {
    this.#settings = settings;
    const pacing = settings.writePacing;
    if (pacing) {
      this.#bucket = new TokenBucket(pacing.burst, pacing.refillPerMinute / 60_000, settings.clock.now());
    }
  }

  /** How long a write queued now would wait for its turn (0: at once). */
  writeWaitInMs(): number {
    const now = this.#settings.clock.now();
    return Math.max(
      0,
      ceilMs(Math.max(now + this.#tokenWait(this.#queue.length + 1, now), this.#writeGate()) - now),
    );
  }

  /**
   * Waits for an agent-pool PUT's turn: a token of the PUT bucket, behind the writes queued before it, and an open
   * write gate. Reports the expected wait through `onWait`; rejects at once with `ThrottledError` (taking no turn)
   * when the turn would come after `remainingInMs`, and with the abort error when `abortSignal` aborts.
   */
  async beforeWrite(options: BeforeWriteOptions): Promise<void> {
    throwIfAborted(options.abortSignal);
    const now = this.#settings.clock.now();
    const tokenAt = now + this.#tokenWait(this.#queue.length + 1, now);
    const gateAt = this.#writeGate();
    const until = ceilMs(Math.max(tokenAt, gateAt));
    if (until <= now && this.#queue.length === 0) {
      this.#bucket?.take(now);
      return;
    }
    const waitInMs = Math.max(0, until - now);
    const paced = tokenAt >= gateAt;
    if (waitInMs > options.remainingInMs) {
      const left = Math.max(0, options.remainingInMs);
      throw new ThrottledError(
        `Writing ${options.target} would wait ${waitText(waitInMs)} (${paced ? this.#limitText() : 'the subscription is throttled (429)'}), longer than the ${waitText(left)} left of its operation timeout, so nothing was sent. Run again later, raise the operation timeout, or write fewer pools per subscription at a time.`,
        { retryAfterInMs: waitInMs },
      );
    }
    options.onWait?.({
      waitInMs,
      reason: paced
        ? `pacing writes: ${this.#limitText()}; waiting ${waitText(waitInMs)}`
        : `throttled: ARM or AKS answered 429 for this subscription's writes; waiting ${waitText(waitInMs)} as its Retry-After asks`,
    });
    await new Promise<void>((resolve, reject) => {
      const signal = options.abortSignal;
      const onAbort = () => {
        const at = this.#queue.indexOf(turn);
        if (at !== -1) this.#queue.splice(at, 1);
        if (this.#queue.length === 0) this.#pumpSleep?.abort();
        reject(toAbortError(signal as AbortSignal));
      };
      const turn = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(turn);
      this.#pump();
    });
  }

  /** Waits before any request of `kind` is sent: while its gate is closed, and to space it when few are left. */
  async beforeRequest(kind: RequestKind, abortSignal?: AbortSignal): Promise<number> {
    const { clock, throttleGate: gate } = this.#settings;
    if (!gate) return clock.now();
    for (;;) {
      const now = clock.now();
      const closedFor = ceilMs(this.#gateUntil[kind] - now);
      if (closedFor > 0) {
        await clock.sleep(closedFor, abortSignal);
        continue;
      }
      const remaining = this.#remaining[kind];
      if (remaining === undefined || remaining > gate.lowRemaining) return now;
      const interval = 1000 / (kind === 'read' ? gate.readsPerSecond : gate.writesPerSecond);
      const at = Math.max(now, this.#nextSpacedAt[kind]);
      this.#nextSpacedAt[kind] = at + interval;
      if (at > now) await clock.sleep(ceilMs(at - now), abortSignal);
      return clock.now();
    }
  }

  /**
   * Records an agent-pool PUT as sent. While any is in flight the PUT bucket does not refill: ARM may count a
   * request at any time until it answers, so a turn is only given one refill after the answer, never earlier.
   */
  putSent(sentAt: number): PutFlight {
    const flight = { sentAt };
    if (this.#inFlight.size === 0) this.#bucket?.pause(sentAt);
    this.#inFlight.add(flight);
    return flight;
  }

  /**
   * Learns from a response (status 0: none arrived): an answered PUT is no longer in flight; a 429 closes its
   * kind's gate for the `Retry-After` (and an AKS agent-pool 429 empties the PUT bucket); remaining headers turn
   * spacing on or off.
   */
  observe(kind: RequestKind, response: ObservedResponse): void {
    const now = this.#settings.clock.now();
    const remaining = response.header(`x-ms-ratelimit-remaining-subscription-${kind}s`)?.trim();
    if (remaining && /^\d+$/.test(remaining)) this.#remaining[kind] = Number(remaining);
    const flight = response.flight;
    if (flight && this.#inFlight.delete(flight)) {
      if (this.#inFlight.size === 0) this.#bucket?.resume(now);
      this.#pumpSleep?.abort();
    }
    if (response.status !== 429) return;
    const waitInMs = retryAfterInMs(response.header, now);
    if (waitInMs === undefined) return;
    this.#gateUntil[kind] = Math.max(this.#gateUntil[kind], now + waitInMs);
    if (response.agentPoolPut && AKS_THROTTLE.test(response.bodyText ?? '')) {
      this.#bucket?.exhaustFor(waitInMs, now);
    }
  }

  /** Hands out turns in order while the queue is not empty, sleeping until the next token or the gate opens. */
  #pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    const { clock } = this.#settings;
    const run = async () => {
      while (this.#queue.length > 0) {
        const now = clock.now();
        const wait = ceilMs(Math.max(now + this.#tokenWait(1, now), this.#writeGate()) - now);
        if (wait <= 0) {
          this.#bucket?.take(now);
          this.#queue.shift()?.();
          continue;
        }
        this.#pumpSleep = new AbortController();
        await clock.sleep(wait, this.#pumpSleep.signal).catch(() => undefined);
      }
    };
    void run().finally(() => {
      this.#pumping = false;
      this.#pumpSleep = undefined;
      if (this.#queue.length > 0) this.#pump();
    });
  }

  /** The wait for `count` tokens (while a PUT is in flight, a lower bound: the refill waits for its answer). */
  #tokenWait(count: number, now: number): number {
    return this.#bucket ? this.#bucket.waitFor(count, now) : 0;
  }

  #writeGate(): number {
    return this.#settings.throttleGate ? this.#gateUntil.write : 0;
  }

  #limitText(): string {
    const pacing = this.#settings.writePacing;
    if (!pacing) return 'writes are not paced';
    const rate = `${pacing.refillPerMinute} a minute`;
    return `AKS allows ${pacing.burst} agent-pool PUTs, then ${rate}, per subscription`;
  }
}
