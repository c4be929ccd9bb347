import { setFlagsFromString } from 'node:v8';

/**
 * The pod spends nearly all its time waiting, so it asks V8 to favour memory over speed: smaller young-generation
 * spaces, a heap that grows in smaller steps and gives pages back sooner. Without it, a reconcile of many pools
 * lets the heap grow to several times what is live (a long burst of requests makes V8 size the heap for
 * throughput), and the peak memory grows with the number of pools. Called first by the entrypoint (see
 * `favour-memory.ts`), so it applies before anything else runs; a `--optimize-for-size` or `--no-optimize-for-size`
 * given to node (or in NODE_OPTIONS) wins.
 *
 * @returns whether it set the flag.
 */
export function favourMemoryOverSpeed(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
): boolean {
  if ([...execArgv, nodeOptions].some((arg) => /optimize[-_]for[-_]size/.test(arg))) return false;
  setFlagsFromString('--optimize-for-size');
  return true;
}
