import { jobSchema } from '@aides/domain';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { requestUploadInput } from './attachments/upload-input.ts';
import { decisionInput } from './bureau/decisions.ts';
import { createSessionInput } from './bureau/sessions.ts';
import { createEnvelopeInput } from './finance/envelopes.ts';
import { paymentInput } from './finance/payments.ts';
import { proposeInput, verdictInput } from './instruction/instruction.ts';

// Issue 18, point 5: people read French labels, never the values the code stores.
const CODE_WORDS =
  /\b(valid|reason|kind|grant|refusal|favourable|unfavourable|adjourned|advance|instalment|balance|agglomeration|anah|region|cdi|cdd|apprenticeship)\b/;

const messages = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return r.error?.issues.map((i) => i.message) ?? [];
};

describe('validation messages in plain French', () => {
  it.each([
    ['the verdict on a document', verdictInput, { valid: 'peut-être' }],
    ['the kind of proposal', proposeInput, { kind: 'autre', text: 'x' }],
    ['the Bureau’s decision', decisionInput, { dossierId: 'd', outcome: 'peut-être' }],
    ['a payment', paymentInput, { funder: 'departement', kind: 'don', amountCents: 100 }],
    [
      'an envelope',
      createEnvelopeInput,
      { scheme: 'FTE', year: 2026, funder: 'departement', amountCents: 100 },
    ],
    ['a job’s contract', jobSchema, { title: 'Vendeur', contract: 'interim', workingTimePct: 100 }],
  ])('%s names the choices as people read them', (_what, schema, input) => {
    const found = messages(schema as z.ZodType, input);
    expect(found.length).toBeGreaterThan(0);
    for (const m of found) expect(m).not.toMatch(CODE_WORDS);
  });

  it('says what is wrong with an empty file, and the expected form of a number', () => {
    const upload = { documentType: 'quote', fileName: 'devis.pdf', contentType: 'application/pdf', size: 0 };
    expect(messages(requestUploadInput, upload)).toEqual([
      'Fichier vide : choisissez le fichier qui contient le document',
    ]);
    const [deliberation] = messages(decisionInput, {
      dossierId: 'd',
      outcome: 'favourable',
      deliberationNumber: 'n° 12 !',
    });
    expect(deliberation).toMatch(/par exemple B2026-015/);
    expect(deliberation).not.toMatch(/invalide/);
    expect(messages(createSessionInput, { number: 'séance 1', date: '2026-12-15' })[0]).toMatch(
      /par exemple/,
    );
  });
});
