/**
 * How every Lambda function is bundled: one definition for the CDK (stateless stack) and for the
 * bundle benchmark (`test/bench/bundles.ts`), so what is measured is what is deployed.
 *
 * esbuild with code splitting: ESM, node24, minified, the AWS SDK bundled (pinned versions). Code
 * that a function reaches only by dynamic `import()` — the S3 SDK and its presigners, pdfmake —
 * lands in chunks beside `index.mjs` that Node reads on first use, so a cold start parses only
 * what every request needs.
 * (The CDK's NodejsFunction writes a single `--outfile`, which esbuild cannot split; hence the
 * local bundling below.)
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, buildSync, type Metafile } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));

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
    // The documents function (pdfmake → pdfkit): fontkit (with its WOFF2 decoder, brotli) serves
    // only to embed font files, never used with the standard fonts, and weighs 0.75 MB; pdfkit
    // reads the standard fonts' metrics from `${__dirname}/data/*.afm`, which in an ES module
    // bundle is the file's own folder: the four Helvetica files are copied there
    // (`copyPdfFontMetrics`). infra/test/bundles.test.ts runs the bundled renderer.
    alias: {
      fontkit: resolve(HERE, 'bundling/no-embedded-fonts.mjs'),
      // pdfmake's SVG support parses with xmldoc; no document draws an SVG.
      xmldoc: resolve(HERE, 'bundling/no-svg.cjs'),
      // pdfkit's PNG decoder: no document embeds an image.
      'png-js': resolve(HERE, 'bundling/no-png.mjs'),
      // pdfkit: MD5 (the document ID, image checksums) from node:crypto; the encryption code
      // (AES, SHA-256) is never reached, no document being encrypted. About 22 KB.
      'js-md5': resolve(HERE, 'bundling/md5.mjs'),
      '@noble/ciphers/aes': resolve(HERE, 'bundling/no-encryption.mjs'),
      '@noble/hashes/sha2': resolve(HERE, 'bundling/no-encryption.mjs'),
      '@noble/hashes/utils': resolve(HERE, 'bundling/no-encryption.mjs'),
      // Every client: the credentials of the Lambda runtime's environment variables, without the
      // SDK's chain of other providers (SSO, ini files, metadata services…; about 90 KB).
      '@aws-sdk/credential-provider-node': resolve(HERE, 'bundling/env-credentials.mjs'),
    },
    define: { __dirname: 'import.meta.dirname' },
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    tsconfig: o.tsconfig,
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    logLevel: 'error',
  };
}

/** The standard-font metrics the official documents use (pdfmake's Helvetica family). */
/**
 * What a cold start reads: `index.mjs` and the chunks it imports statically (the others load with
 * the first request that needs them). Output paths as the metafile names them.
 */
export function startChunks(outputs: Metafile['outputs']): Set<string> {
  const start = new Set<string>();
  const visit = (f: string) => {
    if (start.has(f) || !outputs[f]) return;
    start.add(f);
    for (const i of outputs[f].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(Object.keys(outputs).find((f) => f.endsWith('index.mjs')) ?? '');
  return start;
}

export const PDF_FONT_METRICS = ['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique'];

/**
 * Copies the Helvetica metrics beside each output file that holds pdfkit (`<dir>/data/*.afm`,
 * where pdfkit looks). Returns the bytes copied (0 for a function without pdfkit).
 */
export function copyPdfFontMetrics(metafile: Metafile, cwd = process.cwd()): number {
  const pdfkitData = join(
    dirname(createRequire(import.meta.url).resolve('pdfkit/package.json')),
    'js',
    'data',
  );
  let bytes = 0;
  for (const [file, out] of Object.entries(metafile.outputs)) {
    if (!Object.keys(out.inputs).some((i) => /node_modules\/pdfkit\//.test(i))) continue;
    const dir = join(resolve(cwd, dirname(file)), 'data');
    mkdirSync(dir, { recursive: true });
    for (const name of PDF_FONT_METRICS) {
      copyFileSync(join(pdfkitData, `${name}.afm`), join(dir, `${name}.afm`));
      bytes += statSync(join(dir, `${name}.afm`)).size;
    }
  }
  return bytes;
}

/** Bundles `entry` into `outdir` (index.mjs + chunks/, font metrics if any); throws on any esbuild error. */
export function bundleLambda(o: Parameters<typeof lambdaBuildOptions>[0]): void {
  const result = buildSync({ ...lambdaBuildOptions(o), metafile: true });
  copyPdfFontMetrics(result.metafile as Metafile);
}
