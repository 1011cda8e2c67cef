import { describe, expect, it } from 'vitest';
import { assess } from '../assessment/assess.ts';
import { builtInRuleSets } from '../schemes/registry.ts';
import {
  addressIn,
  essApplication,
  fteApplication,
  habitatApplication,
  testReference,
  tpeApplication,
} from '../testing/fixtures.ts';
import { validateApplication } from './validate.ts';

const ref = testReference();
const errorsOf = (
  app: Record<string, unknown> & { scheme: 'FTE' | 'TPE' | 'ESS' | 'HABITAT' },
  date: string,
) => {
  const a = assess(app, builtInRuleSets, ref, date);
  return a.ok ? [] : a.reason === 'invalid' ? a.errors : [{ path: '', message: a.message }];
};

describe('plausibility: what the report saw accepted is refused, in French, at its field', () => {
  it.each([
    // the case, the application, the pointer, the message (part)
    [
      'a reference income of 9,999,999,999 €',
      fteApplication({ household: { size: 2, taxIncomeEuros: 9_999_999_999, taxIncomeYear: 2023 } }),
      '/household/taxIncomeEuros',
      /Revenu fiscal de référence improbable/,
    ],
    [
      'a household of 0 persons',
      fteApplication({ household: { size: 0, taxIncomeEuros: 38_000, taxIncomeYear: 2023 } }),
      '/household/size',
      /au moins une personne/,
    ],
    [
      'a birth date in 2030',
      fteApplication({ applicant: { lastName: 'Martin', firstName: 'Claire', birthDate: '2030-01-01' } }),
      '/applicant/birthDate',
      /ne peut pas être postérieure à la date de dépôt/,
    ],
    [
      'a birth date 130 years ago',
      habitatApplication({ applicant: { lastName: 'Martin', firstName: 'Claire', birthDate: '1890-01-01' } }),
      '/applicant/birthDate',
      /improbable/,
    ],
    [
      'a beneficiary born after the filing',
      habitatApplication({ autonomy: { beneficiaryBirthDate: '2025-01-01' } }),
      '/autonomy/beneficiaryBirthDate',
      /postérieure/,
    ],
    [
      'an income year after the filing year',
      fteApplication({ household: { size: 2, taxIncomeEuros: 38_000, taxIncomeYear: 2025 } }),
      '/household/taxIncomeYear',
      /postérieure à l’année du dépôt/,
    ],
    [
      'postal code 75001 for Béthune (FTE)',
      fteApplication({ address: { ...addressIn('62119', 'Béthune'), postalCode: '75001' } }),
      '/address/postalCode',
      /ne correspond pas à Béthune/,
    ],
    [
      'postal code 75001 for Béthune (TPE)',
      tpeApplication({ address: { ...addressIn('62119', 'Béthune'), postalCode: '75001' } }),
      '/address/postalCode',
      /ne correspond pas à Béthune/,
    ],
    [
      'postal code 75001 for Béthune (ESS)',
      essApplication({ address: { ...addressIn('62119', 'Béthune'), postalCode: '75001' } }),
      '/address/postalCode',
      /ne correspond pas à Béthune/,
    ],
  ] as const)('%s', (_case, app, pointer, message) => {
    const errors = errorsOf(app, app.filingDate ?? '2024-06-01');
    const e = errors.find((x) => x.path === pointer);
    expect(e?.message, JSON.stringify(errors)).toMatch(message);
  });

  it('the fixtures themselves are plausible', () => {
    for (const app of [fteApplication(), tpeApplication(), essApplication(), habitatApplication()])
      expect(errorsOf(app, app.filingDate ?? '')).toEqual([]);
  });

  it('fiscal identifiers are normalised (spaces, lower case) as the DGFiP API expects them', () => {
    const r = validateApplication(
      fteApplication({
        household: {
          size: 2,
          taxIncomeEuros: 38_000,
          taxIncomeYear: 2023,
          notices: [{ numeroFiscal: '1234 5678 9006 6', referenceAvis: '2377a12345678' }],
        },
      }),
    );
    expect(r.ok && r.value.scheme === 'FTE' && r.value.household.notices).toEqual([
      { numeroFiscal: '1234567890066', referenceAvis: '2377A12345678' },
    ]);
  });
});
