import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/** One HTTP attempt to ARM, as reported to `onResponse` (for metrics). Carries no header or body. */
export interface ArmResponseInfo {
  /** The HTTP method. */
  method: string;
  /** The URL without its query string (signed operation URLs carry secrets there). */
  url: string;
  /** The HTTP status; 0 when no response arrived (network failure). */
  status: number;
  /** Whether ARM throttled the request (429). */
  throttled: boolean;
  /** How long the attempt took. */
  durationInMs: number;
}

function withoutQuery(url: string): string {
  const at = url.search(/[?#]/);
  return at === -1 ? url : url.slice(0, at);
}

/** A per-retry pipeline policy that reports every attempt to `onResponse`. */
export function responseHookPolicy(onResponse: (response: ArmResponseInfo) => void): PipelinePolicy {
  const report = (method: string, url: string, status: number, startedAt: number) => {
    try {
      onResponse({
        method,
        url: withoutQuery(url),
        status,
        throttled: status === 429,
        durationInMs: performance.now() - startedAt,
      });
    } catch {
      // A metrics hook must never break a request.
    }
  };
  return {
    name: 'aksScalerResponseHook',
    async sendRequest(request, next) {
      const startedAt = performance.now();
      try {
        const response = await next(request);
        report(request.method, request.url, response.status, startedAt);
        return response;
      } catch (error) {
        const status = (error as { response?: { status?: number } }).response?.status ?? 0;
        report(request.method, request.url, status, startedAt);
        throw error;
      }
    },
  };
}
