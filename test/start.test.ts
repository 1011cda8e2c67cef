import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/local/embedded-stores.ts';

// `npm start` as a person runs it: a real process tree, then Ctrl-C (SIGINT to the group).
const dataDir = mkdtempSync(join(tmpdir(), 'aides-start-'));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const javaPidsUnder = (dir: string) => {
  const out = execSync('ps -eo pid,args', { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes('DynamoDBLocal.jar') && l.includes(dir));
};

const nonLoopbackIPv4 = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && !i.internal && i.family === 'IPv4')
    .map((i) => i?.address as string);

/** Resolves with what it printed when the server says it is ready; rejects if the process ends first. */
function ready(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (d) => {
      output += String(d);
      if (output.includes('Prêt :')) resolve(output);
    });
    child.stderr?.on('data', (d) => {
      output += String(d);
    });
    child.once('exit', (code) => reject(new Error(`npm start s'est arrêté (${code}) : ${output}`)));
  });
}

describe('npm start', () => {
  it('serves health with both stores up and leaves no process behind on Ctrl-C', async () => {
    const port = await freePort();
    child = spawn('npm', ['start'], {
      env: {
        ...process.env,
        PORT: String(port),
        AIDES_DATA_DIR: dataDir,
        MAIL_SMTP_PORT: String(await freePort()),
        MAIL_WEB_PORT: String(await freePort()),
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const printed = await ready(child);
    // The mail catcher (issue 13 §2): its inbox address is printed, and it answers.
    const inbox = /boîte de réception locale (http:\/\/localhost:\d+\/)/.exec(printed)?.[1];
    expect(inbox, printed).toBeDefined();
    expect((await fetch(`${inbox}api/email`)).status).toBe(200);
    const res = await fetch(`http://localhost:${port}/api/health`);
    expect(await res.json()).toMatchObject({ statut: 'ok' });
    expect(javaPidsUnder(dataDir)).toHaveLength(1);
    // Loopback only (issue 11.8): /dev/token mints admin tokens, so no other address may answer.
    for (const address of nonLoopbackIPv4()) {
      await expect(fetch(`http://${address}:${port}/api/health`)).rejects.toThrow();
    }
    // The pipes close when the last process holding them ends: npm, tsx and the server, which
    // exits only once DynamoDB Local's Java process has (scripts/local/embedded-stores.ts).
    const closed = new Promise((r) => child?.stdout?.once('close', r));
    process.kill(-(child.pid as number), 'SIGINT');
    await closed;
    expect(javaPidsUnder(dataDir)).toEqual([]);
    // Nothing answers on the inbox's port any more.
    await expect(fetch(`${inbox}api/email`)).rejects.toThrow();
  }, 120_000);

  it('without Java says what to install and starts nothing', async () => {
    // A PATH with the project's Node 24 and tsx but no java.
    const port = await freePort();
    const bin = join(process.cwd(), 'node_modules', '.bin');
    const run = spawn(join(bin, 'tsx'), ['scripts/start.ts'], {
      env: { PATH: bin, PORT: String(port), AIDES_DATA_DIR: join(dataDir, 'sans-java'), HOME: tmpdir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stdout?.on('data', (d) => {
      output += String(d);
    });
    run.stderr?.on('data', (d) => {
      output += String(d);
    });
    const code = await new Promise<number | null>((r) => run.once('exit', r));
    expect(code).toBe(1);
    expect(output).toMatch(/Java 17 ou plus récent est nécessaire/);
    expect(output).toMatch(/apt-get install openjdk-17-jre-headless/);
    expect(javaPidsUnder(join(dataDir, 'sans-java'))).toEqual([]);
    await expect(fetch(`http://localhost:${port}/api/health`)).rejects.toThrow();
  }, 60_000);
});
