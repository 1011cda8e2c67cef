import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createTestApi } from './api.ts';
import { apiClient } from './api-client.ts';

/**
 * The HTTP API over a real socket on a free loopback port: the same client as `createTestApi`,
 * but every call goes through Node's HTTP server and `fetch`, as a browser's or curl's would.
 */
export async function createHttpTestApi() {
  const api = await createTestApi();
  const server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const overHttp = {
    request: (input: string, init?: RequestInit) => fetch(input.replace('http://localhost', origin), init),
  } as unknown as Pick<Hono, 'request'>;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { ...api, origin, close, ...apiClient({ app: overHttp, tokenFor: api.tokenFor }) };
}
