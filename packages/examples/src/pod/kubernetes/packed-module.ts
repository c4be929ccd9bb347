/**
 * Imports an ES module the bundle carries as brotli-compressed, base64-encoded text (the Kubernetes client, about
 * 2 MB minified): expanded and compiled only when called, so a pod that never calls it never pays for it.
 */
export async function importPackedModule(packed: string): Promise<unknown> {
  const { brotliDecompressSync } = await import('node:zlib');
  const code = brotliDecompressSync(Buffer.from(packed, 'base64'));
  return import(`data:text/javascript;base64,${code.toString('base64')}`);
}
