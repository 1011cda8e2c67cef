import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository's root, whatever folder the tests run from. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SKIPPED = new Set(['node_modules', 'cdk.out', '.data', '.git']);

/** Every TypeScript source below `dir` (a path from the root), as paths from the root with `/`. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
        out.push(relative(ROOT, path).split(sep).join('/'));
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

export const isTestFile = (path: string) => /\.test\.tsx?$/.test(path);

export function parse(path: string, text = readFileSync(join(ROOT, path), 'utf8')): ts.SourceFile {
  return ts.createSourceFile(
    path,
    text,
    ts.ScriptTarget.Latest,
    true,
    path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

/** Every node of a file (not its punctuation tokens), depth first. */
export function nodes(root: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node) => {
    out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(root);
  return out;
}

export interface ImportUse {
  readonly specifier: string;
  /** Named imports (`import { a, b as c }` gives a and b); empty for default, namespace or side-effect imports. */
  readonly names: readonly string[];
  readonly line: number;
}

/** Static imports and re-exports, `import()` calls and `import('…')` types: every way a file reaches another. */
export function importsOf(file: ts.SourceFile): ImportUse[] {
  const out: ImportUse[] = [];
  const line = (n: ts.Node) => file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1;
  for (const n of nodes(file)) {
    if (
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) &&
      n.moduleSpecifier &&
      ts.isStringLiteral(n.moduleSpecifier)
    ) {
      const bindings = ts.isImportDeclaration(n) ? n.importClause?.namedBindings : n.exportClause;
      const names =
        bindings && (ts.isNamedImports(bindings) || ts.isNamedExports(bindings))
          ? bindings.elements.map((e) => (e.propertyName ?? e.name).text)
          : [];
      out.push({ specifier: n.moduleSpecifier.text, names, line: line(n) });
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = n.arguments;
      if (arg && ts.isStringLiteralLike(arg)) out.push({ specifier: arg.text, names: [], line: line(n) });
    } else if (
      ts.isImportTypeNode(n) &&
      ts.isLiteralTypeNode(n.argument) &&
      ts.isStringLiteral(n.argument.literal)
    ) {
      out.push({ specifier: n.argument.literal.text, names: [], line: line(n) });
    }
  }
  return out;
}
