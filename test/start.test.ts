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

async function waitForHealth(url: string, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`pas de réponse de ${url}`);
}

describe('npm start', () => {
  it('serves health with both stores up and leaves no process behind on Ctrl-C', async () => {
    const port = await freePort();
    child = spawn('npm', ['start'], {
      env: { ...process.env, PORT: String(port), AIDES_DATA_DIR: dataDir },
      detached: true,
      stdio: 'ignore',
    });
    const res = await waitForHealth(`http://localhost:${port}/api/health`, 90_000);
    expect(await res.json()).toMatchObject({ statut: 'ok' });
    expect(javaPidsUnder(dataDir)).toHaveLength(1);
    // Loopback only (issue 11.8): /dev/token mints admin tokens, so no other address may answer.
    for (const address of nonLoopbackIPv4()) {
      await expect(fetch(`http://${address}:${port}/api/health`)).rejects.toThrow();
    }
    const exited = new Promise((r) => child?.once('exit', r));
    process.kill(-(child.pid as number), 'SIGINT');
    await exited;
    // Give the group a moment: every process of it, Java included, must be gone.
    await new Promise((r) => setTimeout(r, 1500));
    expect(javaPidsUnder(dataDir)).toEqual([]);
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
