// The workspace's packages form a graph without cycles, so `pnpm -r run build` has one order and warns about
// nothing: a package's tests that need a package depending on it live in a package that may depend on both
// (integration/), never in a devDependency back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR, workspacePackages } from './workspace-packages.js';

/** Every cycle of workspace dependencies (dependencies and devDependencies), as `a -> b -> a`. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const visit = (name: string, path: string[]) => {
    for (const next of graph.get(name) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) found.push([...path.slice(at), next].join(' -> '));
      else visit(next, [...path, next]);
    }
  };
  for (const name of graph.keys()) visit(name, [name]);
  return [...new Set(found)];
}

describe('the workspace graph', () => {
  const packages = workspacePackages();
  const names = new Set(packages.map((p) => p.manifest.name));
  const graph = new Map(
    packages.map(({ manifest }) => [
      manifest.name,
      Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((dep) => names.has(dep)),
    ]),
  );

  it('finds the published packages and their edges', () => {
    expect(graph.get('@aks-scaler/testkit')).toContain('@aks-scaler/core');
    expect(graph.get('@aks-scaler/policies')).toContain('@aks-scaler/core');
  });

  it('has no cycle, not even through a devDependency', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('does not hide cycles with ignoreWorkspaceCycles', () => {
    const settings = readFileSync(join(REPO_DIR, 'pnpm-workspace.yaml'), 'utf8');
    expect(settings).not.toMatch(/^ignoreWorkspaceCycles:/m);
  });

  it('detects a cycle when there is one', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
        ]),
      ),
    ).toContain('a -> b -> a');
  });
});
