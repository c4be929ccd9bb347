import { join, sep } from 'node:path';
import ts from 'typescript';
import { REPO_DIR } from './workspace-packages.js';

/** The published packages whose public types are checked. */
export const PUBLISHED_PACKAGES = ['core', 'policies', 'testkit'] as const;

/** An optional property whose type does not accept an explicit `undefined`. */
export interface StrictOptional {
  /** `package/src/file.ts:line`. */
  where: string;
  /** `Type.property`. */
  property: string;
  /** The property's declared type. */
  type: string;
}

/** What {@link strictOptionalProperties} reads. */
export interface PublicTypesOptions {
  /** The entry files whose exports are the public surface. */
  entries: string[];
  /** Types declared under this folder are followed and checked; others (node_modules, zod...) are not. */
  sourceDir: string;
}

/** The published packages' entry points and sources. */
export const PUBLISHED_SURFACE: PublicTypesOptions = {
  entries: PUBLISHED_PACKAGES.map((name) => join(REPO_DIR, 'packages', name, 'src', 'index.ts')),
  sourceDir: join(REPO_DIR, 'packages'),
};

/**
 * Every optional property reachable from the entry points (their exported interfaces and type aliases, the public
 * signatures of their functions and classes, and the types those mention, declared under `sourceDir`) whose
 * declared type has no `undefined`. Under `exactOptionalPropertyTypes`, a consumer could not pass
 * `{ name: undefined }` to such a property.
 */
export function strictOptionalProperties(options: PublicTypesOptions = PUBLISHED_SURFACE): StrictOptional[] {
  const { entries, sourceDir } = options;
  const config = ts.getParsedCommandLineOfConfigFile(
    join(REPO_DIR, 'tsconfig.base.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  const program = ts.createProgram(entries, {
    ...config?.options,
    exactOptionalPropertyTypes: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const ownSource = (file: ts.SourceFile) =>
    file.fileName.startsWith(sourceDir + sep) && !file.fileName.includes(`${sep}node_modules${sep}`);
  const found: StrictOptional[] = [];
  const seen = new Set<ts.Node>();

  const acceptsUndefined = (node: ts.TypeNode): boolean => {
    const type = checker.getTypeFromTypeNode(node);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Undefined)) return true;
    return type.isUnion() && type.types.some((member) => member.flags & ts.TypeFlags.Undefined);
  };

  const visitDeclaration = (declaration: ts.Declaration) => {
    if (seen.has(declaration) || !ownSource(declaration.getSourceFile())) return;
    seen.add(declaration);
    if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) {
      visitNode(declaration, declaration.name.text);
    }
  };

  const visitNode = (node: ts.Node, owner: string) => {
    if (ts.isPropertySignature(node) && node.type) {
      const name = `${owner}.${node.name.getText()}`;
      if (node.questionToken && !acceptsUndefined(node.type)) {
        const file = node.getSourceFile();
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        found.push({
          where: `${file.fileName.slice(sourceDir.length + 1)}:${line + 1}`,
          property: name,
          type: node.type.getText(),
        });
      }
      visitNode(node.type, name);
      return;
    }
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
      const target = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
      let symbol = checker.getSymbolAtLocation(target);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      for (const declaration of symbol?.declarations ?? []) visitDeclaration(declaration);
    }
    ts.forEachChild(node, (child) => visitNode(child, owner));
  };

  for (const entry of entries) {
    const file = program.getSourceFile(entry);
    const module = file && checker.getSymbolAtLocation(file);
    if (!module) throw new Error(`cannot read the exports of ${entry}`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const declaration of symbol.declarations ?? []) {
        if (!ownSource(declaration.getSourceFile())) continue;
        visitDeclaration(declaration);
        for (const node of signatureNodes(declaration)) visitNode(node, symbol.name);
      }
    }
  }
  return found;
}

const isPrivate = (member: ts.ClassElement) =>
  (member.name !== undefined && ts.isPrivateIdentifier(member.name)) ||
  (ts.canHaveModifiers(member) &&
    (ts.getModifiers(member) ?? []).some(
      (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
    ));

/** The type nodes of a function's or class's public signature (never their bodies), or of a variable. */
function signatureNodes(declaration: ts.Declaration): ts.Node[] {
  const ofSignature = (node: ts.SignatureDeclarationBase) => [
    ...(node.typeParameters ?? []),
    ...node.parameters.flatMap((p) => (p.type ? [p.type] : [])),
    ...(node.type ? [node.type] : []),
  ];
  if (ts.isFunctionDeclaration(declaration)) return ofSignature(declaration);
  if (ts.isVariableDeclaration(declaration)) return declaration.type ? [declaration.type] : [];
  if (!ts.isClassDeclaration(declaration)) return [];
  return [
    ...(declaration.heritageClauses ?? []).flatMap((clause) => [...clause.types]),
    ...declaration.members.flatMap((member) => {
      if (isPrivate(member)) return [];
      if (
        ts.isConstructorDeclaration(member) ||
        ts.isMethodDeclaration(member) ||
        ts.isGetAccessorDeclaration(member)
      )
        return ofSignature(member);
      if (ts.isPropertyDeclaration(member)) return member.type ? [member.type] : [];
      return [];
    }),
  ];
}
