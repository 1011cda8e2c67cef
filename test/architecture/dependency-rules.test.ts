import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, isTestFile, parse, ROOT, sourceFiles } from './sources.ts';

/**
 * The direction of imports: domain ← store ← services ← functions / web ← scripts. A layer
 * imports only itself and the layers below it; functions and web never import each other;
 * nothing but tests imports test support (test/). Infra reads definitions only (INFRA_READS):
 * the functions' route table and metric names, the store's table definition. Tests may import anything.
 */
type Layer = 'domain' | 'store' | 'services' | 'functions' | 'web' | 'infra' | 'scripts' | 'test';

const FOLDERS: readonly [string, Layer][] = [
  ['packages/domain/', 'domain'],
  ['packages/store/', 'store'],
  ['packages/services/', 'services'],
  ['functions/', 'functions'],
  ['web/', 'web'],
  ['infra/', 'infra'],
  ['scripts/', 'scripts'],
  ['test/', 'test'],
];

const PACKAGES: Record<string, Layer> = {
  '@aides/domain': 'domain',
  '@aides/store': 'store',
  '@aides/services': 'services',
  '@aides/functions': 'functions',
  '@aides/web': 'web',
  '@aides/infra': 'infra',
};

const BELOW: Record<Exclude<Layer, 'test' | 'infra'>, readonly Layer[]> = {
  domain: ['domain'],
  store: ['store', 'domain'],
  services: ['services', 'store', 'domain'],
  functions: ['functions', 'services', 'store', 'domain'],
  web: ['web', 'services', 'store', 'domain'],
  scripts: ['scripts', 'functions', 'web', 'services', 'store', 'domain'],
};

/**
 * What infra may read of the application: the routes it deploys, the names and codes the functions
 * log and count under (for alarms and the dashboard), and the table it creates. Definitions only:
 * synthesis loads no runtime code (no SDK, no Powertools).
 */
// Besides the route table and the table's shape, only names shared with the alarms and the
// dashboard: modules of constants that import nothing, so no runtime code reaches the CDK app.
const INFRA_READS = [
  'functions/src/routes.ts',
  'functions/src/observability/names.ts',
  'functions/src/observability/business-metrics.ts',
  'packages/services/src/log-codes.ts',
  'packages/store/src/table-definition.ts',
];

/** What the pure domain may import from outside: validation and IBAN checks, nothing that does I/O. */
const DOMAIN_PACKAGES = /^(?:zod(?:\/.*)?|ibantools)$/;

const layerOfPath = (path: string): Layer | undefined =>
  FOLDERS.find(([folder]) => path.startsWith(folder))?.[1];

interface Target {
  readonly layer: Layer | undefined;
  /** The file from the root, for relative imports. */
  readonly path?: string;
}

function targetOf(from: string, specifier: string): Target | undefined {
  if (specifier.startsWith('.')) {
    const path = relative(ROOT, join(ROOT, dirname(from), specifier))
      .split(sep)
      .join('/');
    return { layer: layerOfPath(path), path };
  }
  const pkg = Object.keys(PACKAGES).find((p) => specifier === p || specifier.startsWith(`${p}/`));
  return pkg ? { layer: PACKAGES[pkg] } : undefined;
}

/** The wrong arrows of one file, as `file:line → specifier (why)`. */
function wrongArrows(path: string, text?: string): string[] {
  const from = isTestFile(path) ? 'test' : layerOfPath(path);
  if (!from || from === 'test') return [];
  const out: string[] = [];
  for (const { specifier, line } of importsOf(parse(path, text))) {
    const wrong = (why: string) => out.push(`${path}:${line} → ${specifier} (${why})`);
    const target = targetOf(path, specifier);
    if (!target) {
      if (from === 'domain' && !DOMAIN_PACKAGES.test(specifier)) wrong('le domaine reste pur');
      continue;
    }
    if (!target.layer) wrong('hors des couches');
    else if (target.layer === 'test') wrong('le support de test ne sert qu’aux tests');
    else if (from === 'infra') {
      if (target.layer !== 'infra' && !INFRA_READS.includes(target.path ?? ''))
        wrong('infra ne lit que des définitions (INFRA_READS)');
    } else if (!BELOW[from].includes(target.layer)) wrong(`${from} n’importe pas ${target.layer}`);
  }
  return out;
}

describe('dependency rules', () => {
  const files = FOLDERS.filter(([, layer]) => layer !== 'test').flatMap(([folder]) => sourceFiles(folder));

  it('reads every layer', () => {
    const read = new Set(files.map(layerOfPath));
    expect([...read].sort()).toEqual(['domain', 'functions', 'infra', 'scripts', 'services', 'store', 'web']);
  });

  it('every import runs down the layers (domain ← store ← services ← functions / web ← scripts)', () => {
    expect(files.flatMap((f) => wrongArrows(f))).toEqual([]);
  });

  // The rule must bite: each of these arrows is caught.
  it.each([
    [
      'web/src/lambda.ts',
      "import { depsFromEnv } from '../../functions/src/http/deps.ts';",
      'web n’importe pas functions',
    ],
    [
      'functions/src/areas.ts',
      "import { createWebApp } from '@aides/web/app';",
      'functions n’importe pas web',
    ],
    [
      'packages/services/src/caller.ts',
      "import type { Area } from '../../../functions/src/routes.ts';",
      'services n’importe pas functions',
    ],
    [
      'packages/store/src/keys.ts',
      "import { Caller } from '@aides/services/caller';",
      'store n’importe pas services',
    ],
    ['packages/domain/src/index.ts', "export * from '@aides/store';", 'domain n’importe pas store'],
    ['packages/domain/src/index.ts', "import { readFileSync } from 'node:fs';", 'pur'],
    [
      'web/src/app.tsx',
      "const dev = await import('../../scripts/local/dev-login.tsx');",
      'web n’importe pas scripts',
    ],
    [
      'web/src/app.tsx',
      "import { startTestWeb } from '../../test/support/web-harness.ts';",
      'support de test',
    ],
    [
      'infra/src/app.ts',
      "import { submitDossier } from '../../packages/services/src/dossiers/submit.ts';",
      'infra ne lit que',
    ],
  ])('catches %s: %s', (path, line, why) => {
    expect(wrongArrows(path, line).join('\n')).toContain(why);
  });

  it('lets tests import anything', () => {
    expect(wrongArrows('web/src/app.test.ts', "import '../../scripts/local/server.ts';")).toEqual([]);
  });
});
