import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP proxy in front of DynamoDB Local or s3rver that fails chosen calls. DynamoDB
 * operations are named by the `X-Amz-Target` header (`TransactWriteItems`, `GetItem`…); S3 ones by
 * method (`GET`, `HEAD`, `PUT`, `POST`, `DELETE`). A rule fails the Nth matching call (1-based)
 * and the `times - 1` calls after it (the SDK's retries of the same call), with a 500 or by
 * dropping the connection — before forwarding, or after the store has done the work.
 */
export type FaultMode = '500' | 'drop' | 'drop-after';

export interface FaultRule {
  readonly op: string;
  readonly nth: number;
  readonly times?: number;
  readonly mode: FaultMode;
}

export interface FaultProxy {
  readonly url: string;
  /** Operations seen, in order (after the last `reset`). */
  readonly calls: string[];
  fail(rule: FaultRule): void;
  reset(): void;
  close(): Promise<void>;
}

const opOf = (req: IncomingMessage) => {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  return req.method ?? 'GET';
};

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const calls: string[] = [];
  const counts = new Map<string, number>();
  let rules: FaultRule[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const op = opOf(req);
      calls.push(op);
      const n = (counts.get(op) ?? 0) + 1;
      counts.set(op, n);
      const rule = rules.find((r) => r.op === op && n >= r.nth && n < r.nth + (r.times ?? 1));
      if (rule?.mode === '500') {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
            message: 'fault injected',
          }),
        );
        return;
      }
      if (rule?.mode === 'drop') {
        req.socket.destroy();
        return;
      }
      const body = Buffer.concat(chunks);
      const up = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (upRes) => {
          if (rule?.mode === 'drop-after') {
            upRes.resume();
            upRes.on('end', () => req.socket.destroy());
            return;
          }
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on('error', () => req.socket.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    fail: (rule) => {
      rules.push(rule);
    },
    reset: () => {
      rules = [];
      calls.length = 0;
      counts.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
