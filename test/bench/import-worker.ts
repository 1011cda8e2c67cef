/**
 * Child process of the import benchmark: over the benchmark's DynamoDB Local and s3rver, uploads
 * the file given, runs the dry run then the import in slices of 20 s (as the API does: each slice
 * a request of its own), and prints the figures and the process's peak RSS as JSON.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Caller } from '@aides/services/caller';
import { createContext } from '@aides/services/context';
import { checkImport, runImport, uploadImportFile } from '@aides/services/imports/imports';
import { createStore, ensureTable, readReferenceClaims, type Store } from '@aides/store';
import { ensureBucket } from '@aides/store/s3/provision';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';

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

/**
 * What the table holds of the import: its dossiers (the byOwner index, owner « import »: a query
 * that counts, not a scan of the whole table, which DynamoDB Local takes many minutes to do), and
 * the reference claims of the file's 20,000 references (BatchGets) with the dossiers they name.
 */
async function inTable(store: Store, references: string[]) {
  let dossiers = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const r = await store.ddb.send(
      new QueryCommand({
        TableName: store.config.tableName,
        IndexName: 'byOwner',
        KeyConditionExpression: 'gsi3pk = :o',
        FilterExpression: '#t = :t',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':o': 'OWNER#import', ':t': 'dossier' },
        Select: 'COUNT',
        ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
      }),
    );
    dossiers += r.Count ?? 0;
    ExclusiveStartKey = r.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const claims = await readReferenceClaims(store, references);
  const named = new Set([...claims.values()].map((c) => (c.state === 'given' ? c.dossierId : '')));
  return { dossiers, claims: claims.size, distinctDossiersClaimed: named.size };
}

// As the API and the web page run it: slices of 20 s, each a request of its own that resumes
// after the last row handled (CSV: from that byte of the file).
// IMPORT_BENCH_SLICE_MS shortens the slices (many slices over a small file: a check of resuming).
const budgetMs = Number(process.env.IMPORT_BENCH_SLICE_MS ?? 20_000);

/** Uploads the file as a new import, checks it, runs it slice after slice to the end. */
async function importFile(label: string) {
  const job = await uploadImportFile(ctx, admin, {
    scheme: 'HABITAT',
    fileName: 'habitat-bench.csv',
    body: createReadStream(file),
    size: statSync(file).size,
  });
  const t0 = performance.now();
  const checked = await checkImport(ctx, admin, job.id);
  const t1 = performance.now();
  let done = checked;
  let slices = 0;
  let longestSlice = 0;
  while (done.status !== 'done') {
    const s0 = performance.now();
    done = await runImport(ctx, admin, job.id, { budgetMs });
    slices += 1;
    longestSlice = Math.max(longestSlice, (performance.now() - s0) / 1000);
    process.stderr.write(
      `${label} slice ${slices}: ${done.run?.created} created, ${done.run?.alreadyPresent} present, row ${done.run?.cursorRow}, ${((performance.now() - t1) / 1000).toFixed(0)} s, slice ${((performance.now() - s0) / 1000).toFixed(1)} s, max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
    );
  }
  const t2 = performance.now();
  return {
    rows: checked.check?.rows ?? 0,
    dossiers: checked.check?.dossiers ?? 0,
    issues: checked.check?.issuesTotal ?? 0,
    toImport: checked.check?.toImport ?? 0,
    checkAlreadyPresent: checked.check?.alreadyPresent ?? 0,
    created: done.run?.created ?? 0,
    alreadyPresent: done.run?.alreadyPresent ?? 0,
    failed: (done.run?.failed ?? 0) + (done.run?.invalid ?? 0),
    status: done.status,
    checkSeconds: (t1 - t0) / 1000,
    runSeconds: (t2 - t1) / 1000,
    slices,
    longestSlice,
  };
}

const first = await importFile('first run');
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const t3 = performance.now();
const references = Array.from(
  { length: first.dossiers },
  (_, i) => `HABITAT-2022-${String(i + 1).padStart(5, '0')}`,
);
const counted = await inTable(store, references);
const countSeconds = (performance.now() - t3) / 1000;
// The same file again, as a new import: its dry run finds every dossier present, its run adds nothing.
const second = await importFile('second run');
const afterSecond = await inTable(store, references);
console.log(
  JSON.stringify({
    ...first,
    maxRssMb,
    inTable: counted,
    countSeconds,
    second,
    afterSecond,
    maxRssMbWithSecond: process.resourceUsage().maxRSS / 1024,
  }),
);
process.exit(0);
