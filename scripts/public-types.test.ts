// Under `exactOptionalPropertyTypes`, `ca?: string | Buffer` rejects `{ ca: undefined }`, which a consumer writes
// when it forwards its own optional settings. Every optional property of the published packages' public types
// accepts `undefined` explicitly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strictOptionalProperties } from './public-types.js';
import { REPO_DIR } from './workspace-packages.js';

describe('the public types of core, policies and testkit', () => {
  it('accept an explicit undefined on every optional property', () => {
    expect(strictOptionalProperties()).toEqual([]);
  }, 60_000);

  it('are checked through nested literals, referenced types, functions and classes, not through private members', () => {
    // Inside the repository, so the base tsconfig's settings and Node's types resolve as for the packages.
    const dir = mkdtempSync(join(REPO_DIR, 'scripts', '.public-types-'));
    try {
      const entry = join(dir, 'index.ts');
      writeFileSync(
        entry,
        [
          'interface Inner { deep?: number }',
          'interface Settings { fine?: string | undefined; loose?: unknown; nested?: { inner?: Inner | undefined } | undefined }',
          'export interface Options { strict?: string; onEvent?: (value: string) => void; settings?: Settings | undefined }',
          'export function run(options: { flag?: boolean }): void { const local: { hidden?: string } = {}; void local; void options; }',
          'export class Thing { constructor(readonly spec: { size?: number }) {} private secret(_: { gone?: number }) {} }',
        ].join('\n'),
      );
      const found = strictOptionalProperties({ entries: [entry], sourceDir: dir });
      expect(found.map((f) => `${f.property}: ${f.type}`).sort()).toEqual([
        'Inner.deep: number',
        'Options.onEvent: (value: string) => void',
        'Options.strict: string',
        'Thing.size: number',
        'run.flag: boolean',
      ]);
      expect(found.find((f) => f.property === 'Options.strict')?.where).toBe('index.ts:3');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
