// A scratch folder for a test file's configs and tokens, removed after its tests, and the emulators (or anything
// else with `close()`) a test starts, closed after it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, type EmulatorOptions, startEmulator } from '@aks-scaler/testkit';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** What {@link scratchFixture} gives the tests of a file. */
export interface ScratchFixture {
  /** A folder for the file's configs and tokens (with `scratchPrefix`), removed after its tests. */
  readonly scratch: string;
  /** Closes `resource` after this test. */
  closeAfterTest<T extends { close(): Promise<void> }>(resource: T): T;
  /** Starts an ARM emulator closed after this test. */
  startEmulator(options?: EmulatorOptions): Promise<Emulator>;
}

/** Options of {@link scratchFixture}. */
export interface ScratchFixtureOptions {
  /** Makes {@link ScratchFixture.scratch}, a folder named from this prefix in the temp folder. */
  scratchPrefix?: string;
  /** Runs after each test before anything is closed (e.g. to kill child processes). */
  beforeClose?: () => void;
  /** Runs after each test once everything is closed. */
  afterEachTest?: () => Promise<void>;
}

/** Registers the file's scratch folder and the after-test closing for the test file that calls it. */
export function scratchFixture(options: ScratchFixtureOptions = {}): ScratchFixture {
  let scratch: string | undefined;
  const closing: Array<{ close(): Promise<void> }> = [];
  if (options.scratchPrefix) {
    const prefix = options.scratchPrefix;
    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), prefix));
    });
    afterAll(async () => {
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });
  }
  afterEach(async () => {
    options.beforeClose?.();
    for (const resource of closing.splice(0)) await resource.close();
    await options.afterEachTest?.();
  });
  const closeAfterTest = <T extends { close(): Promise<void> }>(resource: T): T => {
    closing.push(resource);
    return resource;
  };
  return {
    get scratch() {
      if (scratch === undefined)
        throw new Error('the scratch folder is made before the tests (scratchPrefix)');
      return scratch;
    },
    closeAfterTest,
    startEmulator: async (emulatorOptions) => closeAfterTest(await startEmulator(emulatorOptions)),
  };
}
