import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Options } from 'tsup';
import configs from '../packages/examples/tsup.config.js';

const packageDir = fileURLToPath(new URL('../packages/examples/', import.meta.url));

/**
 * Builds the shipped bundles (`scaler-pod.js`, `cli.js`) from the current sources with the examples package's own
 * tsup config, into a fresh temp folder with no node_modules around it (they must be self-contained).
 */
export async function buildPodBundles(): Promise<{ pod: string; cli: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'aks-scaler-chaos-'));
  const list = (Array.isArray(configs) ? configs : [configs]) as Options[];
  for (const config of list.filter((c) => c.noExternal !== undefined)) {
    const entry = Object.fromEntries(
      Object.entries(config.entry as Record<string, string>).map(([name, path]) => [
        name,
        join(packageDir, path),
      ]),
    );
    await build({
      ...config,
      entry,
      outDir: dir,
      silent: true,
      config: false,
      tsconfig: join(packageDir, 'tsconfig.json'),
    });
  }
  return { pod: join(dir, 'scaler-pod.js'), cli: join(dir, 'cli.js'), dir };
}
