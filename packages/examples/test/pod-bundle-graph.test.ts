import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import configs from '../tsup.config.js';

// The pod bundle's module graph, from esbuild's metafile: what `node scaler-pod.js` evaluates at start is what its
// entry reaches through static imports. None of the Kubernetes code may be among it (it comes by dynamic import,
// when SCALER_KUBERNETES turns it on), and @kubernetes/client-node is not bundled as code at all: only compressed.
// Nor may zod: NODE_POOLS_AMOUNT needs only its own parser, and the config's schemas load only for SCALER_CONFIG.
const packageDir = fileURLToPath(new URL('..', import.meta.url));
let outDir: string;
let inputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }> }>;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'aks-scaler-graph-'));
  const pod = (configs as Options[]).find(
    (config) => 'scaler-pod' in ((config.entry as Record<string, string>) ?? {}),
  )!;
  await build({
    ...pod,
    entry: { 'scaler-pod': join(packageDir, 'src/pod/main.ts') },
    outDir,
    metafile: true,
    silent: true,
    config: false,
    tsconfig: join(packageDir, 'tsconfig.json'),
  });
  const metafile = (await readdir(outDir)).find((name) => name.startsWith('metafile'))!;
  inputs = JSON.parse(await readFile(join(outDir, metafile), 'utf8')).inputs;
}, 120_000);
afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Every input the entry reaches without a dynamic import: what runs at start. */
function staticallyReached(): Set<string> {
  const entry = Object.keys(inputs).find((path) => path.endsWith('src/pod/main.ts'))!;
  const reached = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const edge of inputs[queue.pop()!]?.imports ?? []) {
      if (edge.kind === 'dynamic-import' || edge.external || reached.has(edge.path)) continue;
      reached.add(edge.path);
      queue.push(edge.path);
    }
  }
  return reached;
}

describe('the pod bundle', () => {
  it('reaches no Kubernetes code at start: the Kubernetes sink and client come by dynamic import only', () => {
    const reached = [...staticallyReached()];
    // The graph is real: the pod's own modules are there.
    expect(reached.some((path) => path.endsWith('src/pod/run-scaler-pod.ts'))).toBe(true);
    expect(reached.some((path) => path.endsWith('src/pod/pod-sinks.ts'))).toBe(true);
    expect(reached.filter((path) => path.includes('/pod/kubernetes/'))).toEqual([]);
    expect(reached.filter((path) => path.includes('@kubernetes/client-node'))).toEqual([]);
    // The sink is in the bundle, behind a dynamic import.
    const sinks = Object.entries(inputs).find(([path]) => path.endsWith('src/pod/pod-sinks.ts'))![1];
    expect(sinks.imports).toContainEqual(
      expect.objectContaining({
        kind: 'dynamic-import',
        path: expect.stringContaining('kubernetes-sink.ts'),
      }),
    );
  });

  it('carries @kubernetes/client-node only compressed, never as modules of its own', () => {
    expect(Object.keys(inputs).filter((path) => path.includes('@kubernetes/client-node'))).toEqual([]);
    expect(Object.keys(inputs).filter((path) => path.startsWith('packed-kubernetes-client:'))).toHaveLength(
      1,
    );
  });

  it('reaches no zod at start: NODE_POOLS_AMOUNT and its static policy need no schema library', () => {
    const reached = [...staticallyReached()];
    expect(reached.some((path) => path.endsWith('policies/src/node-pools-amount-policy.ts'))).toBe(true);
    expect(reached.some((path) => path.endsWith('policies/src/pool-target-decision.ts'))).toBe(true);
    expect(reached.filter((path) => path.includes('/node_modules/zod/'))).toEqual([]);
    expect(reached.filter((path) => path.endsWith('policies/src/pool-target.ts'))).toEqual([]);
    // zod is in the bundle, for SCALER_CONFIG, behind a dynamic import.
    expect(Object.keys(inputs).some((path) => path.includes('/node_modules/zod/'))).toBe(true);
  });
});
