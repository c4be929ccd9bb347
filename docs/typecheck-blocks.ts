// Typechecks code blocks of the guides as if each were a module in docs/, with the repository's compiler
// settings (the `source` condition resolves @aks-scaler/* to their sources), without writing any file.
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';
import { type CodeBlock, DOCS_DIR, fromRepo, REPO_DIR } from './guide-blocks.js';

/** A compiler error, located in the guide. */
export interface BlockError {
  /** `path/to/guide.md:line:column`. */
  where: string;
  /** The compiler's message. */
  message: string;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(REPO_DIR, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, REPO_DIR, undefined, configPath);
  return { ...parsed.options, noEmit: true };
}

/** The block's code with relative imports made absolute from the guide's folder (same lines and columns). */
function withAbsoluteImports(block: CodeBlock): string {
  return block.code.replace(
    /(from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g,
    (_match, prefix: string, specifier: string) => `${prefix}'${join(dirname(block.file), specifier)}'`,
  );
}

/** Typechecks the blocks (each a module of its own) and returns every error with its place in the guide. */
export function typecheckBlocks(
  blocks: readonly CodeBlock[],
  extraFiles: readonly string[] = [],
): BlockError[] {
  const options = compilerOptions();
  const virtual = new Map<string, CodeBlock>();
  blocks.forEach((block, index) => {
    // In docs/ (never written), so `./examples/...` and docs/node_modules resolve as for the example files.
    const name = `.block-${basename(block.file, '.md')}-${block.line}-${index}.ts`;
    virtual.set(join(DOCS_DIR, name), block);
  });
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const block = virtual.get(fileName);
    if (block) return ts.createSourceFile(fileName, withAbsoluteImports(block), languageVersion, true);
    return getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists(fileName);
  host.readFile = (fileName) => {
    const block = virtual.get(fileName);
    return block ? withAbsoluteImports(block) : readFile(fileName);
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys(), ...extraFiles], options, host });
  const errors: BlockError[] = [];
  const roots = new Set([...virtual.keys(), ...extraFiles]);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const file = diagnostic.file;
    if (!file) {
      errors.push({ where: '(program)', message });
      continue;
    }
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const block = virtual.get(file.fileName);
    if (block) {
      errors.push({ where: `${fromRepo(block.file)}:${block.line + line}:${character + 1}`, message });
    } else if (roots.has(file.fileName)) {
      errors.push({ where: `${fromRepo(file.fileName)}:${line + 1}:${character + 1}`, message });
    }
  }
  return errors;
}
