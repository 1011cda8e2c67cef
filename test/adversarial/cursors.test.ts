import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/api.ts';
import { BUREAU, HOUSEHOLD, INSTRUCTOR } from './fixtures.ts';

/**
 * A pagination cursor is opaque: one this API did not hand out (garbage, another list's, another
 * person's) is a 400 problem+json pointing at `cursor`, on every paginated list — never a 500.
 */
let api: Awaited<ReturnType<typeof createTestApi>>;
beforeAll(async () => {
  api = await createTestApi();
});

const forged = [
  'nimporte-quoi',
  Buffer.from(JSON.stringify({ pk: 'OWNER#quelquun-dautre', sk: 'DOSSIER#x' })).toString('base64url'),
  Buffer.from('[1,2,3]').toString('base64url'),
];

describe('forged pagination cursors', () => {
  const lists = {
    '/api/dossiers': (c: string) => api.call(HOUSEHOLD, 'GET', `/api/dossiers?cursor=${c}`),
    '/api/sessions': (c: string) => api.call(BUREAU, 'GET', `/api/sessions?cursor=${c}`),
    '/api/queues': (c: string) =>
      api.call(INSTRUCTOR, 'GET', `/api/queues?scheme=FTE&status=submitted&cursor=${c}`),
  };
  it.each(Object.entries(lists))('%s: 400 on /cursor', async (_, list) => {
    for (const cursor of forged) {
      const res = await list(encodeURIComponent(cursor));
      expect(res.status, `${cursor} → ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ pointer: '/cursor', detail: 'Curseur invalide' }]);
    }
  });
});
