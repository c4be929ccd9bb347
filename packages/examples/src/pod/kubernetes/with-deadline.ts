import type { Clock } from '@aks-scaler/core';

/**
 * Runs `call` with a signal that aborts after `timeoutInMs` of `clock` or when `abortSignal` does, whichever is
 * first: a Kubernetes call never holds the pod longer than that.
 */
export async function withDeadline<T>(
  options: { clock: Clock; timeoutInMs: number; abortSignal?: AbortSignal | undefined },
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = new AbortController();
  const parent = options.abortSignal;
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  options.clock.sleep(options.timeoutInMs, timer.signal).then(
    () => controller.abort(new Error(`no answer within ${options.timeoutInMs}ms`)),
    () => {},
  );
  try {
    return await call(controller.signal);
  } finally {
    timer.abort();
    parent?.removeEventListener('abort', onAbort);
  }
}
