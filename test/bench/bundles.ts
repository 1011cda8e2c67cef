import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { areasInUse, handlerEntry } from '../../functions/src/routes.ts';
import { type BenchResult, median } from './stack.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The CDK's NodejsFunction options (infra/src/stateless-stack.ts): ESM, node24, minified, SDK bundled. */
async function bundle(entry: string, outfile: string) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    mainFields: ['module', 'main'],
    external: [],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    tsconfig: join(ROOT, 'tsconfig.json'),
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    logLevel: 'error',
  });
  return statSync(outfile).size;
}

const ENV = {
  TABLE_NAME: 'bench',
  BUCKET_NAME: 'bench',
  AWS_REGION: 'eu-west-3',
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
  COGNITO_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_bench',
  COGNITO_CLIENT_ID: 'bench',
  COGNITO_DOMAIN: 'https://bench.auth.eu-west-3.amazoncognito.com',
  WEB_ORIGIN: 'https://bench.example',
};

/** One import of `file` in a fresh node process, in ms. */
function importOnce(file: string) {
  const script = `const t=performance.now();await import(${JSON.stringify(`file://${file}`)});process.stdout.write(String(performance.now()-t));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, ...ENV },
    encoding: 'utf8',
  });
  return Number(out);
}

export async function bundleBench(runs = 7): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'aides-bundles-'));
  try {
    const bare = join(dir, 'bare-entry.mjs');
    writeFileSync(
      bare,
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n",
    );
    // Resolve the SDK from the repository.
    const bareEntry = join(ROOT, 'test/bench/.bare-client-entry.mjs');
    writeFileSync(
      bareEntry,
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n",
    );
    const entries: [string, string][] = [
      ['bare DynamoDB client', bareEntry],
      ...areasInUse().map((a) => [a, join(ROOT, handlerEntry(a))] as [string, string]),
      ['web', join(ROOT, 'web/src/lambda.ts')],
    ];
    const measured: { name: string; size: number; ms: number }[] = [];
    try {
      for (const [name, entry] of entries) {
        const out = join(dir, `${name.replace(/\W+/g, '-')}.mjs`);
        const size = await bundle(entry, out);
        importOnce(out); // warm the file cache
        measured.push({ name, size, ms: 0, file: out, times: [] as number[] } as never);
      }
      // Round-robin over the bundles so that load on the machine affects them all alike.
      for (let i = 0; i < runs; i++) {
        for (const m of measured as unknown as { file: string; times: number[] }[])
          m.times.push(importOnce(m.file));
      }
      for (const m of measured as unknown as { ms: number; times: number[] }[]) m.ms = median(m.times);
    } finally {
      rmSync(bareEntry, { force: true });
    }
    const base = measured[0] as { size: number; ms: number };
    const rows: BenchResult['rows'] = measured.map((m, i) => {
      const ratio = m.ms / base.ms;
      return i === 0
        ? {
            benchmark: 'Lambda bundles',
            metric: `bare DynamoDB client: ${(m.size / 1e6).toFixed(2)} MB`,
            value: `${m.ms.toFixed(0)} ms import`,
            target: 'reference',
            met: null,
          }
        : {
            benchmark: 'Lambda bundles',
            metric: `${m.name}: ${(m.size / 1e6).toFixed(2)} MB, import ${m.ms.toFixed(0)} ms`,
            value: `${ratio.toFixed(2)}× bare`,
            target: '≤ 1 MB, ≤ 1.5×',
            met: m.size <= 1_000_000 && ratio <= 1.5,
          };
    });
    return {
      name: 'Lambda bundles',
      command: 'npm run bench -- bundles',
      rows,
      notes: [
        `esbuild with the CDK's options (ESM, node24, minify, AWS SDK bundled, createRequire banner; sizes without source maps). Import time: median of ${runs} fresh \`node\` processes each, with the handlers' environment variables.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
