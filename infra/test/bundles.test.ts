import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { areasInUse, handlerEntry } from '../../functions/src/routes.ts';

// What each Lambda bundle is made of: the dev issuer and login (scripts/local) must never be in
// it, so development auth cannot be switched on in the AWS build.
describe('Lambda bundles', () => {
  const entries = [...areasInUse().map(handlerEntry), 'web/src/lambda.ts'];
  it.each(entries)('%s bundles without anything from scripts/local', async (entry) => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      write: false,
      metafile: true,
      outfile: 'out.mjs',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.startsWith('functions/src/') || f.startsWith('web/src/'))).toBe(true);
    expect(inputs.filter((f) => f.startsWith('scripts/') || /dev-(issuer|login)/.test(f))).toEqual([]);
  });
});
