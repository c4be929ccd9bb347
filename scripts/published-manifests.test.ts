// What the published packages' package.json files promise to a consumer: `import` and `require` of every entry,
// no `source` condition in the packed manifest (its ./src is not in the tarball), ranges that share dependencies
// with the consumer's, Node's types for the declarations, and where the code and the issues are.
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR, workspacePackages } from './workspace-packages.js';

const REPO_URL = 'https://github.com/aks-scaler/aks-scaler';
const published = workspacePackages().filter((p) => !p.manifest.private);

type Conditions = Record<string, string>;

function entries(exports: unknown): Array<[string, Conditions | string]> {
  return Object.entries(exports as Record<string, Conditions | string>);
}

describe('the published packages', () => {
  it('are core, policies and testkit', () => {
    expect(published.map((p) => p.manifest.name).sort()).toEqual([
      '@aks-scaler/core',
      '@aks-scaler/policies',
      '@aks-scaler/testkit',
    ]);
  });

  describe.each(published.map((p) => [p.manifest.name, p] as const))('%s', (_, { dir, manifest }) => {
    it('exports every entry with types first and a default condition, so require() of the ESM build works', () => {
      for (const [subpath, target] of entries(manifest.exports)) {
        if (typeof target === 'string') continue; // a plain file such as the JSON schema
        const conditions = Object.keys(target).filter((c) => c !== 'source');
        expect(conditions, subpath).toEqual(['types', 'default']);
        expect(target.default, subpath).toMatch(/^\.\/dist\/.+\.js$/);
      }
    });

    it('publishes the same exports without the source condition', () => {
      const withoutSource = Object.fromEntries(
        entries(manifest.exports).map(([subpath, target]) => [
          subpath,
          typeof target === 'string'
            ? target
            : Object.fromEntries(Object.entries(target).filter(([condition]) => condition !== 'source')),
        ]),
      );
      const publishConfig = manifest.publishConfig as { exports?: unknown } | undefined;
      expect(publishConfig?.exports).toEqual(withoutSource);
      expect(JSON.stringify(publishConfig?.exports)).not.toContain('source');
    });

    it('depends on caret ranges (workspace packages as workspace:^), and on Node types for its declarations', () => {
      const dependencies = manifest.dependencies ?? {};
      for (const [name, range] of Object.entries(dependencies)) {
        if (name === '@types/node') expect(range).toBe('>=22');
        else if (name.startsWith('@aks-scaler/')) expect(range, name).toBe('workspace:^');
        else expect(range, name).toMatch(/^\^\d+\.\d+\.\d+$/);
      }
      expect(dependencies['@types/node']).toBeDefined();
    });

    it('says where its code, its page and its issues are', () => {
      expect(manifest.repository).toEqual({
        type: 'git',
        url: `git+${REPO_URL}.git`,
        directory: relative(REPO_DIR, dir),
      });
      expect(manifest.homepage).toBe(`${REPO_URL}/tree/main/${relative(REPO_DIR, dir)}#readme`);
      expect(manifest.bugs).toEqual({ url: `${REPO_URL}/issues` });
    });
  });
});
