import type { PipelinePolicy, PipelineResponse } from '@azure/core-rest-pipeline';
import type { RequestKind, SubscriptionPacer } from './write-pacer.js';

const AGENT_POOL_URL = /\/agentPools\/[^/?#]+(?:[?#]|$)/i;

function kindOf(method: string): RequestKind | undefined {
  const upper = method.toUpperCase();
  if (upper === 'GET' || upper === 'HEAD') return 'read';
  if (upper === 'PUT' || upper === 'PATCH' || upper === 'POST') return 'write';
  return undefined;
}

/**
 * A per-retry pipeline policy that holds every request while its subscription's throttle gate is closed (or spaces
 * it when ARM reports few requests left), and feeds each response back to the pacer. The SDK's own retry policy
 * still retries throttled requests; this only keeps the other requests from running into the same limit.
 */
export function throttlePolicy(pacer: SubscriptionPacer): PipelinePolicy {
  return {
    name: 'aksScalerThrottleGate',
    async sendRequest(request, next) {
      const kind = kindOf(request.method);
      if (!kind) return next(request);
      // The SDK hands the caller's own signal through: in Node it is always a real AbortSignal.
      const sentAt = await pacer.beforeRequest(kind, request.abortSignal as AbortSignal | undefined);
      const agentPoolPut = request.method.toUpperCase() === 'PUT' && AGENT_POOL_URL.test(request.url);
      const flight = agentPoolPut ? pacer.putSent(sentAt) : undefined;
      const learn = (response: PipelineResponse | undefined) =>
        pacer.observe(kind, {
          status: response?.status ?? 0,
          header: (name) => response?.headers.get(name),
          agentPoolPut,
          flight,
          bodyText: response?.bodyAsText,
        });
      try {
        const response = await next(request);
        learn(response);
        return response;
      } catch (error) {
        learn((error as { response?: PipelineResponse }).response);
        throw error;
      }
    },
  };
}
