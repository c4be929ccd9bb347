// The committed images are what generate.ts produces, so they cannot drift from the CLI or the flow they show.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateImages, IMAGES } from './generate.js';

describe('docs/images', () => {
  it('equal what `pnpm exec tsx --conditions=source docs/images/generate.ts` writes', async () => {
    const images = await generateImages();
    expect(Object.keys(images).sort()).toEqual(['identity-flow.svg', 'lead-time.svg', 'preview.svg']);
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

  it('show lead time as the schedule computes it: early with a lead, late without, down on time in both', async () => {
    const lead = (await generateImages())['lead-time.svg'] ?? '';
    // Without a lead the 6-minute scale-up starts at 07:30 and lands at 07:36; with 6m it starts at 07:24.
    expect(lead).toContain('>starts 07:30, in place 07:36</text>');
    expect(lead).toContain('>starts 07:24, in place 07:30</text>');
    expect(lead.match(/>down at 20:30<\/text>/g)).toHaveLength(2);
  });
});
