import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContext } from '@aides/services/context';
import { runWorksReminders } from '@aides/services/notifications/reminders';
import { createStore } from '@aides/store';

/**
 * The daily works-reminder check, by hand, against the running `npm start` (its DynamoDB Local):
 * `npm run reminders` (today) or `npm run reminders -- --now 2027-01-15` (as if that day). The
 * e-mails it prepares go out through the running notifier to the local inbox.
 */
const dataDir = resolve(process.env.AIDES_DATA_DIR ?? '.data');
const at = process.argv.indexOf('--now');
const day = at >= 0 ? process.argv[at + 1] : new Date().toISOString().slice(0, 10);
if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
  console.error('Usage : npm run reminders -- --now AAAA-MM-JJ');
  process.exit(2);
}
let endpoints: { dynamoEndpoint: string; tableName: string };
try {
  endpoints = JSON.parse(readFileSync(join(dataDir, 'local-endpoints.json'), 'utf8'));
} catch {
  console.error('Lancez d’abord `npm start` (aucune pile locale trouvée sous .data/).');
  process.exit(1);
}
const store = createStore({
  tableName: endpoints.tableName,
  bucketName: 'aides-pieces',
  region: 'eu-west-3',
  dynamoEndpoint: endpoints.dynamoEndpoint,
});
const result = await runWorksReminders(createContext(store), day);
console.log(
  `Rappels du ${day} : ${result.reminded} courriel(s) préparé(s), ${result.dropped} rappel(s) sans objet retiré(s).`,
);
