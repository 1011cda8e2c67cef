import { describe, expect, it } from 'vitest';
import { testReference } from '../testing/fixtures.ts';
import {
  checkTpeLocationConfirmation,
  qpvOptionsFor,
  tpeLocationLabel,
} from './tpe-location-confirmation.ts';

const reference = {
  ...testReference(),
  qpv: [
    { code: 'QN06201M', name: 'Mont-Liébaut', communes: ['62119'] },
    { code: 'QN06211M', name: 'Cités minières', communes: ['62178', '62617'] },
  ],
  qpvList: { generation: '2024', demonstration: true, source: 'Liste de démonstration' },
};
const check = (classification: 'rural' | 'qpv', insee: string, qpvCode?: string) =>
  checkTpeLocationConfirmation({ classification, qpvCode }, insee, 3000, reference, 'INSEE 2023');

describe('the instructor confirms a TPE’s location (issue 14)', () => {
  // Worked examples: Saint-Venant 2,999 inhabitants (rural), Béthune 25,224 (not rural).
  it.each([
    [
      'Saint-Venant confirmed rural',
      'rural',
      '62770',
      undefined,
      { classification: 'rural', population: 2999 },
    ],
    [
      'Béthune confirmed in its QPV',
      'qpv',
      '62119',
      'QN06201M',
      {
        classification: 'qpv',
        qpv: { code: 'QN06201M', name: 'Mont-Liébaut', generation: '2024', demonstration: true },
      },
    ],
    [
      'code in lower case with spaces',
      'qpv',
      '62119',
      ' qn06201m ',
      { classification: 'qpv', qpv: { code: 'QN06201M' } },
    ],
  ] as const)('%s', (_label, classification, insee, code, expected) => {
    const r = check(classification, insee, code);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.value).toMatchObject({
        ...expected,
        populationSource: 'INSEE 2023',
        ruralPopulationBelow: 3000,
      });
  });

  it.each([
    ['Béthune is not rural', 'rural', '62119', undefined, '/classification', 'pas moins de 3'],
    ['rural with a QPV: never both', 'rural', '62770', 'QN06201M', '/qpvCode', 'jamais les deux'],
    ['a rural commune cannot be QPV', 'qpv', '62770', 'QN06201M', '/classification', 'classé rural'],
    ['QPV without a district', 'qpv', '62119', undefined, '/qpvCode', 'Choisissez le quartier'],
    [
      'a code nowhere in the list',
      'qpv',
      '62119',
      'QN99999Z',
      '/qpvCode',
      'liste en vigueur à la date du dépôt',
    ],
    ['a district of another commune', 'qpv', '62119', 'QN06211M', '/qpvCode', 'pas situé à Béthune'],
    ['a commune outside the agglomeration', 'rural', '59350', undefined, '/classification', 'pas membre'],
  ] as const)(
    '%s is refused with the field and a French reason',
    (_l, classification, insee, code, pointer, text) => {
      const r = check(classification, insee, code);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors).toContainEqual({ pointer, detail: expect.stringContaining(text) });
    },
  );

  it('the districts offered are those of the firm’s commune', () => {
    expect(qpvOptionsFor(reference, '62617').map((q) => q.code)).toEqual(['QN06211M']);
    expect(qpvOptionsFor(reference, '62770')).toEqual([]);
  });

  it('staff read the confirmed classification, or that it is still to confirm', () => {
    expect(tpeLocationLabel(undefined)).toBe('Classement à confirmer');
    const r = check('qpv', '62119', 'QN06201M');
    if (!r.ok) throw new Error('expected ok');
    const c = {
      ...r.value,
      origin: 'instruction' as const,
      by: 's',
      byName: 'I',
      at: '2026-01-01T00:00:00Z',
    };
    expect(tpeLocationLabel(c)).toBe('Classement confirmé : QPV (QN06201M, Mont-Liébaut)');
    const rural = check('rural', '62770');
    if (!rural.ok) throw new Error('expected ok');
    expect(tpeLocationLabel({ ...rural.value, origin: 'import', by: 's', byName: 'I', at: 'x' })).toBe(
      'Classement repris de l’historique : rural (Saint-Venant, 2\u202f999 habitants)',
    );
  });
});
