import { type ReconcileReport, reconcile, type ScalerEvent } from '@aks-scaler/core';
import { staticPolicy } from '@aks-scaler/policies';
import { DEFAULT_TEST_CLUSTER, FakeNodePoolClient, nodePool } from '@aks-scaler/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { virtualClock } from '../../test/helpers/virtual-clock.js';
import { startWebhookServer, type WebhookServer } from '../../test/helpers/webhook-server.js';
import type { Notification } from './notification.js';
import type { NotificationResult } from './notification-result.js';
import { createNotifier, type Notifier } from './notifier.js';
import { webhookTarget } from './webhook-target.js';

// The promise to the caller: a webhook that hangs or fails leaves a reconcile's outcome and timing as they were.
// The same reconcile runs twice on a virtual clock (each operation takes 60 s of it), once without notifications
// and once announcing each finished operation to a webhook that never answers, through a notifier on the same
// clock. Reports, writes and the clock must be identical; the webhook must not have answered by the end.

const OPERATION_IN_MS = 60_000;

let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A `scaled` or `failed` notification as soon as an operation ends. */
function fromEvent(event: ScalerEvent): Notification | undefined {
  if (event.type !== 'succeeded' && event.type !== 'failed') return undefined;
  const entry = {
    pool: event.pool,
    from: 'from' in event ? event.from : 0,
    to: 'to' in event ? event.to : 0,
    action: 'scale' as const,
    reason: 'static',
    outcome: event.type,
    durationInMs: event.durationInMs,
    ...(event.type === 'failed' && { error: { code: event.code, message: event.message } }),
  };
  return event.type === 'succeeded'
    ? { kind: 'scaled', at: event.at, cluster: event.cluster, entry }
    : { kind: 'failed', at: event.at, cluster: event.cluster, entry };
}

async function run(withWebhook: boolean) {
  const clock = virtualClock();
  const client = new FakeNodePoolClient({
    pools: [nodePool({ name: 'manualpool2', count: 1 }), nodePool({ name: 'manualpool3', count: 5 })],
    operationDurationInMs: OPERATION_IN_MS,
    sleep: clock.sleep,
  });
  client.inject('manualpool3', { type: 'fail', armCode: 'QuotaExceeded' });
  const results: NotificationResult[] = [];
  const returned: unknown[] = [];
  let notifier: Notifier | undefined;
  if (withWebhook) {
    server = await startWebhookServer(['hang']);
    notifier = createNotifier({
      sinks: [
        {
          name: 'notify[0]',
          format: 'cloudevents',
          on: ['scaled', 'failed'],
          target: webhookTarget(`${server.origin}/hook`),
        },
      ],
      origin: 'test',
      clock,
      onResult: (result) => results.push(result),
    });
  }
  const onEvent = (event: ScalerEvent) => {
    const notification = fromEvent(event);
    if (notification && notifier) {
      const before = clock.now();
      returned.push(notifier.notify(notification));
      expect(clock.now()).toBe(before);
    }
  };
  const reconciling = reconcile({
    client,
    cluster: DEFAULT_TEST_CLUSTER,
    policy: staticPolicy({ manualpool2: 5, manualpool3: 8 }),
    concurrency: 1,
    now: () => new Date(clock.now()),
    sleep: clock.sleep,
    onEvent,
  });
  // manualpool2's operation, then manualpool3's (concurrency 1): each 60 s of the virtual clock.
  clock.advance(await clock.whenSleeping((ms) => ms === OPERATION_IN_MS));
  if (server) await server.received(1); // the first announcement is on the wire, and hangs
  clock.advance(await clock.whenSleeping((ms) => ms === OPERATION_IN_MS));
  const report: ReconcileReport = await reconciling;
  return { report, log: client.log, endedAt: clock.now(), results, returned, notifier };
}

describe('notifications never delay or fail a reconcile', () => {
  it('a webhook that hangs leaves the outcome and the timing as they were', async () => {
    const quiet = await run(false);
    const notified = await run(true);

    expect(notified.report).toEqual(quiet.report);
    expect(notified.log).toEqual(quiet.log);
    expect(notified.endedAt).toBe(quiet.endedAt);
    expect(notified.report.finishedAt.getTime() - notified.report.startedAt.getTime()).toBe(
      2 * OPERATION_IN_MS,
    );
    expect(notified.report.pools.map((p) => [p.pool, p.outcome])).toEqual([
      ['manualpool2', 'succeeded'],
      ['manualpool3', 'failed'],
    ]);

    // notify() returned at once, with nothing to await, while the webhook had not answered and still has not.
    expect(notified.returned).toEqual([undefined, undefined]);
    expect(server?.answered()).toBe(0);
    expect(notified.results).toEqual([]);
    expect(notified.notifier?.pendingCount).toBe(2);

    const aborted = AbortSignal.abort();
    expect(await notified.notifier?.flush({ abortSignal: aborted })).toEqual({ drained: false, dropped: 2 });
  });
});
