import { randomUUID } from 'node:crypto';
import { isoAt } from './clock.js';
import type { EmulatorResponse } from './http.js';

/** An Entra (AADSTS) error response in the real shape; never includes the assertion or any token. */
export function aadstsError(
  authorityOrigin: string,
  status: 400 | 401,
  error: string,
  code: number,
  description: string,
  now: number,
): EmulatorResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = isoAt(now).replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp: timestamp.replace('T', ' ').replace('Z', ''),
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${authorityOrigin}/error?code=${code}`,
    },
  };
}
