// The bundles a test file runs as child processes, built before its tests and removed after, with a scratch folder;
// after each test its children are killed and what it started is closed.
import { afterAll, beforeAll } from 'vitest';
import { type Bundles, buildBundles } from './bundle.js';
import { killAll } from './processes.js';
import { type ScratchFixture, type ScratchFixtureOptions, scratchFixture } from './scratch-fixture.js';

/** What {@link bundledFixture} gives the tests of a file. */
export interface BundledFixture extends ScratchFixture {
  /** `scaler-pod.js`. */
  readonly pod: string;
  /** `cli.js`. */
  readonly cli: string;
}

/** Builds the bundles (and a scratch folder named from `scratchPrefix`) for the test file that calls it. */
export function bundledFixture(options: Omit<ScratchFixtureOptions, 'beforeClose'> = {}): BundledFixture {
  let bundles: Bundles | undefined;
  beforeAll(async () => {
    bundles = await buildBundles();
  }, 120_000);
  afterAll(async () => {
    await bundles?.remove();
  });
  const files = scratchFixture({ ...options, beforeClose: killAll });
  const built = (): Bundles => {
    if (bundles === undefined) throw new Error('the bundles are built before the tests (beforeAll)');
    return bundles;
  };
  return {
    get pod() {
      return built().pod;
    },
    get cli() {
      return built().cli;
    },
    get scratch() {
      return files.scratch;
    },
    closeAfterTest: files.closeAfterTest,
    startEmulator: files.startEmulator,
  };
}
