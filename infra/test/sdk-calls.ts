/**
 * Which AWS SDK operations a function's bundled code calls. The function is bundled exactly as
 * the CDK does (lambda-bundling.ts) but not minified, so that esbuild's `// <path>` markers show
 * which module each piece of output comes from; only the app's own modules are read (the SDK's
 * internals reference commands, such as Scan, that nothing of ours calls).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { lambdaBuildOptions } from '../src/lambda-bundling.ts';

const OWN_MODULE = /^\/\/ (packages|functions|web)\/\S+\.tsx?$/;
/** The bucket's operations, loaded lazily as one chunk: read per operation the code asks for. */
const S3_OPERATIONS = '// packages/store/src/s3/operations.ts';

/** The app's own modules in an unminified bundle, by path. */
function ownModules(text: string, into: Map<string, string>) {
  let current: string | undefined;
  for (const line of text.split('\n')) {
    if (/^\/\/ \S+$/.test(line)) current = OWN_MODULE.test(line) ? line : undefined;
    else if (current) into.set(current, `${into.get(current) ?? ''}${line}\n`);
  }
}

/** Top-level functions of a module's output, by name. */
function functionsOf(code: string): Map<string, string> {
  const parts = code.split(/^(?=(?:async )?function \w+\()/m);
  return new Map(parts.map((p) => [/^(?:async )?function (\w+)\(/.exec(p)?.[1] ?? '', p]));
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.mjs') ? [join(dir, e.name)] : [],
  );

/** SDK calls of the bundle of `entry`: command names without "Command", plus Upload and presigned POSTs. */
export async function sdkCalls(root: string, entry: string, outdir: string): Promise<Set<string>> {
  await build({
    ...lambdaBuildOptions({ entry: resolve(root, entry), outdir, tsconfig: resolve(root, 'tsconfig.json') }),
    minify: false,
  });
  const modules = new Map<string, string>();
  for (const f of files(outdir)) ownModules(readFileSync(f, 'utf8'), modules);
  const s3Operations = functionsOf(modules.get(S3_OPERATIONS) ?? '');
  modules.delete(S3_OPERATIONS);
  let code = [...modules.values()].join('\n');
  // objects.ts wraps each operation as lazy("name"): only those the code keeps are called.
  for (const m of code.matchAll(/\blazy\("(\w+)"\)/g)) code += s3Operations.get(m[1] as string) ?? '';
  const calls = new Set<string>();
  // esbuild renames clashing names (QueryCommand2): the digits are not part of the operation.
  for (const m of code.matchAll(/new (\w+?)Command\d*\(/g)) calls.add(m[1] as string);
  if (/new Upload\(/.test(code)) calls.add('Upload');
  // Deleting a named version needs its own IAM action (s3:DeleteObjectVersion).
  if (/new DeleteObjectCommand\d*\(\{[^}]*\bVersionId\b/.test(code)) calls.add('DeleteObjectVersion');
  if (/\bcreatePresignedPost\)?\(/.test(code)) calls.add('createPresignedPost');
  if (calls.delete('TransactWrite')) {
    // The parts a transaction of ours can hold: the item builders (store's `tx`) in the bundle.
    for (const m of code.matchAll(/\b(Put|Update|Delete|ConditionCheck): \{/g))
      calls.add(`TransactWrite:${m[1]}`);
  }
  return calls;
}
