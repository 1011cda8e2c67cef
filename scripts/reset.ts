import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const dataDir = resolve(process.env.AIDES_DATA_DIR ?? '.data');
rmSync(dataDir, { recursive: true, force: true });
console.log(
  `Données locales effacées (${dataDir}). Au prochain « npm start », les données de démonstration seront recréées.`,
);
