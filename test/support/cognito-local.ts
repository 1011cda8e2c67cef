/**
 * cognito-local (a Cognito user pool API emulator, npm) in a child process, with its Lambda
 * client pointed at an HTTP server of ours that answers the Lambda Invoke API with the trigger
 * handlers given: sign-up → confirm → trigger runs as it would on AWS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'aws-lambda';

const START = resolve(fileURLToPath(import.meta.url), '../../../node_modules/cognito-local/lib/bin/start.js');

type Trigger = (event: unknown, context: Context) => Promise<unknown>;

export const lambdaContext = (functionName: string): Context =>
  ({
    awsRequestId: `${functionName}-invocation`,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-3:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    getRemainingTimeInMillis: () => 5_000,
  }) as Context;

/** The Lambda Invoke API, enough for cognito-local: POST /2015-03-31/functions/{name}/invocations. */
async function startLambdaEndpoint(triggers: Record<string, Trigger>): Promise<Server> {
  const server = createServer(async (req, res) => {
    const name = decodeURIComponent(/\/functions\/([^/]+)\/invocations/.exec(req.url ?? '')?.[1] ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const trigger = triggers[name];
    try {
      if (!trigger) throw new Error(`No trigger ${name}`);
      const result = await trigger(JSON.parse(Buffer.concat(chunks).toString('utf8')), lambdaContext(name));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    } catch (error) {
      res
        .writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
        .end(JSON.stringify({ errorMessage: String(error) }));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

export interface CognitoLocal {
  readonly endpoint: string;
  /** What cognito-local printed (its trigger errors are logged, not returned). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts cognito-local on a free port; `triggers` maps a trigger name to its handler. */
export async function startCognitoLocal(
  triggers: Partial<Record<'PostConfirmation' | 'PreTokenGeneration', Trigger>> = {},
): Promise<CognitoLocal> {
  const lambda = await startLambdaEndpoint(triggers as Record<string, Trigger>);
  const dir = mkdtempSync(join(tmpdir(), 'cognito-local-'));
  mkdirSync(join(dir, '.cognito'));
  const lambdaPort = (lambda.address() as AddressInfo).port;
  writeFileSync(
    join(dir, '.cognito/config.json'),
    JSON.stringify({
      LambdaClient: {
        endpoint: `http://127.0.0.1:${lambdaPort}`,
        region: 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      },
      TriggerFunctions: Object.fromEntries(Object.keys(triggers).map((t) => [t, t])),
    }),
  );
  const child: ChildProcess = spawn(process.execPath, [START], {
    cwd: dir,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const endpoint = await new Promise<string>((ok, fail) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /running on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m?.[1]) ok(m[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`cognito-local exited (${code}): ${out}`)));
  });
  return {
    endpoint,
    output: () => out,
    stop: async () => {
      child.kill();
      if (child.exitCode === null) await once(child, 'exit');
      lambda.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
