import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  advancePosition,
  repaymentErrors,
  repaymentSchedule,
  termsErrors,
} from './repayable-advance.ts';

describe('repayable advance schedule', () => {
  it.each([
    // terms, disbursed on, expected instalments (due date, cents)
    [
      '10,000 € after 12 months, 4 quarterly',
      { amountCents: 1_000_000, deferralMonths: 12, instalments: 4, periodMonths: 3 },
      '2026-03-15',
      [
        ['2027-03-15', 250_000],
        ['2027-06-15', 250_000],
        ['2027-09-15', 250_000],
        ['2027-12-15', 250_000],
      ],
    ],
    [
      '100 € in 3 monthly: the last takes the remainder',
      { amountCents: 10_000, deferralMonths: 0, instalments: 3, periodMonths: 1 },
      '2026-01-31',
      [
        ['2026-01-31', 3_333],
        ['2026-02-28', 3_333],
        ['2026-03-31', 3_334],
      ],
    ],
  ] as const)('%s', (_l, terms, day, expected) => {
    expect(repaymentSchedule(terms, day).map((i) => [i.dueDate, i.amountCents])).toEqual(expected);
  });

  it('addMonths keeps the last day of shorter months', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 13)).toBe('2028-01-15');
  });

  it('lists the late instalments and what is overdue', () => {
    const schedule = repaymentSchedule(
      { amountCents: 1_000_000, deferralMonths: 12, instalments: 4, periodMonths: 3 },
      '2025-01-10',
    );
    // Due 2026-01-10 (paid), 2026-04-10 (half paid), 2026-07-10 (not paid), 2026-10-10 (not yet due on 2026-09-01).
    const p = advancePosition(
      schedule,
      [
        { date: '2026-01-08', amountCents: 250_000 },
        { date: '2026-04-20', amountCents: 125_000 },
      ],
      '2026-09-01',
    );
    expect(p.repaidCents).toBe(375_000);
    expect(p.outstandingCents).toBe(625_000);
    expect(p.overdueCents).toBe(375_000);
    expect(p.instalments.filter((i) => i.late).map((i) => i.number)).toEqual([2, 3]);
  });

  it('refuses bad terms and repayments in French', () => {
    expect(
      termsErrors({ amountCents: 0, deferralMonths: -1, instalments: 0, periodMonths: 13 }),
    ).toHaveLength(4);
    expect(repaymentErrors({ date: '2026-01-01', amountCents: 500 }, 400, '2025-01-01')[0]).toMatch(
      /dépasse ce qui reste dû \(4,00/,
    );
    expect(repaymentErrors({ date: '2024-01-01', amountCents: 100 }, 400, '2025-01-01')).toEqual([
      'Un remboursement ne peut précéder le versement de l’avance.',
    ]);
  });

  it('property: the schedule sums to the amount, dates increase, instalments differ by less than their count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 12 }),
        fc.date({ min: new Date('2017-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }),
        (amountCents, deferralMonths, instalments, periodMonths, d) => {
          const s = repaymentSchedule(
            { amountCents, deferralMonths, instalments, periodMonths },
            d.toISOString().slice(0, 10),
          );
          expect(s.reduce((a, i) => a + i.amountCents, 0)).toBe(amountCents);
          for (let k = 1; k < s.length; k += 1)
            expect((s[k]?.dueDate ?? '') > (s[k - 1]?.dueDate ?? '')).toBe(true);
          const amounts = s.map((i) => i.amountCents);
          expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThan(instalments);
        },
      ),
    );
  });

  it('property: outstanding = amount − repaid, never negative; overdue ≤ outstanding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 10_000_000 }),
        fc.integer({ min: 1, max: 24 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 10 }),
        fc.integer({ min: 0, max: 120 }),
        (amountCents, instalments, payments, monthsLater) => {
          const s = repaymentSchedule(
            { amountCents, deferralMonths: 6, instalments, periodMonths: 3 },
            '2025-01-01',
          );
          let left = amountCents;
          const repayments = payments.flatMap((p) => {
            const a = Math.min(p, left);
            left -= a;
            return a > 0 ? [{ date: '2025-06-01', amountCents: a }] : [];
          });
          const pos = advancePosition(s, repayments, addMonths('2025-01-01', monthsLater));
          expect(pos.outstandingCents).toBe(amountCents - pos.repaidCents);
          expect(pos.outstandingCents).toBeGreaterThanOrEqual(0);
          expect(pos.overdueCents).toBeLessThanOrEqual(pos.outstandingCents);
          expect(pos.instalments.reduce((a, i) => a + i.paidCents, 0)).toBe(pos.repaidCents);
        },
      ),
    );
  });
});
