import { describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/support/api.ts';
import { raw } from '../../../test/support/api-client.ts';

describe('request bodies at the edge', () => {
  it('drops "__proto__" keys, refuses bodies over 256 KB (413) and nesting past 32 levels (400)', async () => {
    const api = await createTestApi();
    const created = await api.call(
      'demo-menage',
      'POST',
      '/api/dossiers',
      raw('{"scheme":"FTE","application":{"__proto__":{"admin":true},"applicant":{"lastName":"ok"}}}'),
    );
    expect(created.status).toBe(201);
    const read = await api.call('demo-menage', 'GET', `/api/dossiers/${created.body.id}`);
    expect(read.body.application).toEqual({ applicant: { lastName: 'ok' }, scheme: 'FTE' });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();

    const huge = await api.call('demo-menage', 'POST', '/api/dossiers', {
      scheme: 'FTE',
      application: { x: 'a'.repeat(300_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toMatch(/problem\+json/);

    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const nested = await api.call('demo-menage', 'POST', '/api/dossiers', {
      scheme: 'FTE',
      application: deep as Record<string, unknown>,
    });
    expect(nested.status).toBe(400);

    const broken = await api.call('demo-menage', 'POST', '/api/dossiers', raw('{"scheme":'));
    expect(broken.status).toBe(400);
    expect(broken.body.detail).toMatch(/JSON valide/);
  });
});
