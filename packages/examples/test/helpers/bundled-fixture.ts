// The bundles a test file runs as child processes, built before its tests and removed after, with a scratch folder;
// after each test its children are killed and what it started is closed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, type EmulatorOptions, startEmulator } from '@aks-scaler/testkit';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Bundles, buildBundles } from './bundle.js';
import { killAll } from './processes.js';

/** What {@link bundledFixture} gives the tests of a file. */
export interface BundledFixture {
  /** `scaler-pod.js`. */
  readonly pod: string;
  /** `cli.js`. */
  readonly cli: string;
  /** A folder for the file's configs and tokens (with `scratchPrefix`), removed after its tests. */
  readonly scratch: string;
  /** Closes `resource` after this test, once its child processes are killed. */
  closeAfterTest<T extends { close(): Promise<void> }>(resource: T): T;
  /** Starts an ARM emulator closed after this test. */
  startEmulator(options?: EmulatorOptions): Promise<Emulator>;
}

/** Builds the bundles (and a scratch folder named from `scratchPrefix`) for the test file that calls it. */
export function bundledFixture(
  options: { scratchPrefix?: string; afterEachTest?: () => Promise<void> } = {},
): BundledFixture {
  let bundles: Bundles | undefined;
  let scratch: string | undefined;
  const closing: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    bundles = await buildBundles();
    if (options.scratchPrefix) scratch = await mkdtemp(join(tmpdir(), options.scratchPrefix));
  }, 120_000);
  afterAll(async () => {
    await bundles?.remove();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });
  afterEach(async () => {
    killAll();
    for (const resource of closing.splice(0)) await resource.close();
    await options.afterEachTest?.();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is made before the tests (beforeAll)`);
    return value;
  };
  const closeAfterTest = <T extends { close(): Promise<void> }>(resource: T): T => {
    closing.push(resource);
    return resource;
  };
  return {
    get pod() {
      return ready(bundles, 'the bundles').pod;
    },
    get cli() {
      return ready(bundles, 'the bundles').cli;
    },
    get scratch() {
      return ready(scratch, 'the scratch folder (scratchPrefix)');
    },
    closeAfterTest,
    startEmulator: async (emulatorOptions) => closeAfterTest(await startEmulator(emulatorOptions)),
  };
}
