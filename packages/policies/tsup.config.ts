import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/node-pools-amount-entry.ts'],
  format: ['esm'],
  // The declarations use Node's types (Buffer, AbortSignal, http.Agent...), which consumers get from the
  // @types/node dependency: the reference makes TypeScript load them whatever the consumer's `types` setting.
  dts: { banner: '/// <reference types="node" />' },
  clean: true,
  sourcemap: true,
  target: 'node22',
});
