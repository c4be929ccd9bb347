import { HTTP } from 'cloudevents';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONFIG_REJECTED_EXAMPLE,
  FAILED_EXAMPLE,
  OVERRIDE_EXAMPLE,
  SCALED_EXAMPLE,
} from '../../test/helpers/notification-fixtures.js';
import { virtualClock } from '../../test/helpers/virtual-clock.js';
import {
  startWebhookServer,
  type WebhookAnswer,
  type WebhookServer,
} from '../../test/helpers/webhook-server.js';
import type { NotificationKind } from './notification.js';
import type { NotificationResult } from './notification-result.js';
import { createNotifier, type NotifierOptions } from './notifier.js';
import type { NotifySink } from './notify-sink.js';
import { slackText } from './slack-format.js';
import { webhookTarget } from './webhook-target.js';

const servers: WebhookServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function sink(
  format: NotifySink['format'],
  answers: WebhookAnswer[] = [],
  on: NotificationKind[] = ['scaled', 'failed', 'override', 'config-rejected'],
): Promise<{ sink: NotifySink; server: WebhookServer }> {
  const server = await startWebhookServer(answers);
  servers.push(server);
  const name = `notify[${servers.length - 1}]`;
  return { server, sink: { name, format, on, target: webhookTarget(`${server.origin}/in/${format}`) } };
}

