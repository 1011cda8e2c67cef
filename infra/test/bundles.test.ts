import { execFile, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { areasInUse, handlerEntry } from '../../functions/src/routes.ts';
import { pdfText } from '../../test/support/pdf-text.ts';
import { bundleLambda, lambdaBuildOptions, PDF_FONT_METRICS, startChunks } from '../src/lambda-bundling.ts';

// What each Lambda bundle is made of: the dev issuer and login (scripts/local) must never be in
// it (nor in any of its lazily loaded chunks), so development auth cannot be switched on in the
// AWS build. Built with the deployed options.
describe('Lambda bundles', () => {
  const entries = [...areasInUse().map(handlerEntry), 'web/src/lambda.ts'];
  it.each(entries)(
    '%s bundles as deployed: nothing from scripts/local, env credentials only, no zod at start',
    async (entry) => {
      const result = await build({
        ...lambdaBuildOptions({ entry, outdir: 'out', tsconfig: 'tsconfig.json' }),
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.some((f) => f.startsWith('functions/src/') || f.startsWith('web/src/'))).toBe(true);
      expect(inputs.filter((f) => f.startsWith('scripts/') || /dev-(issuer|login)/.test(f))).toEqual([]);
      // Credentials from the environment only (infra/src/bundling/env-credentials.mjs), and pdfkit
      // without its MD5, encryption and PNG libraries (infra/src/bundling/md5.mjs,
      // no-encryption.mjs, no-png.mjs).
      expect(
        inputs.filter((f) =>
          /@aws-sdk\/(credential-provider-(node|ini|sso|process|web-identity|http|login)|nested-clients|token-providers)\/|credential-provider-imds|js-md5|png-js|@noble\//.test(
            f,
          ),
        ),
      ).toEqual([]);
      // What a cold start parses (index.mjs and the chunks it imports statically) holds neither zod
      // nor the domain's barrel (every rule of every scheme): they load with the first request that
      // needs them. One static import of the `@aides/domain` barrel from the start path (as
      // packages/services/src/caller.ts had before commit 71273d0) brings both in.
      const outputs = result.metafile.outputs;
      const start = startChunks(outputs);
      const atStart = [...start].flatMap((f) => Object.keys(outputs[f]?.inputs ?? {}));
      expect(atStart.length).toBeGreaterThan(0);
      expect(atStart.filter((f) => /node_modules\/zod\/|^packages\/domain\/src\/index\.ts$/.test(f))).toEqual(
        [],
      );
    },
  );

  // The web function reads no file and writes no document (issue 17 §8, bundle budget): an
  // uploaded CSV is read by the API (the QPV lists by the `admin` function, earlier years' dossiers
  // by `imports`), exports and PDF documents are made by `exports` and `documents`. A page that
  // calls such a use case in process brings its library in, even as a lazy chunk. Nor does it touch
  // the bucket (17 §7): a dossier's files and an import's file go through the API's presigned POST.
  it('web/src/lambda.ts holds no CSV/XLSX reader or writer, no PDF library and no S3 client, even lazily', async () => {
    const result = await build({
      ...lambdaBuildOptions({ entry: 'web/src/lambda.ts', outdir: 'out', tsconfig: 'tsconfig.json' }),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.startsWith('web/src/routes/'))).toBe(true);
    expect(
      inputs.filter((f) =>
        /node_modules\/(csv-parse|csv-stringify|exceljs|pdfmake|pdfkit|yauzl|saxes|@aws-sdk\/(client-s3|lib-storage|s3-presigned-post|s3-request-presigner))\//.test(
          f,
        ),
      ),
    ).toEqual([]);
  });
});

// The deployed bundle, run for real: a route whose code sits in a lazily loaded chunk
// (the OpenAPI document) answers through index.mjs's handler in a fresh Node process.
describe('a split Lambda bundle', () => {
  it('loads its lazy chunks at run time', { timeout: 60_000 }, async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'aides-lambda-'));
    try {
      buildSync(lambdaBuildOptions({ entry: handlerEntry('system'), outdir, tsconfig: 'tsconfig.json' }));
      expect(readdirSync(join(outdir, 'chunks')).some((f) => f.startsWith('openapi-'))).toBe(true);
      const event = {
        version: '2.0',
        routeKey: 'GET /api/openapi.json',
        rawPath: '/api/openapi.json',
        rawQueryString: '',
        headers: {},
        requestContext: { http: { method: 'GET', path: '/api/openapi.json' }, requestId: 'test' },
        isBase64Encoded: false,
      };
      const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(outdir, 'index.mjs')).href)});
