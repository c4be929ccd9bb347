import type { AgentPool } from '@azure/arm-containerservice';
import { createHttpPoller, type OperationState, type PollerLike } from '@azure/core-lro';
import { realSleep } from './sleep.js';
import { isTerminalProvisioningState } from './types.js';

/** One read of the pool, with the `Retry-After` the server sent, if any. */
export interface PoolRead {
  pool: AgentPool;
  retryAfter?: string;
}

/** Options of {@link createPoolWaiter}. */
export interface PoolWaiterOptions {
  /** The pool's URL (used as the poller's operation location, so serialized state names the pool). */
  url: string;
  /** The pool as last read. */
  initial: AgentPool;
  /** Reads the pool. */
  read: (abortSignal?: AbortSignal) => Promise<PoolRead>;
  /** Time between polls (a `Retry-After` from the server overrides it). */
  intervalInMs: number;
  /** Called with each read. */
  onRead?: (pool: AgentPool) => void;
}

function response(pool: AgentPool, url: string, retryAfter?: string) {
  const headers: Record<string, string> = { 'operation-location': url };
  if (retryAfter) headers['retry-after'] = retryAfter;
  return {
    flatResponse: pool,
    rawResponse: {
      statusCode: 200,
      request: { method: 'GET', url },
      headers,
      // The operation is "the pool's current operation": done when its provisioning state is terminal,
      // whether it ended Succeeded, Failed or Canceled (all make the pool writable again).
      body: { status: isTerminalProvisioningState(pool.provisioningState) ? 'Succeeded' : 'InProgress' },
    },
  };
}

/**
 * A core-lro `PollerLike` that waits for an operation aks-scaler did not start: it polls the pool until its
 * `provisioningState` is terminal and resolves with the pool as then read. Like the SDK's own pollers it is
 * awaitable, abortable (`pollUntilDone({ abortSignal })`), reports progress and serializes.
 */
export function createPoolWaiter(
  options: PoolWaiterOptions,
): PollerLike<OperationState<AgentPool>, AgentPool> {
  let first = true;
  return createHttpPoller<AgentPool, OperationState<AgentPool>>(
    {
      sendInitialRequest: async () => response(options.initial, options.url),
      sendPollRequest: async (_path, pollOptions) => {
        const abortSignal = pollOptions?.abortSignal as AbortSignal | undefined;
        // core-lro polls at once; the pool was just read, so the first poll waits one interval too.
        if (first) {
          first = false;
          await realSleep(options.intervalInMs, abortSignal);
        }
        const read = await options.read(abortSignal);
        options.onRead?.(read.pool);
        return response(read.pool, options.url, read.retryAfter);
      },
    },
    {
      intervalInMs: options.intervalInMs,
      resourceLocationConfig: 'azure-async-operation',
      processResult: async (result) => result as AgentPool,
      updateState: (state, lastResponse) => {
        state.result = lastResponse.flatResponse as AgentPool;
      },
    },
  );
}
