import { describe, expect, it } from 'vitest';
import { virtualClock } from '../test/virtual-clock.js';
import { AbortedError, ThrottledError } from './errors.js';
import { resolvePacerSettings, type ThrottleGateOptions, type WritePacingOptions } from './pacing-options.js';
import { type ObservedResponse, SubscriptionPacer } from './write-pacer.js';

const MINUTE = 60_000;

function setup(
  writePacing: WritePacingOptions | false = { burst: 3 },
  throttleGate: ThrottleGateOptions | false = {},
) {
  const clock = virtualClock();
  const { settings, issues } = resolvePacerSettings({ writePacing, throttleGate }, clock);
  expect(issues).toEqual([]);
  const pacer = new SubscriptionPacer(settings);
  const waits: Array<{ waitInMs: number; reason: string }> = [];
  const done: Array<[string, number]> = [];
  const write = (label: string, extra: { remainingInMs?: number; abortSignal?: AbortSignal } = {}) =>
    pacer
      .beforeWrite({
        remainingInMs: extra.remainingInMs ?? Number.POSITIVE_INFINITY,
        target: `pool '${label}' of cluster 'c'`,
        onWait: (info) => waits.push(info),
        ...(extra.abortSignal && { abortSignal: extra.abortSignal }),
      })
      .then(() => {
        done.push([label, clock.now()]);
      });
  return { clock, pacer, waits, done, write };
}

function response(status: number, headers: Record<string, string>, extra: Partial<ObservedResponse> = {}) {
  return { status, header: (name: string) => headers[name], agentPoolPut: false, ...extra };
}

describe('SubscriptionPacer: agent-pool PUTs', () => {
  it('lets the burst through at once, then one per refill, in arrival order', async () => {
    const { clock, waits, done, write } = setup({ burst: 3, refillPerMinute: 1 });
    const all = Promise.all(['a', 'b', 'c', 'd', 'e'].map((label) => write(label)));
    await clock.run();
    await all;
    expect(done).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 0],
      ['d', MINUTE],
      ['e', 2 * MINUTE],
    ]);
    expect(waits.map((w) => w.waitInMs)).toEqual([MINUTE, 2 * MINUTE]);
    expect(waits[0]?.reason).toBe(
      'pacing writes: AKS allows 3 agent-pool PUTs, then 1 a minute, per subscription; waiting 1m',
    );
  });

  it('refills while idle, up to the burst', async () => {
    const { clock, done, write } = setup({ burst: 2, refillPerMinute: 2 });
    await Promise.all([write('a'), write('b')]);
    await clock.run(10 * MINUTE);
    const all = Promise.all([write('c'), write('d'), write('e')]);
    await clock.run();
    await all;
    expect(done.slice(2)).toEqual([
      ['c', 10 * MINUTE],
      ['d', 10 * MINUTE],
      ['e', 10 * MINUTE + 30_000],
    ]);
  });

  it("counts an accepted PUT's token from ARM's answer, not from when it was sent", async () => {
    const { clock, pacer, done, write } = setup({ burst: 2, refillPerMinute: 1 });
    await Promise.all([write('a'), write('b')]);
    const flights = [pacer.putSent(0), pacer.putSent(0)];
    await clock.run(6000);
    pacer.observe('write', response(201, {}, { agentPoolPut: true, flight: flights[0] }));
    pacer.observe('write', response(201, {}, { agentPoolPut: true, flight: flights[1] }));
    const next = write('c');
    await clock.run();
    await next;
    expect(done.at(-1)).toEqual(['c', 6000 + MINUTE]);
  });

  it('holds the next turn while a PUT is still in flight, and goes when it is answered', async () => {
    const { clock, pacer, done, write } = setup({ burst: 1, refillPerMinute: 1 });
    await write('a');
    const flight = pacer.putSent(0);
    const next = write('b');
    await clock.run(90_000);
    expect(done).toEqual([['a', 0]]);
    pacer.observe('write', response(201, {}, { agentPoolPut: true, flight }));
    await clock.run(90_000);
    expect(done).toEqual([['a', 0]]);
    await clock.run();
    await next;
    // Counted from the answer at 90 s: one refill later.
    expect(done.at(-1)).toEqual(['b', 90_000 + MINUTE]);
  });

  it('sends everything at once when pacing is off', async () => {
    const { clock, waits, done, write } = setup(false);
    await Promise.all(Array.from({ length: 50 }, (_, i) => write(`p${i}`)));
    expect(done).toHaveLength(50);
    expect(waits).toEqual([]);
    expect(clock.sleeps).toEqual([]);
  });

  it('fails fast with ThrottledError when the turn comes after the deadline, and keeps no token', async () => {
    const { clock, pacer, waits, write } = setup({ burst: 1, refillPerMinute: 1 });
    await write('a');
    const error = await write('b', { remainingInMs: 30_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterInMs).toBe(MINUTE);
    expect((error as ThrottledError).message).toMatch(
      /^Writing pool 'b' of cluster 'c' would wait 1m \(AKS allows 1 agent-pool PUTs, then 1 a minute, per subscription\), longer than the 30s left of its operation timeout, so nothing was sent\./,
    );
    expect(waits).toEqual([]);
    expect(clock.sleeps).toEqual([]);
    // The refused write's reservation was given back: the next one waits one refill, not two.
    expect(pacer.writeWaitInMs()).toBeCloseTo(MINUTE, 3);
  });

  it('an aborted wait rejects with the abort error and gives its token back', async () => {
    const { clock, pacer, write } = setup({ burst: 1, refillPerMinute: 1 });
    await write('a');
    const controller = new AbortController();
    const waiting = write('b', { abortSignal: controller.signal }).catch((e: unknown) => e);
    await clock.run(10_000);
    controller.abort();
    expect(await waiting).toBeInstanceOf(AbortedError);
    expect(clock.pending()).toBe(0);
    expect(pacer.writeWaitInMs()).toBeCloseTo(50_000, 3);
  });
});

