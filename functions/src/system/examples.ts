import { fteApplication } from '@aides/domain/testing/fixtures';

/**
 * Examples for the OpenAPI document, taken from the demo seed (scripts/local/seed.ts): the same
 * application the seed files for a household, its session, its envelopes and its first persona.
 */
const { filingDate: _f, ...seedFteApplication } = fteApplication();

export const examples = {
  createDraft: { scheme: 'FTE', application: seedFteApplication },
  createSession: { number: '2026-DEMO', date: '2026-03-12' },
  createEnvelope: {
    scheme: 'FTE',
    year: 2026,
    funder: 'agglomeration',
    amountCents: 50_000_000,
    label: 'Enveloppe FTE 2026 (démonstration)',
  },
  getMe: {
    sub: 'demo-menage',
    name: 'Camille Martin',
    email: 'camille.martin@example.fr',
    roles: ['applicant'],
  },
} as const satisfies Partial<Record<string, unknown>>;

/** Request body examples by operation id, response body examples by operation id. */
export const requestExamples: Partial<Record<string, unknown>> = {
  createDraft: examples.createDraft,
  createSession: examples.createSession,
  createEnvelope: examples.createEnvelope,
};
export const responseExamples: Partial<Record<string, unknown>> = { getMe: examples.getMe };
