import { describe, expect, it } from 'vitest';
import { essApplication, fteApplication, habitatApplication, tpeApplication } from '../testing/fixtures.ts';
import { DRAFT_LIMITS, draftSchemas } from './draft.ts';
import { validateDraft } from './validate.ts';

const withoutFilingDate = <T extends { filingDate?: string }>({ filingDate: _f, ...rest }: T) => rest;
const errorsOf = (input: unknown) => {
  const r = validateDraft('FTE', input);
  return r.ok ? [] : r.errors;
};
const fte = (extra: Record<string, unknown>) => ({ scheme: 'FTE', ...extra });

describe('drafts by allowlist', () => {
  it('accepts every complete application of the fixtures, and any part of one', () => {
    for (const a of [fteApplication(), tpeApplication(), essApplication(), habitatApplication()]) {
      expect(validateDraft(a.scheme, withoutFilingDate(a))).toMatchObject({ ok: true });
    }
    expect(validateDraft('FTE', fte({ applicant: { lastName: 'Dupont' }, works: [{}] })).ok).toBe(true);
    // Values the full check refuses are kept in a draft: the estimate lists them.
    expect(validateDraft('FTE', fte({ works: [{ type: 'inconnu', amountHtCents: -5 }] })).ok).toBe(true);
  });

  it('refuses unknown keys at every level, each at its own JSON pointer, in French', () => {
    const errors = errorsOf(
      fte({
        '': 1,
        constructor: { prototype: { polluted: true } },
        toString: 'x',
        'clé é🙂\u202e': 1,
        household: { size: 2, hasOwnProperty: 1 },
        works: [{ type: 'vmc', company: { name: 'SARL', 'a/b~c': 1 } }],
      }),
    );
    expect(errors.map((e) => e.path).sort()).toEqual(
      [
        '/',
        '/constructor',
        '/toString',
        '/clé é🙂\u202e',
        '/household/hasOwnProperty',
        '/works/0/company/a~1b~0c',
      ].sort(),
    );
    expect(errors.find((e) => e.path === '/constructor')?.message).toBe('Champ inconnu : « constructor »');
    expect(errors.find((e) => e.path === '/')?.message).toBe('Champ sans nom non reconnu');
  });

  it('numbers must be safe integers: no 1e308, no 40-digit integer, no Infinity, no decimals', () => {
    for (const size of [
      1e308,
      -1e308,
      Number('1234567890123456789012345678901234567890'),
      Infinity,
      2.5,
      2 ** 53,
    ]) {
      const errors = errorsOf(fte({ household: { size } }));
      expect(errors.map((e) => e.path)).toEqual(['/household/size']);
    }
    expect(validateDraft('FTE', fte({ household: { size: -0 } })).ok).toBe(true);
  });

  it('wrong kinds, nulls, long texts and long lists are refused', () => {
    expect(errorsOf(fte({ household: 'trois' })).map((e) => e.path)).toEqual(['/household']);
    expect(errorsOf(fte({ applicant: { lastName: null } })).map((e) => e.path)).toEqual([
      '/applicant/lastName',
    ]);
    expect(errorsOf(fte({ applicant: { lastName: 'x'.repeat(DRAFT_LIMITS.text + 1) } }))[0]?.message).toMatch(
      /Texte trop long/,
    );
    expect(
      errorsOf(fte({ works: Array.from({ length: DRAFT_LIMITS.list + 1 }, () => ({})) }))[0]?.message,
    ).toMatch(/Liste trop longue/);
    expect(errorsOf(fte({ filingDate: '2020-01-01' })).map((e) => e.path)).toEqual(['/filingDate']);
    expect(errorsOf({ scheme: 'TPE' }).map((e) => e.path)).toEqual(['/scheme']);
  });

  it('a flood of unknown keys gets a short answer', () => {
    const flood = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    const errors = errorsOf(fte(flood));
    expect(errors).toHaveLength(51);
    expect(errors.at(-1)?.message).toBe('… et 4950 autres erreurs');
  });

  it('covers every scheme', () => {
    expect(Object.keys(draftSchemas)).toEqual(['FTE', 'TPE', 'ESS', 'HABITAT']);
  });
});
