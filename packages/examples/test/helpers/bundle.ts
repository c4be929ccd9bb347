import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Options } from 'tsup';
import configs from '../../tsup.config.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** The two bundles, built from the package's own tsup config into a temp folder with no node_modules around it. */
export interface Bundles {
  /** `scaler-pod.js`. */
  pod: string;
  /** `cli.js`. */
  cli: string;
  /** The folder holding both. */
  dir: string;
  /** Deletes the folder (about 12.5 MB): call it in `afterAll`, so no run leaves bundles in the temp folder. */
  remove(): Promise<void>;
}

/**
 * Builds `scaler-pod.js` and `cli.js` with the package's tsup config into a fresh temp folder (outside the
 * workspace, so nothing can be resolved from node_modules at run time: the files must be self-contained).
 * The caller removes them with `remove()`; a failed build removes its folder itself.
 */
export async function buildBundles(): Promise<Bundles> {
  const dir = await mkdtemp(join(tmpdir(), 'aks-scaler-bundle-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await buildInto(dir);
  } catch (error) {
    await remove();
    throw error;
  }
  return { pod: join(dir, 'scaler-pod.js'), cli: join(dir, 'cli.js'), dir, remove };
}

async function buildInto(dir: string): Promise<void> {
  const list = (Array.isArray(configs) ? configs : [configs]) as Options[];
  const bundles = list.filter((c) => c.noExternal !== undefined);
  for (const config of bundles) {
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
}
