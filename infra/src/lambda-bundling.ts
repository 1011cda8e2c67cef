/**
 * How every Lambda function is bundled: one definition for the CDK (stateless stack) and for the
 * bundle benchmark (`test/bench/bundles.ts`), so what is measured is what is deployed.
 *
 * esbuild with code splitting: ESM, node24, minified, the AWS SDK bundled (pinned versions). Code
 * that a function reaches only by dynamic `import()` — the S3 SDK and its presigners, pdf-lib,
 * the SDK's own credential providers other than the environment's — lands in chunks beside
 * `index.mjs` that Node reads on first use, so a cold start parses only what every request needs.
 * (The CDK's NodejsFunction writes a single `--outfile`, which esbuild cannot split; hence the
 * local bundling below.)
 */
import { type BuildOptions, buildSync } from 'esbuild';

export function lambdaBuildOptions(o: {
  entry: string;
  outdir: string;
  tsconfig: string;
  sourcemap?: boolean;
}): BuildOptions {
  return {
    entryPoints: { index: o.entry },
    outdir: o.outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    sourcemap: o.sourcemap ?? false,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    mainFields: ['module', 'main'],
    // bowser parses a browser's user agent: @aws-sdk/core reaches it only from its browser
    // user-agent provider, by a dynamic import that esbuild cannot prove dead, so it would ship
    // 35 KB that never runs on Node in every function (the web's past its 1 MB budget).
    external: ['bowser'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    tsconfig: o.tsconfig,
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    logLevel: 'error',
  };
}

/** Bundles `entry` into `outdir` (index.mjs + chunks/); throws on any esbuild error. */
export function bundleLambda(o: Parameters<typeof lambdaBuildOptions>[0]): void {
  buildSync(lambdaBuildOptions(o));
}
