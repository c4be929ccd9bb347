import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildBundles } from './helpers/bundle.js';

// The end-to-end suites build the shipped bundles (about 12.5 MB) into the temp folder; each run must take them away.
describe('the test bundles', () => {
  it('are built into a temp folder of their own that remove() deletes', async () => {
    const bundles = await buildBundles();
    expect(bundles.dir.startsWith(tmpdir())).toBe(true);
    expect(readdirSync(bundles.dir).sort()).toEqual(['cli.js', 'scaler-pod.js']);
    await bundles.remove();
    expect(existsSync(bundles.dir)).toBe(false);
  }, 120_000);
});
