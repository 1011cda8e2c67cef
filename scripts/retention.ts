/**
 * The retention job by hand, against the data of a running `npm start`:
 *   npx tsx scripts/retention.ts --now 2036-01-01
 * applies every rule of the retention table as if it were that day, and prints what it did.
 */
import { resolve } from 'node:path';
import { contextFromEnv } from '@aides/services/context-from-env';
import { nowFromArgs, runRetentionJob, runSummary } from '../functions/src/retention/job.ts';
import { storeEnvFromRunningStart } from './local/retention-timer.ts';

const dataDir = resolve(process.env.AIDES_DATA_DIR ?? '.data');
try {
  const now = nowFromArgs(process.argv.slice(2));
  const ctx = contextFromEnv({ ...storeEnvFromRunningStart(dataDir), AWS_REGION: 'eu-west-3' });
  const run = await runRetentionJob(ctx, { now });
  console.log(JSON.stringify({ ...runSummary(run), blocked: run.blocked, list: run.listed }, null, 2));
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
}