function setup(sinks: NotifySink[], extra: Partial<NotifierOptions> = {}) {
  const clock = virtualClock();
  const results: NotificationResult[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  /** Resolves once `count` results have been reported. */
  const resultsReached = (count: number) =>
    results.length >= count
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ count, resolve }));
  let ids = 0;
  const notifier = createNotifier({
    sinks,
    origin: 'aks-scaler',
    clock,
    backoff: { random: () => 0.5 },
    newId: () => `event-${++ids}`,
    onResult: (result) => {
      results.push(result);
      for (const waiter of waiters.filter((w) => results.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    ...extra,
  });
  return { clock, notifier, results, resultsReached };
}

describe('createNotifier', () => {
  it('delivers CloudEvents that a CloudEvents receiver parses with the SDK', async () => {
    const receiver = await sink('cloudevents');
    const { notifier, results } = setup([receiver.sink]);
    for (const n of [SCALED_EXAMPLE, FAILED_EXAMPLE, OVERRIDE_EXAMPLE, CONFIG_REJECTED_EXAMPLE])
      notifier.notify(n);
    expect(await notifier.flush()).toEqual({ drained: true, dropped: 0 });

    const events = receiver.server.requests.map((request) => {
      const event = HTTP.toEvent({ headers: request.headers, body: request.body });
      if (Array.isArray(event)) throw new Error('expected one event per request');
      return event;
    });
    expect(
      events.map((event) => [event.specversion, event.type, event.source, event.subject, event.id]),
    ).toEqual([
      [
        '1.0',
        'io.aks-scaler.pool.scaled',
        'aks-scaler/aks-scaler/myManagedCluster',
        'manualpool2',
        'event-1',
      ],
      [
        '1.0',
        'io.aks-scaler.pool.failed',
        'aks-scaler/aks-scaler/myManagedCluster',
        'manualpool3',
        'event-2',
      ],
      [
        '1.0',
        'io.aks-scaler.pool.override',
        'aks-scaler/aks-scaler/myManagedCluster',
        'manualpool2',
        'event-3',
      ],
      [
        '1.0',
        'io.aks-scaler.config.rejected',
        'aks-scaler/aks-scaler',
        '/etc/aks-scaler/scaler.yaml',
        'event-4',
      ],
    ]);
    expect(events[0]?.data).toMatchObject({
      pool: 'manualpool2',
      from: 1,
      to: 10,
      action: 'scale',
      durationInMs: 252_000,
    });
    expect(events[0]?.time).toBe('2026-11-30T07:34:12.000Z');
    expect(events[3]?.data).toMatchObject({
      problems: [{ path: 'policy.max[0].static.Manual' }, { path: 'limits.concurency' }],
    });
    expect(
      receiver.server.requests.every(
        (r) => r.headers['content-type'] === 'application/cloudevents+json; charset=utf-8',
      ),
    ).toBe(true);
    expect(results.map((r) => [r.result, r.kind, r.attempts])).toEqual([
      ['delivered', 'scaled', 1],
      ['delivered', 'failed', 1],
      ['delivered', 'override', 1],
      ['delivered', 'config-rejected', 1],
    ]);
  });

  it('delivers Slack messages, only of the kinds the webhook is on', async () => {
    const slack = await sink('slack', [], ['failed', 'config-rejected']);
    const { notifier, results } = setup([slack.sink]);
    for (const n of [SCALED_EXAMPLE, FAILED_EXAMPLE, OVERRIDE_EXAMPLE, CONFIG_REJECTED_EXAMPLE])
      notifier.notify(n);
    await notifier.flush();
    expect(slack.server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { text: slackText(FAILED_EXAMPLE) },
      { text: slackText(CONFIG_REJECTED_EXAMPLE) },
    ]);
    expect(slack.server.requests.map((r) => r.url)).toEqual(['/in/slack', '/in/slack']);
    expect(results.map((r) => r.kind)).toEqual(['failed', 'config-rejected']);
  });

  it('retries a webhook that answers 500 then 200, and counts one delivered', async () => {
    const flaky = await sink('slack', [{ status: 500 }, { status: 200 }]);
    const { clock, notifier, results } = setup([flaky.sink]);
    notifier.notify(FAILED_EXAMPLE);
    clock.advance(await clock.whenSleeping((ms) => ms === 750));
    await notifier.flush();
    expect(flaky.server.requests).toHaveLength(2);
    expect(flaky.server.requests[0]?.body).toBe(flaky.server.requests[1]?.body);
    expect(results).toEqual([
      {
        result: 'delivered',
        kind: 'failed',
        sink: 'notify[0]',
        host: flaky.sink.target.host,
        attempts: 2,
        status: 200,
      },
    ]);
  });

  it('counts failed after 3 tries of a webhook that always answers 500', async () => {
    const broken = await sink('cloudevents', [{ status: 500 }]);
    const { clock, notifier, results } = setup([broken.sink]);
    notifier.notify(SCALED_EXAMPLE);
    clock.advance(await clock.whenSleeping((ms) => ms === 750));
    clock.advance(await clock.whenSleeping((ms) => ms === 1500));
    await notifier.flush();
    expect(broken.server.requests).toHaveLength(3);
    const ids = broken.server.requests.map((r) => JSON.parse(r.body).id);
    expect(new Set(ids)).toEqual(new Set(['event-1'])); // the same event on every try: receivers can deduplicate
    expect(results).toEqual([
      expect.objectContaining({
        result: 'failed',
        kind: 'scaled',
        attempts: 3,
        status: 500,
        reason: 'answered 500',
      }),
    ]);
  });

  it('keeps one queue per webhook: a hanging webhook delays neither the caller nor the others', async () => {
    const hanging = await sink('slack', ['hang']);
    const healthy = await sink('slack');
    const { notifier, results, resultsReached } = setup([hanging.sink, healthy.sink]);
    notifier.notify(SCALED_EXAMPLE);
    notifier.notify(FAILED_EXAMPLE);
    await healthy.server.received(2);
    await hanging.server.received(1);
    await resultsReached(2);
    expect(results.map((r) => [r.sink, r.result, r.kind])).toEqual([
      ['notify[1]', 'delivered', 'scaled'],
      ['notify[1]', 'delivered', 'failed'],
    ]);
    await new Promise((resolve) => setImmediate(resolve)); // let the healthy queue's worker finish its turn
    expect(notifier.pendingCount).toBe(2); // the hanging webhook's two: one in flight, one waiting
    expect(hanging.server.requests).toHaveLength(1); // in order: the second waits for the first
  });

  it('drops the oldest waiting notification when a queue is full, and counts it', async () => {
    const hanging = await sink('slack', ['hang']);
    const { notifier, results } = setup([hanging.sink], { queueSize: 2 });
    notifier.notify(SCALED_EXAMPLE); // in flight
    await hanging.server.received(1);
    notifier.notify(FAILED_EXAMPLE); // waits
    notifier.notify(OVERRIDE_EXAMPLE); // waits
    notifier.notify(CONFIG_REJECTED_EXAMPLE); // no room: FAILED_EXAMPLE is dropped
    expect(results).toEqual([
      {
        result: 'dropped',
        kind: 'failed',
        sink: 'notify[0]',
        host: hanging.sink.target.host,
        attempts: 0,
        reason: 'queue full (2 waiting): the oldest was dropped',
      },
    ]);
    expect(notifier.pendingCount).toBe(3);
  });

  it('flush gives up after its timeout on the injected clock and counts what is left as dropped', async () => {
    const hanging = await sink('slack', ['hang']);
    const { clock, notifier, results } = setup([hanging.sink]);
    notifier.notify(SCALED_EXAMPLE);
    notifier.notify(OVERRIDE_EXAMPLE);
    await hanging.server.received(1);
    const flushing = notifier.flush({ timeoutInMs: 2000 });
    clock.advance(await clock.whenSleeping((ms) => ms === 2000));
    expect(await flushing).toEqual({ drained: false, dropped: 2 });
    expect(results.map((r) => [r.result, r.kind, r.reason])).toEqual([
      ['dropped', 'override', 'abandoned at shutdown'],
      ['dropped', 'scaled', 'abandoned at shutdown'],
    ]);
    expect(notifier.pendingCount).toBe(0);
    expect(clock.pending()).toEqual([]);
  });

  it('flush returns at once when nothing is queued, and stops waiting when aborted', async () => {
    const hanging = await sink('slack', ['hang']);
    const { notifier } = setup([hanging.sink]);
    expect(await notifier.flush()).toEqual({ drained: true, dropped: 0 });
    notifier.notify(SCALED_EXAMPLE);
    await hanging.server.received(1);
    const controller = new AbortController();
    const flushing = notifier.flush({ abortSignal: controller.signal });
    controller.abort();
    expect(await flushing).toEqual({ drained: false, dropped: 1 });
  });

  it('survives a throwing result callback and logger', async () => {
    const receiver = await sink('slack');
    const throwing = () => {
      throw new Error('boom');
    };
    const { notifier } = setup([receiver.sink], {
      onResult: throwing,
      logger: { warn: throwing, debug: throwing },
    });
    expect(() => notifier.notify(SCALED_EXAMPLE)).not.toThrow();
    notifier.notify(FAILED_EXAMPLE);
    expect(await notifier.flush()).toEqual({ drained: true, dropped: 0 });
    expect(receiver.server.requests).toHaveLength(2);
  });
});
