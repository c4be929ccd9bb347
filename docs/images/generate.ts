// Generates the guides' images: `pnpm exec tsx --conditions=source docs/images/generate.ts`.
// images.test.ts checks that the committed files equal what this produces.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@aks-scaler/examples';
import { identityFlowSvg } from './identity-flow.js';
import { leadTimeSvg } from './lead-time.js';

const IMAGES_DIR = dirname(fileURLToPath(import.meta.url));
const CONFIG = join(IMAGES_DIR, '..', 'examples', 'scaler-config.yaml');

/** The arguments of the preview chart: Christmas week 2026, in Berlin time. */
export const PREVIEW_ARGS = [
  'preview',
  '--config',
  'docs/examples/scaler-config.yaml',
  '--from',
  '2026-12-21T00:00:00+01:00',
  '--days',
  '7',
  '--step',
  '15m',
  '--timezone',
  'Europe/Berlin',
];

/** Runs `aks-scaler preview` and returns the SVG it writes. */
export async function previewSvg(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'aks-scaler-docs-'));
  try {
    const out = join(folder, 'preview.svg');
    let output = '';
    const sink = {
      write: (chunk: string) => {
        output += chunk;
      },
    };
    const args = PREVIEW_ARGS.map((arg) => (arg === 'docs/examples/scaler-config.yaml' ? CONFIG : arg));
    const code = await runCli([...args, '--out', out], {
      stdout: sink,
      stderr: sink,
      env: {},
      signal: new AbortController().signal,
    });
    if (code !== 0) throw new Error(`aks-scaler ${args.join(' ')} exited ${code}:\n${output}`);
    return await readFile(out, 'utf8');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Every image of the guides: file name -> content. */
export async function generateImages(): Promise<Record<string, string>> {
  return {
    'preview.svg': await previewSvg(),
    'identity-flow.svg': identityFlowSvg(),
    'lead-time.svg': await leadTimeSvg(),
  };
}

/** The images folder. */
export const IMAGES = IMAGES_DIR;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, content] of Object.entries(await generateImages())) {
    await writeFile(join(IMAGES_DIR, name), content);
    console.log(`wrote docs/images/${name}`);
  }
}
