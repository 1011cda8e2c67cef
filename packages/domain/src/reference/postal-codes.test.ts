import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { AGGLOMERATION_COMMUNES } from './communes-data.ts';
import { postalCodeMismatch } from './postal-codes.ts';
import { POSTAL_CODES_BY_INSEE } from './postal-codes-data.ts';

describe('postal codes of the member communes (@etalab/decoupage-administratif)', () => {
  it('the bundled table matches the package (regenerate with scripts/generate-postal-codes.ts)', {
    timeout: 60_000,
  }, () => {
    const require = createRequire(import.meta.url);
    const all = require('@etalab/decoupage-administratif/data/communes.json') as {
      code: string;
      type: string;
      codesPostaux?: string[];
    }[];
    const byCode = new Map(all.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
    for (const c of AGGLOMERATION_COMMUNES)
      expect(POSTAL_CODES_BY_INSEE[c.insee]).toEqual([...(byCode.get(c.insee)?.codesPostaux ?? [])].sort());
    expect(Object.keys(POSTAL_CODES_BY_INSEE)).toHaveLength(100);
  });

  it.each([
    ['62400', '62119', undefined], // Béthune
    ['75001', '62119', 'Le code postal 75001 ne correspond pas à Béthune : son code postal est 62400.'],
    ['62190', '62516', undefined], // Lillers
    ['62400', '62516', 'Le code postal 62400 ne correspond pas à Lillers : son code postal est 62190.'],
    ['75001', '75056', undefined], // not a member: the eligibility says so, not this check
  ] as const)('%s in %s → %s', (postalCode, insee, message) => {
    expect(postalCodeMismatch(postalCode, insee)).toBe(message);
  });
});
