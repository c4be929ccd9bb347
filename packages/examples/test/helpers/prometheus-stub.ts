import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server answering Prometheus instant queries (`/api/v1/query`) with one value. */
export interface PrometheusStub {
  /** The base URL, for a config's `prometheus.url`. */
  url: string;
  /** Changes the value every query returns. */
  set(value: number): void;
  close(): Promise<void>;
}

/** Starts a {@link PrometheusStub} answering `value`. */
export async function startPrometheusStub(value: number): Promise<PrometheusStub> {
  let current = value;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/v1/query') {
      response.writeHead(404).end();
      return;
    }
    const time = Number(url.searchParams.get('time') ?? Date.now() / 1000);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {}, value: [time, String(current)] }] },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    set: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A config's `policy:` lines: a metric policy sizing manualpool2 at one node per 100 of `sum(queue_depth)` at `url`. */
export function queueDepthPolicy(url: string): string[] {
  return [
    'policy:',
    '  metric:',
    `    prometheus: { url: "${url}", query: "sum(queue_depth)" }`,
    '    pools: [manualpool2]',
    '    targetPerNode: 100',
  ];
}
