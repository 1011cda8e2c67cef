import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRate, eurosToCents, formatEuros, formatRate } from './money.ts';

describe('money', () => {
  it.each([
    [0, '0,00 €'],
    [123456, '1 234,56 €'],
    [700000, '7 000,00 €'],
  ])('formatEuros(%i) = %s', (cents, text) => {
    expect(formatEuros(cents).replace(/[\u202f\u00a0]/g, ' ')).toBe(text);
  });
  it('formats rates', () => {
    expect(formatRate(3000)).toBe('30 %');
    expect(formatRate(3550).replace(/\u00a0/g, ' ')).toBe('35,5 %');
  });
  it('converts euros', () => expect(eurosToCents(22_000)).toBe(2_200_000));
  it('applyRate rounds down and stays integer', () => {
    expect(applyRate(333, 5000)).toBe(166);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 10_000 }), (base, bp) => {
        const r = applyRate(base, bp);
        return Number.isInteger(r) && r <= base && r >= 0;
      }),
    );
  });
  it('rejects non-integer cents', () => expect(() => applyRate(1.5, 100)).toThrow());
});

describe('dates as people read them', () => {
  it('one formatter: long French date, « 1er », Paris time, dates inside a text', async () => {
    const { formatDateFr, formatDateTimeFr, formatDatesIn } = await import('./dates.ts');
    expect(formatDateFr('2026-12-15')).toBe('15 décembre 2026');
    expect(formatDateFr('2024-02-01')).toBe('1er février 2024');
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(formatDateFr('2026-12-31T23:30:00Z')).toBe('1er janvier 2027');
    expect(formatDateTimeFr('2026-12-15T08:30:00Z')).toBe('15 décembre 2026 à 09:30');
    expect(formatDatesIn('Séance n° 2026-12 du 2026-12-15')).toBe('Séance n° 2026-12 du 15 décembre 2026');
  });
});
