/** One stored metric value. */
export interface StoredMetric {
  name: string;
  value: number;
  unit: string;
}

/** Metric values by resource URI (case-insensitive) and metric name (case-insensitive). */
export class MetricStore {
  readonly #values = new Map<string, Map<string, StoredMetric>>();

  /** Sets a value. */
  set(resourceUri: string, metricName: string, value: number, unit = 'Count'): void {
    const key = normalizeUri(resourceUri);
    const metrics = this.#values.get(key) ?? new Map<string, StoredMetric>();
    metrics.set(metricName.toLowerCase(), { name: metricName, value, unit });
    this.#values.set(key, metrics);
  }

  /** The metrics of a resource, or undefined when none was set. */
  forResource(resourceUri: string): Map<string, StoredMetric> | undefined {
    return this.#values.get(normalizeUri(resourceUri));
  }
}

/** Lower-cases a resource URI and trims slashes so `/subscriptions/...` and `subscriptions/.../` match. */
export function normalizeUri(resourceUri: string): string {
  return `/${resourceUri.replace(/^\/+|\/+$/g, '')}`.toLowerCase();
}
