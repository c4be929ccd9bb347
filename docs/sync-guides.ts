// Rewrites the generated parts of every guide (included example files, example outputs):
// pnpm exec tsx --conditions=source docs/sync-guides.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fromRepo, guideFiles, syncGuide } from './guide-blocks.js';

for (const file of guideFiles()) {
  const text = readFileSync(file, 'utf8');
  const synced = await syncGuide(text);
  if (synced !== text) {
    writeFileSync(file, synced);
    console.log(`updated ${fromRepo(file)}`);
  }
}
