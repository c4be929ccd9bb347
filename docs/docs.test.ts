// Keeps the code in the guides honest: included example files are in sync, example outputs are what the code
// prints today, and every other ```ts block of docs/*.md and packages/*/README.md typechecks with the repository's
// settings. Failures name the guide, line and column.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  codeBlocks,
  DOCS_DIR,
  expectedPart,
  fromRepo,
  generatedParts,
  guideFiles,
  REPO_DIR,
} from './guide-blocks.js';

/** The repository's address: links that start with it point into this checkout. */
const REPO_URL = 'https://github.com/aks-scaler/aks-scaler/';

import { typecheckBlocks } from './typecheck-blocks.js';

const guides = guideFiles().map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const exampleFiles = readdirSync(join(DOCS_DIR, 'examples'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(DOCS_DIR, 'examples', name));

describe('the guides', () => {
  it('are the guides of docs/ and the package READMEs', () => {
    const names = guides.map((guide) => fromRepo(guide.file));
    for (const expected of [
      'docs/README.md',
      'docs/policies.md',
      'docs/writing-a-policy.md',
      'docs/library.md',
      'docs/emulator.md',
      'packages/core/README.md',
      'packages/policies/README.md',
      'packages/testkit/README.md',
      'packages/examples/README.md',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(guides.map((guide) => [fromRepo(guide.file), guide.text]))(
    '%s: included examples and outputs are up to date',
    async (name, text) => {
      for (const part of generatedParts(text)) {
        const expected = await expectedPart(part);
        expect(
          part.current,
          `${name}:${part.line} <!-- ${part.kind}: ${part.target} --> is stale: run pnpm exec tsx --conditions=source docs/sync-guides.ts`,
        ).toBe(expected);
      }
    },
  );

  it('typecheck: every ```ts block outside an include, and every example file', () => {
    const blocks = guides.flatMap((guide) =>
      codeBlocks(guide.file, guide.text).filter((block) => block.lang === 'ts' && !block.include),
    );
    expect(blocks.length).toBeGreaterThan(5);
    // A deliberately broken block proves that errors are found and located in the guide (one program, one run).
    const broken = {
      file: join(DOCS_DIR, 'broken.md'),
      line: 10,
      lang: 'ts',
      code: "import { staticPolicy } from '@aks-scaler/policies';\n\nstaticPolicy('five');",
    };
    const errors = typecheckBlocks([...blocks, broken], exampleFiles);
    expect(errors.map((error) => `${error.where}: ${error.message.split('\n')[0]}`)).toEqual([
      "docs/broken.md:12:14: Argument of type 'string' is not assignable to parameter of type 'Record<string, PoolTarget>'.",
    ]);
  });

  it('link only to files that exist (links into the repository by URL too)', () => {
    const missing: string[] = [];
    for (const { file, text } of guides) {
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const inRepo = (target as string).startsWith(REPO_URL);
        if (!inRepo && /^[a-z]+:/.test(target as string)) continue;
        const path = inRepo
          ? join(REPO_DIR, (target as string).slice(REPO_URL.length).replace(/^(blob|tree)\/main\//, ''))
          : join(file, '..', target as string);
        try {
          readFileSync(path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EISDIR') continue;
          missing.push(`${fromRepo(file)} -> ${target}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('of the published packages link by URL: their READMEs are read on npm, without the docs beside them', () => {
    const relative: string[] = [];
    for (const name of ['core', 'policies', 'testkit']) {
      const file = join(REPO_DIR, 'packages', name, 'README.md');
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!/^[a-z]+:/.test(target as string)) relative.push(`${fromRepo(file)} -> ${target}`);
        else if ((target as string).startsWith(REPO_URL))
          expect(target, fromRepo(file)).toMatch(
            /^https:\/\/github\.com\/aks-scaler\/aks-scaler\/(blob|tree)\/main\//,
          );
      }
    }
    expect(relative).toEqual([]);
  });
});
