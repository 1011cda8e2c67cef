import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isTestFile, nodes, parse, sourceFiles } from './sources.ts';

/**
 * Use cases cast through nothing: `x as never` or `x as unknown as T` turns the type checker off
 * where a domain type should carry the value (e.g. the domain's `assess` returns the parsed
 * application typed by its scheme). Tests may cast. (The web still has three such casts.)
 */
function blindCasts(path: string, text?: string): string[] {
  const file = parse(path, text);
  const out: string[] = [];
  for (const n of nodes(file)) {
    if (!ts.isAsExpression(n)) continue;
    const toNever = n.type.kind === ts.SyntaxKind.NeverKeyword;
    const viaUnknown =
      ts.isAsExpression(n.expression) && n.expression.type.kind === ts.SyntaxKind.UnknownKeyword;
    if (toNever || viaUnknown)
      out.push(
        `${path}:${file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1}: ${n.getText(file)}`,
      );
  }
  return out;
}

describe('cast rules', () => {
  const files = sourceFiles('packages/services/src').filter((f) => !isTestFile(f));

  it('no use case casts through never or unknown', () => {
    expect(files.flatMap((f) => blindCasts(f))).toEqual([]);
  });

  it.each([
    'validateWith(applicationSchemas[scheme] as never, input);',
    'const e = event as unknown as DossierEvent;',
  ])('catches %s', (line) => {
    expect(blindCasts('packages/services/src/example.ts', line)).toHaveLength(1);
  });

  it('leaves plain assertions to a known type alone', () => {
    expect(blindCasts('packages/services/src/example.ts', 'const s = m[1] as string;')).toEqual([]);
  });
});
