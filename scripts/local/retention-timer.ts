/**
 * The retention job locally (issue 20): `npm start` runs it on a timer, as EventBridge does on
 * AWS, and leaves where its stores listen in `.data/stores.json` so that `scripts/retention.ts
 * --now <date>` can run it by hand against the same data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '@aides/services/context';
import type { Store } from '@aides/store';
import { runRetentionJob, runSummary } from '../../functions/src/retention/job.ts';

/** Once an hour locally (AWS: once a day, infra's schedule). */
export const LOCAL_RETENTION_EVERY_MS = 60 * 60 * 1000;

export function startRetentionTimer(ctx: ServiceContext, log: (m: string) => void): () => void {
  const tick = () =>
    runRetentionJob(ctx).then(
      (r) => log(`Conservation des données : ${JSON.stringify(runSummary(r))}`),
      (e: Error) => log(`Conservation des données : échec (${e.message}), nouvel essai au prochain passage`),
    );
  const timer = setInterval(tick, LOCAL_RETENTION_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

const endpointsFile = (dataDir: string) => join(dataDir, 'stores.json');

export function writeStoreEndpoints(dataDir: string, store: Store): void {
  const { tableName, bucketName, dynamoEndpoint, s3Endpoint } = store.config;
  writeFileSync(
    endpointsFile(dataDir),
    JSON.stringify({ tableName, bucketName, dynamoEndpoint, s3Endpoint }),
  );
}

/** The environment a by-hand run needs, from the running `npm start`. */
export function storeEnvFromRunningStart(dataDir: string): Record<string, string> {
  let raw: string;
  try {
    raw = readFileSync(endpointsFile(dataDir), 'utf8');
  } catch {
    throw new Error('Aucun `npm start` en cours (fichier .data/stores.json absent) : lancez-le d’abord.');
  }
  const c = JSON.parse(raw) as Record<string, string>;
  return {
    TABLE_NAME: c.tableName ?? '',
    BUCKET_NAME: c.bucketName ?? '',
    DYNAMODB_ENDPOINT: c.dynamoEndpoint ?? '',
    S3_ENDPOINT: c.s3Endpoint ?? '',
  };
}
