// The pod run in this process against an emulator (real SDK, real workload-identity exchange) on a manual clock,
// its HTTP server on a loopback port.
import type { Emulator } from '@aks-scaler/testkit';
import { runScalerPod } from '../../src/index.js';
import { captureJsonLines } from './json-lines.js';
import { type ManualClock, manualClock } from './manual-clock.js';
import { waitUntil } from './wait.js';

/** A pod started by {@link startInProcessPod}. */
export interface InProcessPod {
  /** Resolves with the exit code. */
  readonly run: Promise<number>;
  /** Its JSON log lines so far. */
  readonly lines: Array<Record<string, unknown>>;
  readonly clock: ManualClock;
  /** The HTTP server's port, once it listens. */
  port(): number | undefined;
  /** The summaries (`"event":"finished"`) so far. */
  finished(): Array<Record<string, unknown>>;
  /** Sends a reload request, as SIGHUP does. */
  hup(): void;
  /** Resolves when the loop waits for its next tick with `count` summaries written. */
  reconciled(count?: number): Promise<void>;
  /** Aborts the pod, ends its grace period and resolves with the exit code. */
  stop(): Promise<number>;
}

/** Runs the pod with `env` over the emulator's workload identity; `config` (or its changing `text`) is SCALER_CONFIG. */
export async function startInProcessPod(
  em: Emulator,
  options: { env: NodeJS.ProcessEnv; config?: string | { text: string } },
): Promise<InProcessPod> {
  const { config } = options;
  const clock = manualClock();
  const hups = new Set<() => void>();
  const { stdout, lines } = captureJsonLines();
  const stop = new AbortController();
  let port: number | undefined;
  const run = runScalerPod({
    env: {
      ...(await em.workloadIdentityEnv()),
      SCALER_HTTP_PORT: '0',
      SCALER_HTTP_HOST: '127.0.0.1',
      SCALER_POLL_INTERVAL: '20ms',
      ...options.env,
    },
    stdout,
    signal: stop.signal,
    ca: em.caCert,
    clock,
    ...(config !== undefined && {
      readTextFile: async () => (typeof config === 'string' ? config : config.text),
    }),
    reloadRequests: (listener) => {
      hups.add(listener);
      return { dispose: () => hups.delete(listener) };
    },
    onListening: (p) => {
      port = p;
    },
  });
  const finished = () => lines.filter((line) => line.event === 'finished');
  return {
    run,
    lines,
    clock,
    port: () => port,
    finished,
    hup: () => {
      for (const listener of hups) listener();
    },
    reconciled: async (count = 0) => {
      await waitUntil(() => clock.waiting() > 0 && finished().length >= count, `${count} cluster summaries`);
    },
    stop: async () => {
      stop.abort();
      clock.tick(); // the grace period, should anything still run
      return run;
    },
  };
}
