/**
 * Child process of the import benchmark: over the benchmark's DynamoDB Local and s3rver, uploads
 * the file given, runs the dry run then the import in slices of 20 s (as the API does: each slice
 * a request of its own), and prints the figures and the process's peak RSS as JSON.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Caller } from '@aides/services/caller';
import { createContext } from '@aides/services/context';
import { checkImport, runImport, uploadImportFile } from '@aides/services/imports/imports';
import { createStore, ensureTable } from '@aides/store';
import { ensureBucket } from '@aides/store/s3/provision';

const [dynamoEndpoint, s3Endpoint, file, tableName] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const store = createStore({
  tableName,
  bucketName: tableName,
  region: 'eu-west-3',
  dynamoEndpoint,
  s3Endpoint,
});
await ensureTable(store);
await ensureBucket(store, 'http://localhost:3000');
const ctx = createContext(store);
const admin: Caller = {
  sub: 'bench-admin',
  name: 'Banc d’essai',
  email: 'bench@example.fr',
  roles: ['admin'],
};

const job = await uploadImportFile(ctx, admin, {
  scheme: 'HABITAT',
  fileName: 'habitat-bench.csv',
  body: createReadStream(file),
  size: statSync(file).size,
});
const t0 = performance.now();
const checked = await checkImport(ctx, admin, job.id);
const t1 = performance.now();
// As the API and the web page run it: slices of 20 s, each starting again from the file's top.
let done = await runImport(ctx, admin, job.id);
let slices = 1;
let longestSlice = (performance.now() - t1) / 1000;
while (done.status !== 'done') {
  const s0 = performance.now();
  done = await runImport(ctx, admin, job.id);
  slices += 1;
  longestSlice = Math.max(longestSlice, (performance.now() - s0) / 1000);
  process.stderr.write(
    `slice ${slices}: ${done.run?.created} dossiers, ${((performance.now() - t1) / 1000).toFixed(0)} s, slice ${((performance.now() - s0) / 1000).toFixed(1)} s, max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
  );
}
const t2 = performance.now();
console.log(
  JSON.stringify({
    rows: checked.check?.rows ?? 0,
    dossiers: checked.check?.dossiers ?? 0,
    issues: checked.check?.issuesTotal ?? 0,
    created: done.run?.created ?? 0,
    status: done.status,
    checkSeconds: (t1 - t0) / 1000,
    runSeconds: (t2 - t1) / 1000,
    slices,
    longestSlice,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
process.exit(0);
