import { AbortedError, type Clock, realClock } from '@aks-scaler/core';
import { formatElapsed, retryAfterInMs } from '@aks-scaler/core/common';
import { type BackoffOptions, backoffDelayInMs } from './retry-delay.js';
import type { WebhookPayload } from './webhook-payload.js';
import { type WebhookTarget, webhookUrlOf } from './webhook-target.js';

/** Options of {@link sendWebhook}. */
export interface SendWebhookOptions {
  /**
   * Time for timeouts and waits between tries.
   * @default the wall clock
   */
  clock?: Clock;
  /**
   * The HTTP client.
   * @default Node's `fetch`
   */
  fetch?: typeof globalThis.fetch;
  /**
   * How long one try may take, from sending to the end of the answer.
   * @default 5000
   */
  timeoutInMs?: number;
  /**
   * How many tries in all.
   * @default 3
   */
  tries?: number;
  /** The waits between tries (exponential, with jitter). */
  backoff?: BackoffOptions;
  /**
   * The longest `Retry-After` (on 429 or 503) that is waited for; a longer one ends the delivery as failed.
   * @default 60000
   */
  maxRetryAfterInMs?: number;
  /** Stops the delivery: the promise rejects with an `AbortedError`. */
  abortSignal?: AbortSignal;
}

/** How a delivery ended. `reason` is safe to log: it names the host at most, never the URL's path or query. */
export interface WebhookDelivery {
  /** Whether the receiver answered 2xx. */
  delivered: boolean;
  /** How many tries were made. */
  attempts: number;
  /** The last HTTP status, when the receiver answered. */
  status?: number;
  /** What happened, in words: `answered 500`, `no answer within 5.0s`, `could not connect (ECONNREFUSED)`. */
  reason: string;
}

type TryOutcome =
  | { ok: true; status: number }
  | { ok: false; retryable: boolean; status?: number; retryAfterInMs?: number; reason: string };

const RETRYABLE_STATUSES = new Set([408, 425, 429]);

function errorCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'Error';
}

/** The start of a response body, on one line, for a failure's reason. */
function snippet(text: string, target: WebhookTarget): string {
  const line = target.scrub(text).replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/**
 * Settles with `work`, or rejects as soon as `signal` aborts: a timeout holds even when an injected `fetch` does
 * not honour its signal.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {}); // settles after an abort too; nobody waits for it then
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function tryOnce(
  target: WebhookTarget,
  payload: WebhookPayload,
  settings: { clock: Clock; fetch: typeof globalThis.fetch; timeoutInMs: number },
  abortSignal: AbortSignal | undefined,
): Promise<TryOutcome> {
  const attempt = new AbortController();
  const timer = new AbortController();
  let timedOut = false;
  settings.clock.sleep(settings.timeoutInMs, timer.signal).then(
    () => {
      timedOut = true;
      attempt.abort();
    },
    () => {},
  );
  const onAbort = () => attempt.abort();
  abortSignal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await untilAborted(
      settings.fetch(webhookUrlOf(target), {
        method: 'POST',
        headers: payload.headers,
        body: payload.body,
        redirect: 'manual',
        signal: attempt.signal,
      }),
      attempt.signal,
    );
    const text = await untilAborted(response.text(), attempt.signal);
    const { status } = response;
    if (status >= 200 && status < 300) return { ok: true, status };
    const answered = `answered ${status}${text.trim() ? ` (${snippet(text, target)})` : ''}`;
    if (status >= 300 && status < 400) {
      return {
        ok: false,
        retryable: false,
        status,
        reason: `${answered}: a webhook must answer 2xx at its URL, not redirect`,
      };
    }
    if (status >= 500 || RETRYABLE_STATUSES.has(status)) {
      const wait =
        status === 429 || status === 503
          ? retryAfterInMs((name) => response.headers.get(name), settings.clock.now())
          : undefined;
      return {
        ok: false,
        retryable: true,
        status,
        reason: answered,
        ...(wait !== undefined && { retryAfterInMs: wait }),
      };
    }
    return { ok: false, retryable: false, status, reason: `${answered}: check the URL and the receiver` };
  } catch (error) {
    if (abortSignal?.aborted) throw new AbortedError('the notification was abandoned');
    if (timedOut)
      return {
        ok: false,
        retryable: true,
        reason: `no answer within ${formatElapsed(settings.timeoutInMs)}`,
      };
    return { ok: false, retryable: true, reason: `could not connect (${target.scrub(errorCode(error))})` };
  } finally {
    timer.abort();
    abortSignal?.removeEventListener('abort', onAbort);
  }
}

/**
 * POSTs one payload to a webhook: each try has `timeoutInMs` (5 s), up to `tries` (3) tries, retried after
 * exponential backoff with jitter on timeouts, connection errors, 408, 425, 429 and 5xx (honouring `Retry-After`
 * on 429 and 503 up to `maxRetryAfterInMs`); other answers end it at once. Never throws for a failed delivery:
 * the result says how it ended. Rejects only when `abortSignal` aborts.
 *
 * @example
 * ```ts
 * const result = await sendWebhook({ target, payload: slackPayload(notification) }, { abortSignal });
 * if (!result.delivered) logger.warn({ sink: target.host, reason: result.reason }, 'notification failed');
 * ```
 */
export async function sendWebhook(
  request: { target: WebhookTarget; payload: WebhookPayload },
  options: SendWebhookOptions = {},
): Promise<WebhookDelivery> {
  const clock = options.clock ?? realClock;
  const settings = {
    clock,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutInMs: options.timeoutInMs ?? 5000,
  };
  const tries = Math.max(1, options.tries ?? 3);
  const maxRetryAfterInMs = options.maxRetryAfterInMs ?? 60_000;
  for (let attempt = 1; ; attempt++) {
    if (options.abortSignal?.aborted) throw new AbortedError('the notification was abandoned');
    const outcome = await tryOnce(request.target, request.payload, settings, options.abortSignal);
    if (outcome.ok)
      return {
        delivered: true,
        attempts: attempt,
        status: outcome.status,
        reason: `answered ${outcome.status}`,
      };
    const ended = {
      delivered: false,
      attempts: attempt,
      ...(outcome.status !== undefined && { status: outcome.status }),
    };
    if (!outcome.retryable || attempt >= tries) return { ...ended, reason: outcome.reason };
    let waitInMs = backoffDelayInMs(attempt, options.backoff);
    if (outcome.retryAfterInMs !== undefined) {
      if (outcome.retryAfterInMs > maxRetryAfterInMs) {
        return {
          ...ended,
          reason: `${outcome.reason}, asking to retry after ${formatElapsed(outcome.retryAfterInMs)} (more than ${formatElapsed(maxRetryAfterInMs)}): not retried`,
        };
      }
      waitInMs = outcome.retryAfterInMs;
    }
    await clock.sleep(waitInMs, options.abortSignal).catch((error: unknown) => {
      if (options.abortSignal?.aborted) throw new AbortedError('the notification was abandoned');
      throw error;
    });
  }
}
