import { defineConfig, type Options } from 'tsup';
import { embedKubernetesClient } from './scripts/embed-kubernetes-client.js';

// The pod and the CLI are single self-contained files: every dependency (workspace packages from their `src`
// through the `source` condition, and npm packages) is bundled, so `node scaler-pod.js` needs no node_modules.
// CommonJS dependencies get `require`, `__filename` and `__dirname` from the banner.
const banner = [
  '#!/usr/bin/env node',
  "import { createRequire as __aksCreateRequire } from 'node:module';",
  "import { fileURLToPath as __aksFileURLToPath } from 'node:url';",
  "import { dirname as __aksDirname } from 'node:path';",
  'const require = __aksCreateRequire(import.meta.url);',
  'const __filename = __aksFileURLToPath(import.meta.url);',
  'const __dirname = __aksDirname(__filename);',
].join('\n');

const bundle = (name: string, entry: string): Options => ({
  entry: { [name]: entry },
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  noExternal: [/.*/],
  splitting: false,
  sourcemap: false,
  clean: false,
  dts: false,
  banner: { js: banner },
  esbuildPlugins: [embedKubernetesClient()],
  esbuildOptions(options) {
    options.conditions = ['source'];
  },
});

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm'],
    platform: 'node',
    target: 'node22',
    dts: false,
    clean: false,
    sourcemap: true,
    esbuildOptions(options) {
      options.conditions = ['source'];
    },
  },
  bundle('scaler-pod', 'src/pod/main.ts'),
  bundle('cli', 'src/cli/main.ts'),
]);
