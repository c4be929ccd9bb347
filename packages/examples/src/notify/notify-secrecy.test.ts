import { inspect } from 'node:util';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAILED_EXAMPLE,
  OVERRIDE_EXAMPLE,
  SCALED_EXAMPLE,
} from '../../test/helpers/notification-fixtures.js';
import { virtualClock } from '../../test/helpers/virtual-clock.js';
import { startWebhookServer, type WebhookServer } from '../../test/helpers/webhook-server.js';
import { createPodLogger } from '../shared/logger.js';
import { countNotifications } from './notification-metrics.js';
import type { NotificationResult } from './notification-result.js';
import { createNotifier } from './notifier.js';
import type { NotifySink } from './notify-sink.js';
import { resolveNotifySinks } from './notify-sinks.js';

// A webhook URL is a secret (a Slack webhook's path is its credential). Everything the notification module logs,
// throws, reports or exposes as metrics, on every path that can go wrong, is searched for the URL's path and query.

const SECRET_PATH = '/services/T0SECRET1/B0SECRET2/xoxSecretPart';
const SECRET_QUERY = 'sig=QuerySecret123';
const SECRETS = ['T0SECRET1', 'B0SECRET2', 'xoxSecretPart', 'QuerySecret123', SECRET_PATH];

const servers: WebhookServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function webhook(answers: Parameters<typeof startWebhookServer>[0]): Promise<string> {
  const server = await startWebhookServer(answers);
  servers.push(server);
  return `${server.origin}${SECRET_PATH}?${SECRET_QUERY}`;
}

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text, `leaked ${secret}`).not.toContain(secret);
}

describe('the webhook URL stays secret', () => {
  it('in everything logged, reported, counted and thrown, on every failure path', async () => {
    // Receivers that answer with the request's own path in the body (as some proxies do in error pages).
    const echo = (request: { url: string }) => `no route for ${request.url}`;
    const urls = {
      failing: await webhook([{ status: 500, body: echo }]),
      refusing: await webhook([{ status: 404, body: echo }]),
      redirecting: await webhook([
        { status: 307, headers: { location: `https://elsewhere.example.com${SECRET_PATH}` }, body: echo },
      ]),
      limited: await webhook([{ status: 429, headers: { 'retry-after': '99999' }, body: echo }]),
      hanging: await webhook(['hang']),
      delivered: await webhook([{ status: 200, body: echo }]),
    };
    const closed = await startWebhookServer();
    const gone = `${closed.origin}${SECRET_PATH}?${SECRET_QUERY}`;
    await closed.close();

    const env = {
      ...Object.fromEntries(Object.entries(urls).map(([name, url]) => [`HOOK_${name.toUpperCase()}`, url])),
      HOOK_GONE: gone,
    };
    const sinks: NotifySink[] = resolveNotifySinks(
      Object.keys(env).map((name) => ({
        urlFromEnv: name,
        format: name === 'HOOK_DELIVERED' || name === 'HOOK_HANGING' ? 'cloudevents' : 'slack',
        on: ['scaled', 'failed', 'override', 'config-rejected'],
      })),
      { env },
    );

    let logged = '';
    const logger = createPodLogger({
      level: 'debug',
      stdout: { write: (chunk: string) => (logged += chunk) },
    });
    const registry = new Registry();
    const count = countNotifications(registry);
    const results: NotificationResult[] = [];
    let onCount: (() => void) | undefined;
    const reached = (n: number) =>
      results.length >= n
        ? Promise.resolve()
        : new Promise<void>((resolve) => (onCount = () => results.length >= n && resolve()));
    const clock = virtualClock();
    const notifier = createNotifier({
      sinks,
      origin: 'test',
      clock,
      logger,
      queueSize: 1,
      tries: 1,
      onResult: (result) => {
        results.push(result);
        count(result);
        onCount?.();
      },
    });
    // Per webhook: the first cannot be formatted, the second is dropped when the third finds the queue full.
    notifier.notify({ ...FAILED_EXAMPLE, at: new Date(Number.NaN) });
    notifier.notify(SCALED_EXAMPLE);
    notifier.notify(OVERRIDE_EXAMPLE);
    await reached(sinks.length * 3 - 1); // everything but the hanging webhook's third
    const flushing = notifier.flush({ timeoutInMs: 10_000 });
    clock.advance(await clock.whenSleeping((ms) => ms === 10_000)); // the flush abandons the hanging one
    expect(await flushing).toEqual({ drained: false, dropped: 1 });

    const outcomes = new Set(results.map((r) => r.result));
    expect(outcomes).toEqual(new Set(['delivered', 'failed', 'dropped']));
    expect(results.some((r) => r.reason?.includes('could not be formatted'))).toBe(true);
    expect(results.some((r) => r.reason?.includes('[REDACTED]'))).toBe(true); // echoed paths were scrubbed
    expect(logged).toContain('"host":"127.0.0.1:');

    let thrown = '';
    try {
      resolveNotifySinks(
        [
          { urlFromEnv: 'PLAIN_HTTP', format: 'slack', on: ['failed'] },
          { urlFromEnv: 'WITH_CREDENTIALS', format: 'slack', on: ['failed'] },
          { urlFromEnv: 'NOT_A_URL', format: 'slack', on: ['failed'] },
        ],
        {
          env: {
            PLAIN_HTTP: `http://hooks.slack.com${SECRET_PATH}?${SECRET_QUERY}`,
            WITH_CREDENTIALS: `https://user:xoxSecretPart@hooks.slack.com${SECRET_PATH}`,
            NOT_A_URL: `hooks.slack.com${SECRET_PATH}?${SECRET_QUERY}`,
          },
        },
      );
    } catch (error) {
      thrown = `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 5 })}`;
    }
    expect(thrown).toContain('PLAIN_HTTP');

    const everything = [
      logged,
      JSON.stringify(results),
      await registry.metrics(),
      thrown,
      JSON.stringify(sinks),
      inspect(sinks, { depth: 5 }),
      sinks.map(String).join(' '),
      sinks.map((s) => `${s.target}`).join(' '),
    ].join('\n');
    expectNoSecret(everything);
    // ...while the receivers did get the full URL.
    expect(servers[5]?.requests[0]?.url).toBe(`${SECRET_PATH}?${SECRET_QUERY}`);
  });
});
