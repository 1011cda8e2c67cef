import { describe, expect, it, vi } from 'vitest';
import { webHarness } from '../../test/support/web-harness.ts';
import { CORRELATION_HEADER } from './app.tsx';

describe('correlation id of the web pages', () => {
  it('an unexpected error shows and logs the request id API Gateway gave (set by lambda.ts), not a new one', async () => {
    const h = await webHarness();
    h.app.get('/panne', () => {
      throw new Error('panne simulée');
    });
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
      logged.push(String(line));
    });
    const res = await h.app.request('http://localhost/panne', {
      headers: { [CORRELATION_HEADER]: 'apigw-req-42' },
    });
    spy.mockRestore();
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('apigw-req-42');
    expect(logged.some((l) => JSON.parse(l).correlationId === 'apigw-req-42')).toBe(true);
  });
});
