import { spawnSync } from 'node:child_process';

export class JavaMissingError extends Error {
  constructor(detail: string) {
    super(
      `Java 17 ou plus récent est nécessaire pour DynamoDB Local (${detail}).\n` +
        'Installez-le, par exemple : sudo apt-get install openjdk-17-jre-headless (Debian/Ubuntu) ' +
        'ou brew install openjdk@17 (macOS), puis relancez la commande.',
    );
    this.name = 'JavaMissingError';
  }
}

/** Checks that `java` runs and is at least version 17, before anything else starts. */
export function assertJava17(): void {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error) throw new JavaMissingError('commande « java » introuvable');
  const text = `${r.stderr}${r.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) throw new JavaMissingError('version de Java illisible');
  const major = match[1] === '1' ? Number(match[2]) : Number(match[1]);
  if (major < 17) throw new JavaMissingError(`version ${major} trouvée`);
}
