import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The fields of a package.json that the workspace checks read. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [field: string]: unknown;
}

/** A workspace package: its folder and its manifest. */
export interface WorkspacePackage {
  dir: string;
  manifest: PackageManifest;
}

/** The `packages:` globs of pnpm-workspace.yaml (`dir` or `dir/*`). */
export function workspaceGlobs(text = readFileSync(join(REPO_DIR, 'pnpm-workspace.yaml'), 'utf8')): string[] {
  const block = /^packages:\n((?:[ \t]+-[^\n]*\n?)+)/m.exec(text)?.[1] ?? '';
  return [...block.matchAll(/-\s*['"]?([^'"\n]+?)['"]?\s*$/gm)].map((match) => match[1] as string);
}

/** Every package of the workspace (the root excluded), read from disk. */
export function workspacePackages(): WorkspacePackage[] {
  const dirs = workspaceGlobs().flatMap((glob) => {
    if (!glob.endsWith('/*')) return [join(REPO_DIR, glob)];
    const parent = join(REPO_DIR, glob.slice(0, -2));
    return readdirSync(parent).map((name) => join(parent, name));
  });
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest,
    }));
}
