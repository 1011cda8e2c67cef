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
