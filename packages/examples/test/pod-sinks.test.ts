import type { Emulator } from '@aks-scaler/testkit';
import { describe, expect, it } from 'vitest';
import type { PodEvent } from '../src/pod/pod-events.js';
import { POD_SINKS, type SinkDefinition } from '../src/pod/pod-sinks.js';
import { runScalerPod } from '../src/pod/run-scaler-pod.js';
import { captureJsonLines } from './helpers/json-lines.js';
import { manualClock } from './helpers/manual-clock.js';
import { scratchFixture } from './helpers/scratch-fixture.js';
import { waitUntil } from './helpers/wait.js';

// A sink that does I/O (a webhook, the Kubernetes API) must neither delay a reconcile nor be cut off at exit: the pod
// waits for it, within the grace period. In process against the emulator; the grace period runs on a manual clock.
let emulator: Emulator | undefined;
const fixture = scratchFixture();

function slowSink(seen: string[], opened: Promise<void>): SinkDefinition {
  return {
    name: 'slow',
    enabledBy: 'this test',
    enabled: () => true,
    create: async () => ({
      sink: {
        name: 'slow',
        delivery: 'queued',
        handle: async (event: PodEvent) => {
          await opened;
          seen.push(event.kind);
        },
      },
    }),
  };
}

async function startOncePod(em: Emulator, sinks: readonly SinkDefinition[]) {
  const { stdout, lines } = captureJsonLines();
  const clock = manualClock();
  let code: number | undefined;
  const run = runScalerPod({
    env: {
      ...(await em.workloadIdentityEnv()),
      NODE_POOLS_AMOUNT: '{ "manualpool2": 2 }',
      SCALER_POLL_INTERVAL: '20ms',
    },
    stdout,
    ca: em.caCert,
    clock,
    sinks,
  }).then((c) => {
    code = c;
    return c;
  });
  return { run, lines, clock, code: () => code };
}

describe('the pod and its sinks', () => {
  it('reconciles without waiting for a slow sink, then waits for it before exiting', async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5 });
    let open!: () => void;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    const seen: string[] = [];
    const pod = await startOncePod(emulator, [...POD_SINKS, slowSink(seen, opened)]);
    await waitUntil(
      () => pod.lines.some((line) => line.msg === 'reconcile finished'),
      'the reconcile to finish',
    );
    expect(emulator.state.getPool('manualpool2')?.count).toBe(2);
    expect(seen).toEqual([]);
    expect(pod.code()).toBeUndefined(); // still delivering
    open();
    expect(await pod.run).toBe(0);
    expect(seen).toContain('cluster-reconciled');
    expect(seen.at(-1)).toBe('fleet-reconciled');
    expect(pod.lines.at(-1)?.msg).toBe('scaler stopped');
  }, 30_000);

  it("gives a stuck sink the grace period, then exits with the run's code and says what was not delivered", async () => {
    emulator = await fixture.startEmulator({ operationDurationInMs: 5 });
    const seen: string[] = [];
    const pod = await startOncePod(emulator, [...POD_SINKS, slowSink(seen, new Promise<void>(() => {}))]);
    await waitUntil(
      () => pod.clock.waiting() > 0 && pod.lines.some((l) => l.msg === 'reconcile finished'),
      'the grace period to start',
    );
    pod.clock.tick(); // the grace period ends
    expect(await pod.run).toBe(0);
    const undelivered = pod.lines.find((line) => line.sink === 'slow');
    expect(undelivered).toMatchObject({ level: 'warn', undelivered: expect.any(Number) });
    expect(String(undelivered?.msg)).toMatch(/did not get \d+ events before the grace period ended/);
    expect(pod.lines.at(-1)?.msg).toBe('scaler stopped');
  }, 30_000);
});
