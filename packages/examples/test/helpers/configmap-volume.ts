import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A folder laid out as the kubelet mounts a ConfigMap volume, and its updates done the way the kubelet does them. */
export interface ConfigMapVolume {
  /** The mounted folder (`/etc/aks-scaler` in the manifests). */
  readonly dir: string;
  /** The path of one key's file: a symlink through `..data` (what `SCALER_CONFIG` points at). */
  file(name: string): string;
  /**
   * Writes every key into a new timestamped folder, then renames a new `..data` symlink over the old one (one
   * atomic step: a reader sees the old files or the new ones, never a mix), and removes the old folder.
   */
  update(files: Record<string, string>): Promise<void>;
  /** Deletes the folder. */
  remove(): Promise<void>;
}

/**
 * A ConfigMap volume as the kubelet writes it: `..2026_12_01_07_00_00.1234/scaler.yaml` holds the content,
 * `..data -> ..2026_12_01_07_00_00.1234`, and `scaler.yaml -> ..data/scaler.yaml`.
 *
 * @example
 * ```ts
 * const volume = await configMapVolume({ 'scaler.yaml': config });
 * startNode(pod, [], { SCALER_CONFIG: volume.file('scaler.yaml') });
 * await volume.update({ 'scaler.yaml': changed });
 * ```
 */
export async function configMapVolume(files: Record<string, string>): Promise<ConfigMapVolume> {
  const dir = await mkdtemp(join(tmpdir(), 'aks-scaler-configmap-'));
  let generation = 0;
  let current: string | undefined;
  const writeGeneration = async (content: Record<string, string>) => {
    // The kubelet names each generation by its time of writing: ..2026_12_01_07_00_00.1234, then later ones.
    const name = `..2026_12_01_07_${String(generation).padStart(2, '0')}_00.${1234 + generation}`;
    generation += 1;
    await mkdir(join(dir, name));
    for (const [key, text] of Object.entries(content)) await writeFile(join(dir, name, key), text);
    return name;
  };
  current = await writeGeneration(files);
  await symlink(current, join(dir, '..data'));
  for (const key of Object.keys(files)) await symlink(join('..data', key), join(dir, key));
  return {
    dir,
    file: (name) => join(dir, name),
    async update(content) {
      const next = await writeGeneration(content);
      await symlink(next, join(dir, '..data_tmp'));
      await rename(join(dir, '..data_tmp'), join(dir, '..data'));
      if (current !== undefined) await rm(join(dir, current), { recursive: true, force: true });
      current = next;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
