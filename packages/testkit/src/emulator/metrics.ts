import { resourceNotFound } from './arm-errors.js';
import type { EmulatorResponse } from './http.js';
import { normalizeUri } from './metric-store.js';
import type { StateStore } from './state.js';

const DEFAULT_WINDOW_IN_MS = 60 * 60 * 1000;
const MAX_POINTS = 60;

/** `GET {resourceUri}/providers/Microsoft.Insights/metrics`, answered in Azure Monitor's shape. */
export function getMetrics(
  state: StateStore,
  resourceUri: string,
  query: URLSearchParams,
  now: number,
): EmulatorResponse {
  const stored = state.metrics.forResource(resourceUri);
  const cluster = state.clusters.find((candidate) =>
    normalizeUri(resourceUri).startsWith(
      normalizeUri(
        `/subscriptions/${candidate.subscriptionId}/resourceGroups/${candidate.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${candidate.name}`,
      ),
    ),
  );
  const { provider, type, name, resourceGroup } = describe(resourceUri);
  if (!stored && !cluster) return resourceNotFound(`${provider}/${type}`, name, resourceGroup);
  const names = (query.get('metricnames') ?? '')
    .split(',')
    .map((metric) => metric.trim())
    .filter(Boolean);
  const unknown = names.find((metric) => !stored?.has(metric.toLowerCase()));
  if (names.length === 0 || unknown !== undefined) {
    const valid = stored ? [...stored.values()].map((metric) => metric.name).join(', ') : '';
    return {
      status: 400,
      body: {
        code: 'BadRequest',
        message: `Failed to find metric configuration for provider: ${provider}, resource Type: ${type}, metric: ${unknown ?? ''}, Valid metrics: ${valid}`,
      },
    };
  }
  const intervalInMs = parseDuration(query.get('interval') ?? 'PT1M') ?? 60_000;
  const [start, end] = parseTimespan(query.get('timespan'), now);
  const aggregations = (query.get('aggregation') ?? 'Average')
    .split(',')
    .map((aggregation) => aggregation.trim().toLowerCase())
    .filter(Boolean);
  const points: number[] = [];
  for (let at = end - intervalInMs; at >= start && points.length < MAX_POINTS; at -= intervalInMs)
    points.unshift(at);
  return {
    status: 200,
    body: {
      cost: points.length * names.length,
      timespan: `${new Date(start).toISOString()}/${new Date(end).toISOString()}`,
      interval: query.get('interval') ?? 'PT1M',
      value: names.map((metricName) => {
        const metric = stored!.get(metricName.toLowerCase())!;
        return {
          id: `${resourceUri}/providers/Microsoft.Insights/metrics/${metric.name}`,
          type: 'Microsoft.Insights/metrics',
          name: { value: metric.name, localizedValue: metric.name },
          displayDescription: '',
          unit: metric.unit,
          timeseries: [
            {
              metadatavalues: [],
              data: points.map((at) => ({
                timeStamp: new Date(at).toISOString().replace('.000Z', 'Z'),
                ...Object.fromEntries(aggregations.map((aggregation) => [aggregation, metric.value])),
              })),
            },
          ],
          errorCode: 'Success',
        };
      }),
      namespace: `${provider}/${type}`,
      resourceregion: cluster?.location ?? 'westeurope',
    },
  };
}

function describe(resourceUri: string) {
  const match = /\/resourcegroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)/i.exec(resourceUri);
  return {
    resourceGroup: match?.[1] ?? '',
    provider: match?.[2] ?? 'Microsoft.Resources',
    type: match?.[3] ?? 'resources',
    name: match?.[4] ?? resourceUri,
  };
}

function parseDuration(text: string): number | undefined {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(text);
  if (!match) return undefined;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  const total = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
  return total > 0 ? total : undefined;
}

function parseTimespan(text: string | null, now: number): [number, number] {
  const [from, to] = (text ?? '').split('/');
  const start = from ? Date.parse(from) : Number.NaN;
  const endParsed = to ? Date.parse(to) : Number.NaN;
  if (Number.isFinite(start) && Number.isFinite(endParsed)) return [start, endParsed];
  if (Number.isFinite(start) && to) {
    const length = parseDuration(to);
    if (length) return [start, start + length];
  }
  return [now - DEFAULT_WINDOW_IN_MS, now];
}
