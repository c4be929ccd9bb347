import { afterEach, describe, expect, it } from 'vitest';
import { webhookTarget } from '../src/notify/webhook-target.js';
import { createNotificationSink } from '../src/pod/notification-sink.js';
import { createPodLogger } from '../src/shared/logger.js';
import { startWebhookServer, type WebhookServer } from './helpers/webhook-server.js';

// The pod's notification sink fed the hub's events directly: a config that loop mode rejects is announced to the
// webhooks that asked for `config-rejected`, and to no other.
let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the notification sink', () => {
  it('announces a rejected config to the webhooks that asked for config-rejected', async () => {
    server = await startWebhookServer();
    const sink = createNotificationSink({
      webhooks: [
        {
          name: 'notify[0]',
          format: 'slack',
          on: ['config-rejected'],
          target: webhookTarget(`${server.origin}/a`),
        },
        { name: 'notify[1]', format: 'slack', on: ['scaled'], target: webhookTarget(`${server.origin}/b`) },
      ],
      logger: createPodLogger({
        level: 'silent',
        stdout: { write: () => true } as unknown as NodeJS.WritableStream,
      }),
    });
    await sink.handle(
      {
        kind: 'config-rejected',
        at: new Date('2026-12-01T08:00:00Z'),
        path: '/etc/aks-scaler/scaler.yaml',
        reason: 'tick',
        problems: [{ path: 'policy.static.Manual', message: 'pool name "Manual" is not valid' }],
      },
      { abortSignal: new AbortController().signal },
    );
    await sink.close?.({ abortSignal: new AbortController().signal });
    expect(server.requests.map((request) => request.url)).toEqual(['/a']);
    const body = JSON.parse(server.requests[0]!.body) as { text: string };
    expect(body.text).toContain('/etc/aks-scaler/scaler.yaml');
    expect(body.text).toContain('policy.static.Manual');
  });
});
