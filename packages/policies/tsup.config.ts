import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/node-pools-amount-entry.ts'],
  format: ['esm'],
  // The declarations use Node's types (Buffer, AbortSignal, http.Agent...), which consumers get from the
  // @types/node dependency: the reference makes TypeScript load them whatever the consumer's `types` setting.
  dts: { banner: '/// <reference types="node" />' },
  // date-holidays is loaded with `require` when a schedule first names holidays (see src/holiday-module.ts): in
  // this ES module that is Node's, made here, so the bundled `require` call finds the installed package.
  banner: {
    js: "import { createRequire as __aksCreateRequire } from 'node:module';\nconst require = __aksCreateRequire(import.meta.url);",
  },
  clean: true,
  sourcemap: true,
  target: 'node22',
});
