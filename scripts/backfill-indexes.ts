/**
 * One-off migration for a table that ran before issues 15 and 20: adds the byRetention entries of
 * dossiers and the audit-log entries of dossier events (packages/store/src/backfill.ts).
 *   npx tsx scripts/backfill-indexes.ts                 against a running `npm start`
 *   TABLE_NAME=… AWS_REGION=eu-west-3 npx tsx scripts/backfill-indexes.ts --aws [--from <cursor>]
 * on AWS, with an operator's credentials (infra/README.md, « Migrations »). Safe to run twice.
 */
import { resolve } from 'node:path';
import { contextFromEnv } from '@aides/services/context-from-env';
import { backfillIndexes } from '@aides/services/maintenance/backfill-indexes';
import { storeEnvFromRunningStart } from './local/retention-timer.ts';

const args = process.argv.slice(2);
const from = args.includes('--from') ? args[args.indexOf('--from') + 1] : undefined;
try {
  const env = args.includes('--aws')
    ? (process.env as Record<string, string>)
    : {
        ...storeEnvFromRunningStart(resolve(process.env.AIDES_DATA_DIR ?? '.data')),
        AWS_REGION: 'eu-west-3',
      };
  const ctx = contextFromEnv(env);
  const totals = await backfillIndexes(ctx, {
    cursor: from,
    onPage: (p) => p.cursor && console.error(`… reprise possible avec --from ${p.cursor}`),
  });
  console.log(JSON.stringify(totals));
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
}
