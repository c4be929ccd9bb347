import type { Clock } from '@aks-scaler/core';
import type { Emulator } from '@aks-scaler/testkit';
import { HTTP } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { runScalerPod } from '../src/index.js';
import { captureJsonLines } from './helpers/json-lines.js';
import { manualClock } from './helpers/manual-clock.js';
import { scratchFixture } from './helpers/scratch-fixture.js';
import { waitUntil } from './helpers/wait.js';
import { startWebhookServer, type WebhookServer } from './helpers/webhook-server.js';

// The pod in this process against the emulator (real SDK): config overrides and the pools' override tags beat the
// policy, expire on the pod's clock, are logged, and reach the `override` webhook notification once per change.
let emulator: Emulator | undefined;
let webhook: WebhookServer | undefined;
const fixture = scratchFixture();

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const puts = (em: Emulator, pool: string) =>
  em.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/agentPools/${pool}`));

function configFor(em: Emulator, lines: string[]): string {
  return [
    'clusters:',
    `  - { subscription: ${em.subscriptionId}, resourceGroup: myResourceGroup, name: myManagedCluster }`,
    'policy: { static: { manualpool2: 3, manualpool3: 2 } }',
    ...lines,
  ].join('\n');
}

/** A clock whose `now` the test moves (`advanceBy`) and whose waits end on `tick()`. */
function movableClock() {
  const base = manualClock();
  let offset = 0;
  const clock: Clock & { tick(): void; waiting(): number; advanceBy(ms: number): void } = {
    now: () => base.now() + offset,
    sleep: base.sleep,
    tick: base.tick,
    waiting: base.waiting,
    advanceBy: (ms) => {
      offset += ms;
    },
  };
  return clock;
}

describe('the pod with overrides', () => {
  it('follows a config override and a pause tag, announces each once, and lets the policy decide once it expired', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5 });
    webhook = fixture.closeAfterTest(await startWebhookServer());
    const start = Date.now();
    const until = iso(start + HOUR);
    emulator.state.setPool('manualpool2', {
      tags: {
        'aks-scaler-override': 'pause',
        'aks-scaler-until': iso(start + 24 * HOUR),
        'aks-scaler-reason': 'deploy freeze',
      },
    });
    const config = configFor(emulator, [
      `overrides: [{ pools: [manualpool3], target: 4, until: "${until}", reason: load test }]`,
      'notify: [{ urlFromEnv: EVENTS_WEBHOOK, format: cloudevents, on: [override] }]',
    ]);
    const clock = movableClock();
    const { stdout, lines } = captureJsonLines();
    const stop = new AbortController();
    const run = runScalerPod({
      env: {
        ...(await emulator.workloadIdentityEnv()),
        SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml',
        SCALER_MODE: 'loop',
        SCALER_POLL_INTERVAL: '20ms',
        EVENTS_WEBHOOK: `${webhook.origin}/events`,
      },
      stdout,
      signal: stop.signal,
      ca: emulator.caCert,
      clock,
      readTextFile: async () => config,
    });
    const reconciled = async (n: number) =>
      waitUntil(
        () => lines.filter((l) => l.msg === 'reconcile finished').length >= n && clock.waiting() > 0,
        `reconcile ${n}`,
      );

    await reconciled(1);
    expect(emulator.state.getPool('manualpool3')?.count).toBe(4);
    expect(emulator.state.getPool('manualpool2')?.count).toBe(1);
    expect(puts(emulator, 'manualpool2')).toEqual([]);
    const planned = lines.filter((l) => l.event === 'planned');
    expect(planned.find((l) => l.pool === 'manualpool3')?.reason).toMatch(
      new RegExp(`^override until ${until} \\(load test\\); the policy asked: static manualpool3=2`),
    );
    expect(planned.find((l) => l.pool === 'manualpool2')?.reason).toMatch(
      /^paused until .* \(deploy freeze\)/,
    );
    expect(lines.filter((l) => l.event === 'override-active').map((l) => [l.pool, l.level])).toEqual([
      ['manualpool3', 'info'],
      ['manualpool2', 'info'],
    ]);
    await webhook.received(2);

    clock.tick(); // a second reconcile at the same instant: nothing new to announce
    await reconciled(2);
    clock.advanceBy(2 * HOUR);
    clock.tick();
    await reconciled(3);
    expect(emulator.state.getPool('manualpool3')?.count).toBe(2);
    const expired = lines.filter((l) => l.event === 'override-expired');
    expect(expired).toEqual([
      expect.objectContaining({
        level: 'warn',
        pool: 'manualpool3',
        msg: `override for manualpool3 expired at ${until}; remove it (overrides[0] in the config)`,
      }),
    ]);
    await webhook.received(3);
    stop.abort();
    clock.tick();
    expect(await run).toBe(0);

    const events = webhook.requests.map((request) =>
      HTTP.toEvent({ headers: request.headers, body: request.body }),
    );
    expect(events.map((e) => (e as { type: string }).type)).toEqual([
      'io.aks-scaler.pool.override',
      'io.aks-scaler.pool.override',
      'io.aks-scaler.pool.override',
    ]);
    expect(events.map((e) => (e as { data: Record<string, unknown> }).data)).toEqual([
      expect.objectContaining({ pool: 'manualpool3', state: 'active', target: 4, until, source: 'config' }),
      expect.objectContaining({
        pool: 'manualpool2',
        state: 'active',
        target: 'pause',
        reason: 'deploy freeze',
      }),
      expect.objectContaining({ pool: 'manualpool3', state: 'expired', until, reason: 'load test' }),
    ]);
  }, 60_000);

  it('a banana tag leaves the pool to the policy with a warning naming the pool, and the run exits 0', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5 });
    emulator.state.setPool('manualpool2', {
      tags: { 'aks-scaler-override': 'banana', 'aks-scaler-until': iso(Date.now() + HOUR) },
    });
    const { stdout, lines } = captureJsonLines();
    const code = await runScalerPod({
      env: {
        ...(await emulator.workloadIdentityEnv()),
        NODE_POOLS_AMOUNT: '{ "manualpool2": 3 }',
        SCALER_POLL_INTERVAL: '20ms',
      },
      stdout,
      ca: emulator.caCert,
    });
    expect(code).toBe(0);
    expect(emulator.state.getPool('manualpool2')?.count).toBe(3);
    const ignored = lines.filter((l) => l.event === 'override-ignored');
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toMatchObject({ level: 'warn', pool: 'manualpool2' });
    expect(ignored[0]?.msg).toMatch(
      /^the override tags of pool manualpool2 are ignored: aks-scaler-override="banana" is not an override: use a node count such as 3, 'stop', 'pause', or an autoscaler range such as 2-10\. .*left to the policy\.$/,
    );
  }, 30_000);

  it('an override ending more than 30 days ahead fails the start with exit 2, before any request', async () => {
    emulator = await fixture.startEmulator();
    const config = configFor(emulator, [
      `overrides: [{ pools: [manualpool3], target: 4, until: "${iso(Date.now() + 31 * 24 * HOUR)}", reason: quarter }]`,
    ]);
    const { stdout, lines } = captureJsonLines();
    const code = await runScalerPod({
      env: { ...(await emulator.workloadIdentityEnv()), SCALER_CONFIG: '/etc/aks-scaler/scaler.yaml' },
      stdout,
      ca: emulator.caCert,
      readTextFile: async () => config,
    });
    expect(code).toBe(2);
    const fatal = lines.find((line) => line.level === 'fatal');
    expect(fatal?.issues).toEqual([
      {
        path: 'overrides[0].until',
        message: expect.stringMatching(/more than the 30 days an override may last; .*change the policy/),
      },
    ]);
    expect(emulator.requests).toEqual([]);
  }, 30_000);
});
