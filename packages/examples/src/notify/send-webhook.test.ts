import { AbortedError } from '@aks-scaler/core';
import { afterEach, describe, expect, it } from 'vitest';
import { virtualClock } from '../../test/helpers/virtual-clock.js';
import {
  startWebhookServer,
  type WebhookAnswer,
  type WebhookServer,
} from '../../test/helpers/webhook-server.js';
import { sendWebhook } from './send-webhook.js';
import { webhookTarget } from './webhook-target.js';

let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const payload = { headers: { 'content-type': 'application/json' }, body: '{"text":"hello"}' };
const TIMEOUT = 5000;
const isBackoff = (ms: number) => ms !== TIMEOUT;

async function setup(answers: WebhookAnswer[]) {
  server = await startWebhookServer(answers);
  const clock = virtualClock();
  const target = webhookTarget(`${server.origin}/hooks/secret-path?sig=abc`);
  // random 0.5: the first backoff is 750 ms (1 s less up to half), the second 1500 ms.
  const send = (options: { abortSignal?: AbortSignal; maxRetryAfterInMs?: number } = {}) =>
    sendWebhook({ target, payload }, { clock, backoff: { random: () => 0.5 }, ...options });
  return { server, clock, send };
}

describe('sendWebhook', () => {
  it('POSTs the payload once to the full URL and reports delivered on 2xx', async () => {
    const { server, clock, send } = await setup([{ status: 204 }]);
    expect(await send()).toEqual({ delivered: true, attempts: 1, status: 204, reason: 'answered 204' });
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/hooks/secret-path?sig=abc',
        body: '{"text":"hello"}',
      }),
    ]);
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    expect(clock.sleeps).toEqual([TIMEOUT]);
    expect(clock.pending()).toEqual([]);
  });

  it('retries a 500 after a backoff on the injected clock, then delivers', async () => {
    const { server, clock, send } = await setup([{ status: 500 }, { status: 200 }]);
    const sending = send();
    const backoff = await clock.whenSleeping(isBackoff);
    expect(backoff).toBe(750);
    expect(server.requests).toHaveLength(1);
    clock.advance(backoff);
    expect(await sending).toEqual({ delivered: true, attempts: 2, status: 200, reason: 'answered 200' });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after 3 tries of 500, waiting longer each time, and says why', async () => {
    const { server, clock, send } = await setup([{ status: 500, body: 'internal\nerror' }]);
    const sending = send();
    clock.advance(await clock.whenSleeping(isBackoff));
    clock.advance(await clock.whenSleeping(isBackoff));
    expect(await sending).toEqual({
      delivered: false,
      attempts: 3,
      status: 500,
      reason: 'answered 500 (internal error)',
    });
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps.filter(isBackoff)).toEqual([750, 1500]);
  });

  it('times out a webhook that never answers after 5 s of the injected clock, and tries again', async () => {
    const { server, clock, send } = await setup(['hang', 'hang', 'hang']);
    const start = clock.now();
    const sending = send();
    for (const n of [1, 2, 3]) {
      await server.received(n);
      await clock.whenSleeping((ms) => ms === TIMEOUT);
      clock.advance(TIMEOUT);
      if (n < 3) clock.advance(await clock.whenSleeping(isBackoff));
    }
    expect(await sending).toEqual({ delivered: false, attempts: 3, reason: 'no answer within 5.0s' });
    expect(server.answered()).toBe(0);
    expect(clock.now() - start).toBe(3 * TIMEOUT + 750 + 1500);
  });

  it('times out an injected fetch that ignores its abort signal all the same', async () => {
    const clock = virtualClock();
    let calls = 0;
    const fetch = (() => {
      calls++;
      return new Promise<Response>(() => {});
    }) as typeof globalThis.fetch;
    const sending = sendWebhook(
      { target: webhookTarget('https://hooks.example.com/in'), payload },
      { clock, fetch, tries: 1 },
    );
    clock.advance(await clock.whenSleeping((ms) => ms === TIMEOUT));
    expect(await sending).toEqual({ delivered: false, attempts: 1, reason: 'no answer within 5.0s' });
    expect(calls).toBe(1);
  });

  it('does not retry an answer that retrying cannot fix (404, a redirect)', async () => {
    const notFound = await setup([{ status: 404, body: 'no_service' }]);
    expect(await notFound.send()).toEqual({
      delivered: false,
      attempts: 1,
      status: 404,
      reason: 'answered 404 (no_service): check the URL and the receiver',
    });
    await notFound.server.close();
    const redirect = await setup([{ status: 302, headers: { location: 'https://elsewhere.example.com/' } }]);
    expect(await redirect.send()).toMatchObject({ delivered: false, attempts: 1, status: 302 });
    expect(redirect.server.requests).toHaveLength(1);
  });

  it('honours Retry-After on 429 and 503, within reason', async () => {
    const limited = await setup([{ status: 429, headers: { 'retry-after': '7' } }, { status: 200 }]);
    const sending = limited.send();
    expect(await limited.clock.whenSleeping(isBackoff)).toBe(7000);
    limited.clock.advance(7000);
    expect(await sending).toMatchObject({ delivered: true, attempts: 2 });
    await limited.server.close();

    const unavailable = await setup([{ status: 503, headers: { 'retry-after': '3600' } }, { status: 200 }]);
    expect(await unavailable.send()).toEqual({
      delivered: false,
      attempts: 1,
      status: 503,
      reason: 'answered 503, asking to retry after 1h (more than 1m): not retried',
    });
    expect(unavailable.server.requests).toHaveLength(1);
  });

  it('counts a connection refused as a failed try, naming the error code only', async () => {
    const { server, clock, send } = await setup([]);
    await server.close();
    const sending = send();
    clock.advance(await clock.whenSleeping(isBackoff));
    clock.advance(await clock.whenSleeping(isBackoff));
    expect(await sending).toEqual({
      delivered: false,
      attempts: 3,
      reason: 'could not connect (ECONNREFUSED)',
    });
  });

  it('rejects with AbortedError when aborted mid-try or mid-backoff', async () => {
    const hanging = await setup(['hang']);
    const controller = new AbortController();
    const sending = hanging.send({ abortSignal: controller.signal });
    await hanging.server.received(1);
    controller.abort();
    await expect(sending).rejects.toBeInstanceOf(AbortedError);
    await hanging.server.close();

    const failing = await setup([{ status: 500 }]);
    const second = new AbortController();
    const retrying = failing.send({ abortSignal: second.signal });
    await failing.clock.whenSleeping(isBackoff);
    second.abort();
    await expect(retrying).rejects.toBeInstanceOf(AbortedError);
    expect(failing.clock.pending()).toEqual([]);
  });
});
