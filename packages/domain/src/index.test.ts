import { describe, expect, it } from 'vitest';
import * as domain from './index.ts';

const api: Record<string, unknown> = { ...domain };

describe('public API', () => {
  it.each([
    'checkEligibility',
    'computeAmounts',
    'applyAdjustment',
    'canTransition',
    'availableActions',
    'checkPayment',
    'ruleSetInForce',
    'referenceFor',
    'formatEuros',
    'validateApplication',
    'validateDraft',
    'isValidSiret',
    'isValidSiren',
    'isValidNumeroFiscal',
    'isValidReferenceAvis',
    'isValidIban',
    'maskIban',
    'loadAgglomerationCommunes',
    'incomeCategory',
  ] as const)('exports %s', (name) => {
    expect(typeof api[name]).toBe('function');
  });
  it('exports the schemas, tables and enums', () => {
    expect(Object.keys(domain.applicationSchemas)).toEqual(['FTE', 'TPE', 'ESS', 'HABITAT']);
    expect(domain.applicationSchema).toBeDefined();
    expect(Object.keys(domain.draftSchemas)).toEqual(['FTE', 'TPE', 'ESS', 'HABITAT']);
    expect(domain.FUNDERS).toEqual(['agglomeration', 'anah', 'region', 'etat']);
    expect(domain.PAYMENT_KINDS).toEqual(['advance', 'instalment', 'balance']);
    expect(domain.builtInRuleSets.map((r) => `${r.scheme} ${r.version}`)).toEqual([
      'FTE 2017',
      'FTE 2021',
      'TPE 2017',
      'TPE 2024',
      'TPE 2026',
      'ESS AAP-2022',
      'ESS AAP-2024',
      'ESS 2017',
      'ESS 2024',
      'HABITAT 2024',
      'HABITAT mpr-2024',
      'HABITAT mpr-2025',
      'HABITAT mpr-2025-09',
    ]);
    expect(domain.documentTypesByScheme.HABITAT).toContain('autonomy_assessment');
  });
});
