import {
  type Emulator,
  type EmulatorClusterSpec,
  type EmulatorPoolSpec,
  type KubernetesEmulator,
  startEmulator,
  startKubernetesEmulator,
} from '@aks-scaler/testkit';
import { afterEach } from 'vitest';
import { runScalerPod } from '../../src/index.js';
import { KUBERNETES_CALL_TIMEOUT_IN_MS } from '../../src/pod/kubernetes/kubernetes-session.js';
import { demoCluster } from './demo-cluster.js';
import { captureJsonLines } from './json-lines.js';
import { type VirtualClock, virtualClock } from './virtual-clock.js';
import { waitUntil } from './wait.js';

/** The instant the pods of these tests start at (by their virtual clock). */
export const START = '2026-12-01T07:30:00.000Z';

/** The emulators a pod test runs against. */
export interface PodEmulators {
  arm: Emulator;
  kubernetes: KubernetesEmulator;
}

/** What the ARM emulator serves (the demo cluster with `pools`, or `clusters`) and the Kubernetes namespaces. */
export interface PodEmulatorsOptions {
  pools?: EmulatorPoolSpec[];
  clusters?: EmulatorClusterSpec[];
  namespaces?: string[];
}

/**
 * A `start(options)` for the ARM emulator (5 ms operations) and the Kubernetes emulator (its clock at {@link START}),
 * both closed after each test.
 */
export function podEmulatorsPerTest(): (options?: PodEmulatorsOptions) => Promise<PodEmulators> {
  const running: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const emulator of running.splice(0)) await emulator.close();
  });
  return async (options = {}) => {
    const arm = await startEmulator({
      operationDurationInMs: 5,
      clusters: options.clusters ?? [demoCluster(options.pools ?? [])],
    });
    running.push(arm);
    const kubernetes = await startKubernetesEmulator({
      clock: { now: () => Date.parse(START) },
      ...(options.namespaces && { namespaces: options.namespaces }),
    });
    running.push(kubernetes);
    return { arm, kubernetes };
  };
}

/** A pod running in this process against both emulators. */
export interface PodRun {
  /** Resolves with the exit code. */
  readonly done: Promise<number>;
  /** Its JSON log lines so far. */
  readonly lines: Array<Record<string, unknown>>;
  readonly clock: VirtualClock;
  /** The HTTP server's base URL (loop mode). */
  base(): string;
  /** The summaries (`"event":"finished"`) so far, without the log's own time. */
  summaries(): Array<Record<string, unknown>>;
  /** Resolves once the loop waits for its next tick (the reconcile before it has finished). */
  reconciled(count: number): Promise<void>;
  /** Resolves once `check` holds and no Kubernetes call is waiting for its answer (its timeout is not running). */
  settled(check: () => boolean, what: string): Promise<void>;
  /** Asks the loop to stop (SIGTERM) and resolves with the exit code. */
  stop(): Promise<number>;
}

/** Options of {@link startPod}. */
export interface StartPodOptions {
  arm: Emulator;
  /** The environment besides the emulator's workload-identity variables. */
  env: NodeJS.ProcessEnv;
  /** The config file's text, when `SCALER_CONFIG` is set. */
  config?: string;
  /** Reads `SCALER_CONFIG` (instead of `config`), e.g. to change it between reconciles. */
  readTextFile?: (path: string) => Promise<string>;
  /** The clock. @default a virtual clock at {@link START} */
  clock?: VirtualClock;
}

/** Runs the pod in process (`once` unless `SCALER_MODE` says otherwise) with a virtual clock. */
export async function startPod(options: StartPodOptions): Promise<PodRun> {
  const clock = options.clock ?? virtualClock(Date.parse(START));
  const { stdout, lines } = captureJsonLines();
  const stop = new AbortController();
  let port: number | undefined;
  const done = runScalerPod({
    env: { ...(await options.arm.workloadIdentityEnv()), SCALER_POLL_INTERVAL: '20ms', ...options.env },
    stdout,
    ca: options.arm.caCert,
    clock,
    signal: stop.signal,
    ...(options.config !== undefined && { readTextFile: async () => options.config! }),
    ...(options.readTextFile !== undefined && { readTextFile: options.readTextFile }),
    onListening: (p) => {
      port = p;
    },
  });
  const summaries = () =>
    lines.filter((line) => line.event === 'finished').map(({ time: _time, ...rest }) => rest);
  return {
    done,
    lines,
    clock,
    base: () => `http://127.0.0.1:${port}`,
    summaries,
    reconciled: async (count) => {
      await waitUntil(
        () => summaries().length >= count && clock.pending().includes(60_000),
        `reconcile ${count} to finish`,
      );
    },
    settled: async (check, what) => {
      await waitUntil(() => check() && !clock.pending().includes(KUBERNETES_CALL_TIMEOUT_IN_MS), what);
    },
    stop: async () => {
      stop.abort();
      return done;
    },
  };
}

/**
 * The Kubernetes emulator's requests by the scaler for its status ConfigMap and Events, as `verb resource name
 * status` (no name for Events); its leader election's Lease calls are {@link leaseRequests}.
 */
export function scalerRequests(kubernetes: KubernetesEmulator, identity = 'kubernetes-admin'): string[] {
  return kubernetes.requests
    .filter((request) => request.identity === identity && request.resource !== 'leases')
    .map(
      (request) =>
        `${request.verb} ${request.resource}${request.name && request.resource !== 'events' ? ` ${request.name}` : ''} ${request.status}`,
    );
}

/** The leader election's Lease calls, as `verb status`. */
export function leaseRequests(kubernetes: KubernetesEmulator, identity = 'kubernetes-admin'): string[] {
  return kubernetes.requests
    .filter((request) => request.identity === identity && request.resource === 'leases')
    .map((request) => `${request.verb} ${request.status}`);
}
