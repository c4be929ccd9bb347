import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** How the test webhook answers one request: a status (with headers and body), or never (`hang`). */
export type WebhookAnswer =
  | {
      status: number;
      headers?: Record<string, string>;
      body?: string | ((request: ReceivedRequest) => string);
    }
  | 'hang';

/** A request the test webhook received. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A local webhook on 127.0.0.1 for tests. */
export interface WebhookServer {
  /** The base URL, `http://127.0.0.1:<port>`. */
  origin: string;
  /** Every request received so far, in order. */
  requests: ReceivedRequest[];
  /** How many requests got an answer (a hanging one never does). */
  answered(): number;
  /** Resolves once `count` requests have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a webhook that answers requests in order with `answers` (the last one repeats; default 200 `ok`).
 *
 * @example
 * ```ts
 * const server = await startWebhookServer([{ status: 500 }, { status: 200 }]);
 * ```
 */
export async function startWebhookServer(answers: readonly WebhookAnswer[] = []): Promise<WebhookServer> {
  const requests: ReceivedRequest[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let answered = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = requests.length;
      const received: ReceivedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const answer = answers[Math.min(index, answers.length - 1)] ?? { status: 200, body: 'ok' };
      if (answer === 'hang') return;
      answered++;
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      response.end(typeof answer.body === 'function' ? answer.body(received) : (answer.body ?? ''));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    answered: () => answered,
    received: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
