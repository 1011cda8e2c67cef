/**
 * `npx tsx test/bench/bundle-why.ts [area|web|path…]`: what each Lambda bundle is made of, by
 * package, at start (index.mjs and the chunks it imports statically) and lazily. Built with the
 * deployed options (infra/src/lambda-bundling.ts), in memory.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { areasInUse, handlerEntry } from '../../functions/src/routes.ts';
import { lambdaBuildOptions, startChunks } from '../../infra/src/lambda-bundling.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The package (or the repository folder) an esbuild input belongs to. */
export function owner(input: string): string {
  const nm = input.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = input.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] as string);
  }
  return input.split('/').slice(0, 3).join('/');
}

export async function why(entry: string, top = 25) {
  const result = await build({
    ...lambdaBuildOptions({ entry, outdir: join(ROOT, '.why-out'), tsconfig: join(ROOT, 'tsconfig.json') }),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const start = startChunks(outputs);
  const groups = { start: new Map<string, number>(), lazy: new Map<string, number>() };
  for (const [file, out] of Object.entries(outputs)) {
    if (file.endsWith('.map')) continue;
    const g = start.has(file) ? groups.start : groups.lazy;
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs))
      g.set(owner(input), (g.get(owner(input)) ?? 0) + bytesInOutput);
  }
  const kb = (n: number) => `${(n / 1e3).toFixed(1)} KB`;
  for (const [name, g] of Object.entries(groups)) {
    const total = [...g.values()].reduce((a, b) => a + b, 0);
    console.log(`  ${name}: ${kb(total)}`);
    for (const [p, n] of [...g].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`    ${kb(n).padStart(9)}  ${p}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2);
  const all = [
    ...areasInUse().map((a) => [a, handlerEntry(a)] as const),
    ['web', 'web/src/lambda.ts'] as const,
  ];
  for (const [name, entry] of all.filter(([n]) => wanted.length === 0 || wanted.includes(n))) {
    console.log(`${name} (${entry})`);
    await why(join(ROOT, entry));
  }
}
