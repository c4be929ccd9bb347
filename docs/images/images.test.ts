// The committed images are what generate.ts produces, so they cannot drift from the CLI or the flow they show.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateImages, IMAGES } from './generate.js';

describe('docs/images', () => {
  it('equal what `pnpm exec tsx --conditions=source docs/images/generate.ts` writes', async () => {
    const images = await generateImages();
    expect(Object.keys(images).sort()).toEqual(['identity-flow.svg', 'preview.svg']);
    for (const [name, content] of Object.entries(images)) {
      const committed = readFileSync(join(IMAGES, name), 'utf8');
      expect(committed, `docs/images/${name} is stale: run the generator`).toBe(content);
    }
  });

  it('show what they claim: a week of two pools, and the eight steps of the identity flow', async () => {
    const images = await generateImages();
    const preview = images['preview.svg'] ?? '';
    expect(preview).toContain('Mon, 21 Dec 2026, 00:00 to Mon, 28 Dec 2026, 00:00 (Europe/Berlin)');
    expect(preview.match(/<path /g)).toHaveLength(2);
    const flow = images['identity-flow.svg'] ?? '';
    for (const step of [1, 2, 3, 4, 5, 6, 7, 8]) expect(flow).toContain(`>${step}. `);
    expect(flow).toContain('If-Match');
  });
});
