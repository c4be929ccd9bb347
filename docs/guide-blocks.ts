// The generated parts of the guides. A guide marks them with HTML comments, which markdown renders as nothing:
//
//   <!-- include: examples/reconcile-once.ts -->            the whole file, as a ```ts block
//   <!-- include: examples/schedule.ts#work-hours -->       the lines between `// #region work-hours` and
//                                                            `// #endregion work-hours`
//   <!-- output: examples/schedule-dst.ts#springForward -->  what the exported async function returns (markdown)
//   ...
//   <!-- /include --> or <!-- /output -->
//
// `pnpm exec tsx --conditions=source docs/sync-guides.ts` rewrites them; docs.test.ts fails when one is stale.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const REPO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The docs folder. */
export const DOCS_DIR = join(REPO_DIR, 'docs');

/** Every guide whose code blocks are checked: `docs/*.md` and `packages/*\/README.md`. */
export function guideFiles(): string[] {
  const docs = readdirSync(DOCS_DIR)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(DOCS_DIR, name));
  const packagesDir = join(REPO_DIR, 'packages');
  const readmes = readdirSync(packagesDir)
    .map((name) => join(packagesDir, name, 'README.md'))
    .filter((path) => {
      try {
        readFileSync(path);
        return true;
      } catch {
        return false;
      }
    });
  return [...docs, ...readmes].sort();
}

/** A fenced code block of a guide. */
export interface CodeBlock {
  /** The guide. */
  file: string;
  /** The 1-based line of the block's first code line. */
  line: number;
  /** The info string, e.g. `ts`. */
  lang: string;
  /** The code. */
  code: string;
  /** The include marker the block sits in, if any. */
  include?: string;
}

/** The fenced code blocks of a markdown text. */
export function codeBlocks(file: string, text: string): CodeBlock[] {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  let include: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const marker = /^<!-- include: (\S+) -->$/.exec(line);
    if (marker) include = marker[1];
    if (line === '<!-- /include -->') include = undefined;
    const fence = /^(`{3,})(\S*)\s*$/.exec(line);
    if (!fence) continue;
    const end = lines.findIndex((candidate, j) => j > i && candidate === fence[1]);
    if (end < 0) break;
    blocks.push({
      file,
      line: i + 2,
      lang: fence[2] ?? '',
      code: lines.slice(i + 1, end).join('\n'),
      ...(include ? { include } : {}),
    });
    i = end;
  }
  return blocks;
}

/** The text an `include:` marker stands for: a file, or one `#region` of it. */
export function includeText(target: string): string {
  const [path, region] = target.split('#') as [string, string | undefined];
  const text = readFileSync(join(DOCS_DIR, path), 'utf8').replace(/\n+$/, '');
  if (!region) return text;
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${region}`);
  const end = lines.findIndex((line, i) => i > start && line.trim() === `// #endregion ${region}`);
  if (start < 0 || end < 0) throw new Error(`${path} has no region '${region}'`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(
    ...body.filter((line) => line.trim()).map((line) => /^ */.exec(line)?.[0].length ?? 0),
  );
  return body.map((line) => line.slice(indent)).join('\n');
}

/** The markdown an `output:` marker stands for: the result of the named export. */
export async function outputText(target: string): Promise<string> {
  const [path, name] = target.split('#') as [string, string | undefined];
  const module = (await import(pathToFileURL(join(DOCS_DIR, path)).href)) as Record<string, unknown>;
  const fn = module[name ?? 'default'];
  if (typeof fn !== 'function') throw new Error(`${path} exports no function '${name}'`);
  return String(await fn()).replace(/\n+$/, '');
}

/** One generated part of a guide. */
export interface GeneratedPart {
  /** `include` or `output`. */
  kind: 'include' | 'output';
  /** What the marker names, e.g. `examples/schedule.ts#work-hours`. */
  target: string;
  /** The 1-based line of the opening marker. */
  line: number;
  /** The text between the markers now. */
  current: string;
}

/** The generated parts of a guide. */
export function generatedParts(text: string): GeneratedPart[] {
  const lines = text.split('\n');
  const parts: GeneratedPart[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^<!-- (include|output): (\S+) -->$/.exec(lines[i] as string);
    if (!open) continue;
    const kind = open[1] as 'include' | 'output';
    const end = lines.findIndex((line, j) => j > i && line === `<!-- /${kind} -->`);
    if (end < 0) throw new Error(`line ${i + 1}: <!-- ${kind}: ${open[2]} --> is not closed`);
    parts.push({ kind, target: open[2] as string, line: i + 1, current: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return parts;
}

/** What a generated part should contain. */
export async function expectedPart(part: Pick<GeneratedPart, 'kind' | 'target'>): Promise<string> {
  if (part.kind === 'include') return `\`\`\`ts\n${includeText(part.target)}\n\`\`\``;
  return outputText(part.target);
}

/** The guide with every generated part brought up to date. */
export async function syncGuide(text: string): Promise<string> {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    out.push(line);
    const open = /^<!-- (include|output): (\S+) -->$/.exec(line);
    if (!open) continue;
    const kind = open[1] as 'include' | 'output';
    const end = lines.findIndex((candidate, j) => j > i && candidate === `<!-- /${kind} -->`);
    if (end < 0) throw new Error(`line ${i + 1}: <!-- ${kind}: ${open[2]} --> is not closed`);
    out.push(await expectedPart({ kind, target: open[2] as string }), lines[end] as string);
    i = end;
  }
  return out.join('\n');
}

/** A path relative to the repository, for messages. */
export function fromRepo(path: string): string {
  return relative(REPO_DIR, path);
}