describe('SubscriptionPacer: the throttle gate', () => {
  it('a 429 with Retry-After holds new writes of the subscription until it elapses; reads go on', async () => {
    const { clock, pacer, waits, done, write } = setup(false);
    pacer.observe('write', response(429, { 'retry-after': '30' }));
    const all = Promise.all([write('a'), write('b')]);
    let readAt = -1;
    const read = pacer.beforeRequest('read').then(() => {
      readAt = clock.now();
    });
    const sdkWrite = pacer.beforeRequest('write');
    await clock.run();
    await Promise.all([all, read, sdkWrite]);
    expect(readAt).toBe(0);
    expect(done).toEqual([
      ['a', 30_000],
      ['b', 30_000],
    ]);
    expect(clock.now()).toBe(30_000);
    expect(waits[0]?.reason).toBe(
      "throttled: ARM or AKS answered 429 for this subscription's writes; waiting 30s as its Retry-After asks",
    );
  });

  it("an AKS agent-pool 429 also empties the client's PUT bucket (the throttled PUT's retry takes the next token)", async () => {
    const { clock, pacer, done, write } = setup({ burst: 20, refillPerMinute: 1 });
    await write('a');
    pacer.observe(
      'write',
      response(
        429,
        { 'retry-after': '45' },
        {
          agentPoolPut: true,
          bodyText:
            '{"code":"Throttled","message":"The PutAgentPoolHandler.PUT request limit has been exceeded"}',
        },
      ),
    );
    const next = write('b');
    await clock.run();
    await next;
    expect(done.at(-1)).toEqual(['b', 45_000 + MINUTE]);
  });

  it('an ARM 429 on a write closes the gate but leaves the PUT bucket alone', async () => {
    const { clock, pacer, done, write } = setup({ burst: 20, refillPerMinute: 1 });
    pacer.observe(
      'write',
      response(
        429,
        { 'retry-after': '2' },
        { agentPoolPut: true, bodyText: '{"code":"TooManyRequestsReceived"}' },
      ),
    );
    const next = write('a');
    await clock.run();
    await next;
    expect(done).toEqual([['a', 2000]]);
  });

  it('spaces requests by the refill rate while ARM reports few remaining, and stops when it reports more', async () => {
    const { clock, pacer } = setup(false, { lowRemaining: 5, readsPerSecond: 25 });
    pacer.observe('read', response(200, { 'x-ms-ratelimit-remaining-subscription-reads': '4' }));
    const at: number[] = [];
    const reads = Promise.all(
      [0, 1, 2].map(() =>
        pacer.beforeRequest('read').then(() => {
          at.push(clock.now());
        }),
      ),
    );
    await clock.run();
    await reads;
    expect(at).toEqual([0, 40, 80]);
    pacer.observe('read', response(200, { 'x-ms-ratelimit-remaining-subscription-reads': '200' }));
    await pacer.beforeRequest('read');
    expect(clock.now()).toBe(80);
  });

  it('does nothing when the gate is off', async () => {
    const { clock, pacer } = setup(false, false);
    pacer.observe('write', response(429, { 'retry-after': '30' }));
    pacer.observe('read', response(200, { 'x-ms-ratelimit-remaining-subscription-reads': '0' }));
    await pacer.beforeRequest('write');
    await pacer.beforeRequest('read');
    expect(clock.sleeps).toEqual([]);
  });

  it('an aborted gate wait rejects', async () => {
    const { clock, pacer } = setup(false);
    pacer.observe('read', response(429, { 'retry-after': '10' }));
    const controller = new AbortController();
    const waiting = pacer.beforeRequest('read', controller.signal).catch((e: unknown) => e);
    await clock.run(1000);
    controller.abort();
    expect(await waiting).toBeInstanceOf(AbortedError);
  });
});

describe('resolvePacerSettings', () => {
  it('fills in the AKS and ARM defaults', () => {
    const clock = virtualClock();
    expect(resolvePacerSettings({}, clock).settings).toMatchObject({
      writePacing: { burst: 20, refillPerMinute: 1 },
      throttleGate: { lowRemaining: 20, readsPerSecond: 25, writesPerSecond: 10 },
    });
  });

  it('lists every bad value', () => {
    const { issues } = resolvePacerSettings(
      { writePacing: { burst: 0.5, refillPerMinute: 0 }, throttleGate: { writesPerSecond: Number.NaN } },
      virtualClock(),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'writePacing.burst',
      'writePacing.refillPerMinute',
      'throttleGate.writesPerSecond',
    ]);
  });
});
