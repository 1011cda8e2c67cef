import { describe, expect, it } from 'vitest';
import { contractViolations } from './support/api-contract.ts';

/** The response validator the API helper runs on every answer: it must catch what the document lacks. */
const json = (extra: Record<string, string> = {}) =>
  new Headers({ 'content-type': 'application/json; charset=utf-8', ...extra });
const problemHeaders = new Headers({ 'content-type': 'application/problem+json; charset=utf-8' });
const problem = (status: number) => ({ type: 'https://x/conflit', title: 'Conflit', status, detail: 'Non.' });
const note = {
  id: 'n1',
  dossierId: 'd1',
  at: '2026-03-12T10:00:00Z',
  authorSub: 's',
  authorName: 'A',
  text: 'Vu.',
};

describe('response validator', () => {
  it('accepts a documented answer and a documented problem', () => {
    expect(contractViolations('POST', '/api/dossiers/d1/notes', 201, json(), note)).toEqual([]);
    expect(contractViolations('PUT', '/api/dossiers/d1', 409, problemHeaders, problem(409))).toEqual([]);
  });

  it('refuses an undocumented status, field, media type, missing ETag or unknown route', () => {
    expect(contractViolations('GET', '/api/dossiers/d1/notes', 409, problemHeaders, problem(409))).toEqual([
      'GET /api/dossiers/{id}/notes : statut 409 non documenté',
    ]);
    expect(
      contractViolations('POST', '/api/dossiers/d1/notes', 201, json(), { ...note, pk: 'DOSSIER#d1' }),
    ).toEqual([expect.stringContaining('additional properties')]);
    expect(
      contractViolations(
        'POST',
        '/api/dossiers/d1/notes',
        201,
        new Headers({ 'content-type': 'text/html' }),
        '',
      ),
    ).toEqual([expect.stringContaining('text/html non documenté')]);
    expect(contractViolations('GET', '/api/dossiers/d1', 200, json(), {})).toEqual(
      expect.arrayContaining(['GET /api/dossiers/{id} 200 : en-tête ETag absent']),
    );
    expect(contractViolations('GET', '/api/nulle-part', 200, json(), {})).toEqual([
      'GET /api/nulle-part : route absente du document',
    ]);
  });
});
