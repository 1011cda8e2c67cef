import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, raw } from '../support/api-client.ts';
import { createHttpTestApi } from '../support/http-api.ts';
import { HOUSEHOLD } from './fixtures.ts';

/**
 * No draft body gives a 5xx (issue 11.5): through real HTTP against the local API, bodies whose
 * keys or numbers DynamoDB or later code cannot take get a French problem+json 400 with the
 * field's pointer, and nothing is written. The bodies are raw text, so `1e400`, `-0` and the
 * 40-digit integer reach the server exactly as typed.
 */
let api: Awaited<ReturnType<typeof createHttpTestApi>>;
beforeAll(async () => {
  api = await createHttpTestApi();
});
afterAll(async () => {
  await api?.close();
});

const HOSTILE: readonly (readonly [string, string, string])[] = [
  ['empty key', '{"":1}', '/application/'],
  ['key "constructor"', '{"constructor":{"prototype":{"polluted":true}}}', '/application/constructor'],
  [
    'key "constructor" in a nested object',
    '{"household":{"constructor":1}}',
    '/application/household/constructor',
  ],
  ['non-ASCII key', '{"clé🙂\\u202e":1}', '/application/clé🙂\u202e'],
  ['1e400 (Infinity)', '{"household":{"size":1e400}}', '/application/household/size'],
  ['1e308', '{"works":[{"amountHtCents":1e308}]}', '/application/works/0/amountHtCents'],
  [
    'a 40-digit integer',
    '{"household":{"taxIncomeEuros":1234567890123456789012345678901234567890}}',
    '/application/household/taxIncomeEuros',
  ],
  ['an unknown field', '{"notes":"x"}', '/application/notes'],
];

const expectFrenchProblem = (res: ApiResponse, pointer: string) => {
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.title).toBe('Requête invalide');
  expect(res.body.detail).toBe('Brouillon invalide.');
  expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
};

describe('hostile drafts over HTTP', () => {
  it.each(HOSTILE)(
    'POST /api/dossiers with %s: 400 problem+json, no dossier',
    async (_why, application, pointer) => {
      const before = (await api.call(HOUSEHOLD, 'GET', '/api/dossiers')).body.items.length;
      const res = await api.call(
        HOUSEHOLD,
        'POST',
        '/api/dossiers',
        raw(`{"scheme":"FTE","application":${application}}`),
      );
      expectFrenchProblem(res, pointer);
      expect((await api.call(HOUSEHOLD, 'GET', '/api/dossiers')).body.items.length).toBe(before);
    },
  );

  it.each(HOSTILE)(
    'PUT /api/dossiers/{id} with %s: 400 problem+json, draft unchanged',
    async (_why, application, pointer) => {
      const created = await api.call(HOUSEHOLD, 'POST', '/api/dossiers', { scheme: 'FTE', application: {} });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const res = await api.call(
        HOUSEHOLD,
        'PUT',
        `/api/dossiers/${id}`,
        raw(`{"application":${application}}`),
        {
          'if-match': '"1"',
        },
      );
      expectFrenchProblem(res, pointer);
      const after = await api.call(HOUSEHOLD, 'GET', `/api/dossiers/${id}`);
      expect(after.body.version).toBe(1);
    },
  );

  it('-0 and ordinary partial drafts are saved', async () => {
    const res = await api.call(
      HOUSEHOLD,
      'POST',
      '/api/dossiers',
      raw('{"scheme":"FTE","application":{"household":{"size":-0},"applicant":{"lastName":"Dupont"}}}'),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const saved = await api.call(HOUSEHOLD, 'GET', `/api/dossiers/${res.body.id}`);
    expect(saved.body.application).toMatchObject({
      household: { size: 0 },
      applicant: { lastName: 'Dupont' },
    });
  });
});
