import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContext } from '@aides/services/context';
import { serve } from '@hono/node-server';
import { createDevIssuer } from './local/dev-issuer.ts';
import { JavaMissingError } from './local/java.ts';
import { listenAddress } from './local/listen-address.ts';
import { startLocalNotifier } from './local/notifications/local-notifier.ts';
import { startRetentionTimer, writeStoreEndpoints } from './local/retention-timer.ts';
import { seedDemoData } from './local/seed.ts';
import { createLocalApp } from './local/server.ts';
import { startLocalStack } from './local/stack.ts';

// `npm start [-- --fresh]`: the whole system on one machine, data kept under .data/.
const dataDir = resolve(process.env.AIDES_DATA_DIR ?? '.data');
const port = Number(process.env.PORT ?? 3000);
const { hostname, warning } = listenAddress();
const origin = `http://localhost:${port}`;

if (process.argv.includes('--fresh')) {
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`Données locales effacées (${dataDir}).`);
}

let stopStack: () => Promise<void> = async () => {};
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nArrêt en cours…');
  await stopStack();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// If whatever launched us (npm, tsx) dies without passing a signal on, stop too: no orphan Java.
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    void shutdown(0);
  }
}, 1_000).unref();

try {
  console.log('Démarrage de DynamoDB Local et du serveur S3 embarqué…');
  const stack = await startLocalStack({ dataDir, webOrigin: origin });
  stopStack = stack.stop;
  const issuer = await createDevIssuer(join(dataDir, 'dev-issuer-key.json'));
  const ctx = createContext(stack.store);
  // Personal data (issue 20): the retention job on a timer, and where to find the stores by hand.
  writeStoreEndpoints(dataDir, stack.store);
  startRetentionTimer(ctx, (m) => console.log(m));
  // E-mail: the mail catcher, the stream poller (notifier) and the daily reminders.
  const notifier = await startLocalNotifier(ctx, {
    webOrigin: origin,
    ...(process.env.MAIL_SMTP_PORT ? { smtpPort: Number(process.env.MAIL_SMTP_PORT) } : {}),
    ...(process.env.MAIL_WEB_PORT ? { webPort: Number(process.env.MAIL_WEB_PORT) } : {}),
    log: (m) => console.log(m),
  }).catch(async (e) => {
    await stack.stop();
    throw e;
  });
  stopStack = async () => {
    await notifier.stop();
    await stack.stop();
  };
  writeFileSync(
    join(dataDir, 'local-endpoints.json'),
    JSON.stringify({
      dynamoEndpoint: stack.store.config.dynamoEndpoint,
      tableName: stack.store.config.tableName,
    }),
  );
  console.log(
    `Courriels : boîte de réception locale ${notifier.catcher.inboxUrl} (SMTP sur le port ${notifier.catcher.smtpPort})`,
  );
  const app = createLocalApp({ deps: { ctx }, issuer });
  const server = serve({ fetch: app.fetch, port, hostname }, () => {
    if (warning) console.warn(warning);
    console.log(
      `Prêt : ${origin} (écoute sur ${hostname})  (connexion de démonstration : ${origin}/connexion, santé : ${origin}/api/health)`,
    );
    // Demo dossiers are built through the real use cases once per data folder, while serving.
    seedDemoData(ctx, (m) => console.log(m)).catch((e: Error) =>
      console.error(`Données de démonstration incomplètes : ${e.message}`),
    );
  });
  server.on('error', (e) => {
    console.error(`Le serveur web n'a pas pu démarrer sur le port ${port} : ${e.message}`);
    void shutdown(1);
  });
  stopStack = async () => {
    server.close();
    await notifier.stop();
    await stack.stop();
  };
} catch (e) {
  console.error(e instanceof JavaMissingError ? e.message : `Échec du démarrage : ${(e as Error).message}`);
  await shutdown(1);
}
