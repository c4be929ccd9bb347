/** Formats epoch ms as a Kubernetes Time: RFC 3339 in UTC, whole seconds (`2026-12-01T07:30:00Z`). */
export function formatKubernetesTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Formats epoch ms as a Kubernetes MicroTime: RFC 3339 in UTC with exactly six fractional digits
 * (`2026-12-01T07:30:00.123000Z`). A JavaScript `Date`'s three digits are refused by the API server.
 */
export function formatMicroTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
