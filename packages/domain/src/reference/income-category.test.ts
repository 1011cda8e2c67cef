import { describe, expect, it } from 'vitest';
import { ceilingsFor, incomeCategory } from './income-category.ts';

describe('ANAH income category', () => {
  it.each([
    // year, size, income, expected
    [2024, 1, 17009, 'very_modest'], // ceiling exactly met (inclusive)
    [2024, 1, 17010, 'modest'],
    [2024, 1, 21805, 'modest'],
    [2024, 1, 21806, 'intermediate'],
    [2024, 1, 30549, 'intermediate'],
    [2024, 1, 30550, 'high'],
    [2025, 4, 45234, 'modest'],
    [2025, 4, 63844, 'intermediate'],
    [2023, 5, 69081, 'intermediate'],
    [2023, 5, 69082, 'high'],
    // household of 7 in 2024: 5-person ceiling + 2 × increment
    [2024, 7, 40002 + 2 * 5045, 'very_modest'],
    [2024, 7, 40002 + 2 * 5045 + 1, 'modest'],
    [2024, 7, 72400 + 2 * 9165, 'intermediate'],
    [2024, 7, 72400 + 2 * 9165 + 1, 'high'],
  ] as const)('%i, %i persons, RFR %i → %s', (year, size, income, expected) => {
    const r = incomeCategory(year, size, income);
    expect(r.ok && r.category).toBe(expected);
    expect(r.ok && r.exactYear).toBe(true);
  });

  it('household of 7 ceilings are computed from the increment', () => {
    const r = ceilingsFor(2025, 7);
    expect(r.ok && r.ceilings).toMatchObject({
      veryModestMax: 40388 + 2 * 5094,
      intermediateMax: 73098 + 2 * 9254,
    });
  });

  it('falls back to the latest loaded year and says so', () => {
    const r = incomeCategory(2026, 2, 30000);
    expect(r.ok && r.exactYear).toBe(false);
    expect(r.ok && r.ceilings.year).toBe(2025);
  });

  it('refuses a year before any table and bad sizes', () => {
    expect(incomeCategory(2020, 2, 1).ok).toBe(false);
    expect(ceilingsFor(2024, 0).ok).toBe(false);
    expect(ceilingsFor(2019, 2).ok).toBe(false);
  });
});
