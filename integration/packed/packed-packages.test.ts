// The published packages as another service gets them: core, policies and testkit are built and packed
// (`pnpm pack`), installed with npm into a fresh project outside the workspace, and a small service
// (consumer/src) is compiled (ESM under `nodenext` and under `bundler`, a CommonJS file that `require`s them, all
// `strict` with `exactOptionalPropertyTypes`) and run against the emulator of the installed testkit. Slow: it
// builds, packs and installs once, then compiles and runs four times. A failure names its step.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndPack, compile, createProject, install, PUBLISHED, runService } from './steps.js';

const SEEDED = { nodepool1: 1, manualpool2: 5, manualpool3: 5 };
/** What the services check beside the reconcile: a German holiday's count, and a duration from the common entry. */
const CHECKS = { holiday: 0, duration: 5_400_000 };
let packDir: string | undefined;
let project = '';

const compiled = new Map<string, Promise<void>>();
/** Compiles with a tsconfig once, whichever test needs it first. */
function compiledWith(tsconfig: string): Promise<void> {
  if (!compiled.has(tsconfig)) compiled.set(tsconfig, compile(project, tsconfig));
  return compiled.get(tsconfig)!;
}

beforeAll(async () => {
  packDir = await mkdtemp(join(tmpdir(), 'aks-scaler-packs-'));
  const tarballs = await buildAndPack(packDir);
  project = await createProject();
  await install(project, tarballs);
}, 600_000);

afterAll(async () => {
  if (packDir) await rm(packDir, { recursive: true, force: true });
  if (project) await rm(project, { recursive: true, force: true });
});

describe('the packed packages in a fresh project', () => {
  it.each(PUBLISHED)(
    '%s: the installed manifest has no source condition, no workspace ranges and no src',
    async (name) => {
      const dir = join(project, 'node_modules', ...name.split('/'));
      const text = await readFile(join(dir, 'package.json'), 'utf8');
      const manifest = JSON.parse(text) as {
        exports: Record<string, unknown>;
        dependencies: Record<string, string>;
        publishConfig?: unknown;
      };
      expect(text).not.toContain('"source"');
      expect(text).not.toContain('workspace:');
      expect(text).not.toContain('./src/');
      expect(manifest.publishConfig).toBeUndefined();
      for (const [dependency, range] of Object.entries(manifest.dependencies)) {
        if (dependency.startsWith('@aks-scaler/')) expect(range, dependency).toBe('^0.1.0');
        else if (dependency !== '@types/node') expect(range, dependency).toMatch(/^\^/);
      }
      await expect(readFile(join(dir, 'src', 'index.ts'))).rejects.toThrow(/ENOENT/);
    },
  );

  it('compiles the ESM service under nodenext and runs it: the seed is reconciled', async () => {
    await compiledWith('tsconfig.nodenext.json');
    expect(await runService(project, 'out/nodenext/service.js')).toEqual({
      ok: true,
      counts: SEEDED,
      checks: CHECKS,
    });
  }, 180_000);

  it('compiles the ESM service under bundler resolution and runs it', async () => {
    await compiledWith('tsconfig.bundler.json');
    expect(await runService(project, 'out/bundler/service.js')).toEqual({
      ok: true,
      counts: SEEDED,
      checks: CHECKS,
    });
  }, 180_000);

  it('require()s core, its common and errors subpaths, policies, its node-pools-amount entry, the JSON schema and testkit from CommonJS', async () => {
    await compiledWith('tsconfig.nodenext.json');
    expect(await runService(project, 'out/nodenext/service.cjs')).toEqual({
      ok: true,
      counts: SEEDED,
      checks: { configError: 'CONFIG', schema: 'object', ...CHECKS },
    });
  }, 180_000);

  it('runs with --conditions=source, the condition tsx, vite and vitest use, from the built files', async () => {
    await compiledWith('tsconfig.nodenext.json');
    expect(await runService(project, 'out/nodenext/service.js', ['--conditions=source'])).toEqual({
      ok: true,
      counts: SEEDED,
      checks: CHECKS,
    });
  }, 180_000);
});
