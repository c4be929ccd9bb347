import { defineConfig, type Options } from 'tsup';
import { embedKubernetesClient } from './scripts/embed-kubernetes-client.js';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

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

/**
 * `import ... from 'node:http'` makes Node build an ES module facade of `node:http`, which reads every export, and
 * a few of them are getters that load Node's bundled fetch implementation (undici, about 6 MB of memory) that the
 * scaler never uses. Bundled as a `require` of the builtin instead, `node:http` loads as it does for CommonJS code.
 */
const httpAsRequire: Plugin = {
  name: 'node-http-as-require',
  setup(build) {
    build.onResolve({ filter: /^(node:)?http$/ }, (args) =>
      args.namespace === 'http-as-require'
        ? { path: 'node:http', external: true }
        : { path: 'node:http', namespace: 'http-as-require' },
    );
    build.onLoad({ filter: /.*/, namespace: 'http-as-require' }, () => ({
      contents: "module.exports = require('node:http');",
      loader: 'js',
    }));
  },
};

/**
 * esbuild escapes non-ASCII characters everywhere but in regular expressions (one dependency has curly quotes in
 * one); a single one would make V8 hold the whole bundle as a two-byte string. Escaped after the build, `\uXXXX`
 * means the same character in a regular expression, with or without the `u` flag.
 */
const asciiOnly: NonNullable<Options['plugins']>[number] = {
  name: 'ascii-only',
  renderChunk(code) {
    return {
      code: code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    };
  },
};

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
  plugins: [asciiOnly],
  // Builtins keep their `node:` prefix, so the plugin below sees every import of `node:http`.
  removeNodeProtocol: false,
  esbuildPlugins: [embedKubernetesClient(), httpAsRequire],
  esbuildOptions(options) {
    options.conditions = ['source'];
    // Node keeps the whole source of the bundle in memory while the process runs: without comments and whitespace,
    // and ASCII only (non-ASCII escaped) so V8 holds it as a one-byte string, it takes a fifth of the room.
    // Identifiers are kept, so names in errors and stack traces stay readable.
    options.charset = 'ascii';
    options.minifyWhitespace = true;
    options.minifySyntax = true;
    // The Azure SDK checks every request body with `typeof FormData !== 'undefined' && body instanceof FormData`.
    // Node's global FormData is a lazy property that loads its bundled fetch implementation (undici, about 6 MB of
    // memory) when first read; ARM and Entra requests never carry form data, so the bundle reads it as undefined.
    options.define = { ...options.define, FormData: 'undefined' };
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
