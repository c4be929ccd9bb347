// Emulators started for a describe block or for each test, closed after it, and the error a failed call throws.
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  type Emulator,
  type EmulatorOptions,
  type KubernetesEmulator,
  startEmulator,
  startKubernetesEmulator,
} from '../src/index.js';
import { armClientFor, trustEmulatorCa } from './emulator-clients.js';

/** An emulator with its CA trusted by `fetch` and the real ARM client pointed at it. */
export interface StartedEmulator {
  emulator: Emulator;
  client: ContainerServiceClient;
}

/** Starts one emulator before the enclosing block's tests and closes it after them. */
export function emulatorForSuite(
  options: EmulatorOptions,
  onStarted: (started: StartedEmulator) => void | Promise<void>,
): void {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(options);
    trustEmulatorCa(emulator);
    await onStarted({ emulator, client: await armClientFor(emulator) });
  });
  afterAll(async () => {
    await emulator?.close();
  });
}

/** A `start(options)` that starts an emulator (defaults first, its CA trusted) closed after the test. */
export function emulatorPerTest(
  defaults: EmulatorOptions = {},
): (options?: EmulatorOptions) => Promise<Emulator> {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  return async (options = {}) => {
    emulator = await startEmulator({ ...defaults, ...options });
    trustEmulatorCa(emulator);
    return emulator;
  };
}

/** A clock the test moves by hand: `nowInMs` is back at the start before each test. */
export interface HandClock {
  nowInMs: number;
}

/** A Kubernetes emulator for the whole file on a hand clock at `startInMs`, emptied before each test, closed after. */
export async function kubernetesEmulatorForFile(
  startInMs: number,
): Promise<{ emulator: KubernetesEmulator; clock: HandClock }> {
  const clock: HandClock = { nowInMs: startInMs };
  const emulator = await startKubernetesEmulator({ clock: { now: () => clock.nowInMs } });
  afterAll(() => emulator.close());
  beforeEach(() => {
    clock.nowInMs = startInMs;
    for (const resource of ['configmaps', 'events', 'leases'] as const) {
      for (const object of emulator.state.list(resource)) {
        emulator.state.delete(resource, object.metadata.namespace, object.metadata.name);
      }
    }
    emulator.faults.clear();
  });
  return { emulator, clock };
}

/** The error a call that must fail throws (its status, code and message); throws if the call succeeds. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { statusCode?: number; code?: string; message: string };
  }
  throw new Error('expected the call to fail');
}
