import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { importsOf, isTestFile, nodes, parse, sourceFiles } from './sources.ts';

/**
 * Only the store knows how things are stored: a change of key or attribute touches
 * packages/store alone. A use case calls named store operations (`debitEnvelopeTx`,
 * `getDossier`, `queueByStatus`…); it never writes a DynamoDB expression, a key or index
 * attribute, a key prefix, or a transaction item by hand, and never takes the store's
 * low-level builders.
 */

/** The store's primitives that spell out storage: use cases take named operations instead. */
const STORE_PRIMITIVES = new Set([
  'keys',
  'tx',
  'getItem',
  'queryPage',
  'queryAll',
  'queryCount',
  'entity',
  'dossierItem',
  'TABLE_KEYS',
  'GLOBAL_SECONDARY_INDEXES',
  'TransactItem',
]);

/** Names of the DynamoDB API's expressions and transaction items. */
const API_NAMES =
  /^(?:(?:Condition|Update|KeyCondition|Filter|Projection)Expression|ExpressionAttribute(?:Names|Values)|TransactItems|ConditionCheck|ReturnValuesOnConditionCheckFailure)$/;

/** Key and index attributes (`pk`, `sk`, `gsi1pk`…). */
const KEY_ATTRIBUTE = /^(?:pk|sk|gsi\d+(?:pk|sk))$/;

/** What only a storage expression or a key says, in a string. */
const STORAGE_TEXT: readonly [RegExp, string][] = [
  [/\battribute_(?:not_)?exists\b|\bbegins_with\b|\battribute_type\b/, 'fonction d’expression DynamoDB'],
  [/^(?:SET|ADD|REMOVE|DELETE)\s+[#\w]/, 'UpdateExpression'],
  [/[#:]\w+\s*(?:=|<>|<=?|>=?)\s*[#:]\w+|#\w+\s*=/, 'condition sur un attribut'],
  [/^[#:][A-Za-z_]\w*$/, 'nom ou valeur d’expression (#x, :x)'],
  [/(?:^|[^\w])[A-Z][A-Z_]{2,}#/, 'préfixe de clé (DOSSIER#…)'],
  [KEY_ATTRIBUTE, 'attribut de clé'],
];

/** Where a services file spells out storage, as `file:line: what`. Comments are not read. */
function storageViolations(path: string, text?: string): string[] {
  const file = parse(path, text);
  const out: string[] = [];
  const at = (n: ts.Node, what: string) =>
    out.push(`${path}:${file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1}: ${what}`);
  for (const imp of importsOf(file)) {
    if (imp.specifier.startsWith('@aws-sdk/'))
      out.push(`${path}:${imp.line}: SDK AWS importé (${imp.specifier})`);
    if (imp.specifier === '@aides/store' || imp.specifier.startsWith('@aides/store/'))
      for (const name of imp.names.filter((n) => STORE_PRIMITIVES.has(n)))
        out.push(`${path}:${imp.line}: primitive du store importée (${name})`);
  }
  for (const n of nodes(file)) {
    if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) {
      if (API_NAMES.test(n.text)) at(n, `élément d’API DynamoDB (${n.text})`);
      const parent = n.parent;
      const isProperty =
        (ts.isPropertyAssignment(parent) ||
          ts.isShorthandPropertyAssignment(parent) ||
          ts.isPropertyAccessExpression(parent)) &&
        parent.name === n;
      if (isProperty && KEY_ATTRIBUTE.test(n.text)) at(n, `attribut de clé (${n.text})`);
    } else if (
      ts.isStringLiteralLike(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n)
    ) {
      for (const [pattern, what] of STORAGE_TEXT) if (pattern.test(n.text)) at(n, `${what} : « ${n.text} »`);
    }
  }
  return out;
}

describe('storage rules', () => {
  const files = sourceFiles('packages/services/src').filter((f) => !isTestFile(f));

  it('reads the services’ sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('no services file writes a storage expression, a key or a transaction item', () => {
    expect(files.flatMap((f) => storageViolations(f, undefined))).toEqual([]);
  });

  // The rule must bite: each of these lines, as a use case might write it, is caught.
  it.each([
    ["import { keys, tx } from '@aides/store';", 'primitive du store'],
    ["import { QueryCommand } from '@aws-sdk/lib-dynamodb';", 'SDK AWS'],
    ["const i = { Update: { UpdateExpression: 'SET a = :a' } };", 'UpdateExpression'],
    ["const c = { condition: 'attribute_exists(pk) AND availableCents >= :x' };", 'fonction d’expression'],
    ["const f = { expression: '#commune = :commune' };", 'condition sur un attribut'],
    ["const v = { ':x': 1 };", 'nom ou valeur'],
    ["const q = { pk: 'ENVELOPES' };", 'attribut de clé'],
    ['const k = `DOSSIER#` + id;', 'préfixe de clé'],
    ['const t = { TransactItems: [], ConditionCheck: {} };', 'API DynamoDB'],
  ])('catches %s', (line, what) => {
    expect(storageViolations('packages/services/src/example.ts', line).join('\n')).toContain(what);
  });

  it('leaves French texts, ids and comments alone', () => {
    const text = [
      '// SET #x = :y in a comment is not code',
      "const m = 'Enveloppe FTE 2026 insuffisante : 10 € disponibles';",
      "const id = [scheme, year, funder].join('-');",
      "const pointer = '/application/address';",
    ].join('\n');
    expect(storageViolations('packages/services/src/example.ts', text)).toEqual([]);
  });
});
