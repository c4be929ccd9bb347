/** The file name the packed module's code runs under (in stack traces). */
export const PACKED_MODULE_FILENAME = 'aks-scaler-kubernetes-client.cjs';

/**
 * Loads a CommonJS module the bundle carries as brotli-compressed, base64-encoded text (the Kubernetes client,
 * about 2 MB minified): expanded and compiled only when called, so a pod that never calls it never pays for it.
 * Compiled as a function rather than imported from a data: URL, which would keep several copies of the code.
 */
export async function loadPackedModule(packed: string): Promise<unknown> {
  const [{ brotliDecompressSync }, { compileFunction }, { createRequire }] = await Promise.all([
    import('node:zlib'),
    import('node:vm'),
    import('node:module'),
  ]);
  const code = brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8');
  const run = compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], {
    filename: PACKED_MODULE_FILENAME,
  });
  const module: { exports: unknown } = { exports: {} };
  // Everything but Node's built-ins is inside the code: `require` resolves only those.
  run(module.exports, createRequire(import.meta.url), module, PACKED_MODULE_FILENAME, '.');
  return module.exports;
}