const r = await handler(${JSON.stringify(event)}, { awsRequestId: 'test', getRemainingTimeInMillis: () => 10000 });
process.stdout.write(JSON.stringify({ status: r.statusCode, paths: Object.keys(JSON.parse(r.body).paths).length }));`;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { PATH: process.env.PATH, TABLE_NAME: 'aides', BUCKET_NAME: 'aides', AWS_REGION: 'eu-west-3' },
        encoding: 'utf8',
      });
      const answer = JSON.parse(out.trim().split('\n').at(-1) as string);
      expect(answer.status).toBe(200);
      expect(answer.paths).toBeGreaterThan(20);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

// The documents function's code as deployed: pdfmake renders with the standard fonts' metrics
// copied beside its chunk and without brotli; twice the same bytes (rendering is deterministic).
describe('the documents bundle', () => {
  it('renders a letter in a fresh Node process, deterministically', { timeout: 90_000 }, async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'aides-documents-'));
    try {
      bundleLambda({ entry: 'test/support/bundled-letter-entry.ts', outdir, tsconfig: 'tsconfig.json' });
      const chunks = readdirSync(join(outdir, 'chunks'));
      expect(readdirSync(join(outdir, 'chunks', 'data')).sort()).toEqual(
        PDF_FONT_METRICS.map((n) => `${n}.afm`).sort(),
      );
      expect(chunks.some((f) => f.endsWith('.mjs'))).toBe(true);
      const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(outdir, 'index.mjs')).href)});
process.stdout.write((await handler()) + ' ' + (await handler()));`;
      const [a, b] = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { PATH: process.env.PATH },
        encoding: 'utf8',
      })
        .trim()
        .split(' ');
      const pdf = Buffer.from(a as string, 'base64');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(a).toBe(b);
      // Byte for byte what the unbundled renderer makes (js-md5 and node:crypto's MD5 agree on
      // the document ID; nothing else differs).
      const { handler: unbundled } = await import('../../test/support/bundled-letter-entry.ts');
      expect(a).toBe(await unbundled());
      const { text } = await pdfText(pdf);
      expect(text).toContain('Accusé de réception de votre demande');
      expect(text).toContain('vaudra décision implicite de rejet, le 12 mai 2026');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

// The SDK's credential chain is replaced by the environment's credentials (what the Lambda runtime
// sets): a bundled client signs with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and sends
// AWS_SESSION_TOKEN, and without them fails rather than looking elsewhere (a profile, the
// metadata service). The endpoint is a local HTTP server that records the signed request's
// headers and answers as DynamoDB does.
describe('a bundled AWS client', () => {
  it('signs with the credentials of the environment variables', { timeout: 90_000 }, async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'aides-credentials-'));
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ TableNames: ['aides'] }));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      bundleLambda({ entry: 'test/support/bundled-dynamodb-entry.ts', outdir, tsconfig: 'tsconfig.json' });
      const run = async (env: Record<string, string>) => {
        const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(outdir, 'index.mjs')).href)});
process.stdout.write(JSON.stringify(await handler()));`;
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['--input-type=module', '-e', script],
          {
            env: {
              PATH: process.env.PATH,
              AWS_REGION: 'eu-west-3',
              DYNAMODB_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
              // An empty home: no shared config or credentials files to fall back on.
              HOME: outdir,
              ...env,
            },
            encoding: 'utf8',
          },
        );
        return JSON.parse(stdout);
      };
      const signed = await run({
        AWS_ACCESS_KEY_ID: 'ASIABUNDLETEST',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'session-token-from-the-runtime',
      });
      expect(signed).toEqual({ ok: true, tables: ['aides'] });
      expect(seen).toHaveLength(1);
      expect(seen[0]?.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=ASIABUNDLETEST\/\d{8}\/eu-west-3\/dynamodb\//,
      );
      expect(seen[0]?.['x-amz-security-token']).toBe('session-token-from-the-runtime');

      const unsigned = await run({});
      expect(unsigned.ok).toBe(false);
      expect(unsigned.error).toContain('Unable to find environment variable credentials');
      expect(seen).toHaveLength(1);
    } finally {
      server.close();
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
