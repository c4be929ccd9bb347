import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildBundles } from './helpers/bundle.js';

// The end-to-end suites build the shipped bundles into the temp folder; each run must take them away.
describe('the test bundles', () => {
  it('are built into a temp folder of their own that remove() deletes', async () => {
    const bundles = await buildBundles();
    try {
      expect(bundles.dir.startsWith(tmpdir())).toBe(true);
      expect(readdirSync(bundles.dir).sort()).toEqual(['cli.js', 'scaler-pod.js']);
      // What keeps the pod's memory down (see tsup.config.ts): an ASCII-only source, which V8 holds one byte a
      // character; node:http required as CommonJS, not imported (its ES module facade loads Node's fetch);
      // no read of the global FormData (which loads it too); and V8 told to favour memory.
      const pod = await readFile(bundles.pod, 'utf8');
      expect(pod).not.toMatch(/[\u0080-\uffff]/);
      expect(pod).not.toMatch(/\bfrom\s*["']node:http["']/);
      expect(pod).not.toMatch(/\bFormData\b/);
      expect(pod).toContain('setFlagsFromString("--optimize-for-size")');
    } finally {
      await bundles.remove();
    }
    expect(existsSync(bundles.dir)).toBe(false);
  }, 120_000);
});
