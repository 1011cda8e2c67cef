/** Money is integer euro cents everywhere; rates are integer basis points (1 % = 100 bp). */
export type Cents = number;
export type BasisPoints = number;

export const BP_100_PERCENT = 10_000;

export function assertCents(value: number, what = 'montant'): Cents {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${what} : entier de centimes attendu, reçu ${value}`);
  return value;
}

/** Whole euros → cents. */
export function eurosToCents(euros: number): Cents {
  return assertCents(Math.round(euros * 100));
}

/** base × rate, rounded down to the cent (an aid is never rounded up). */
export function applyRate(baseCents: Cents, rateBp: BasisPoints): Cents {
  assertCents(baseCents);
  assertCents(rateBp, 'taux');
  return Math.floor((baseCents * rateBp) / BP_100_PERCENT);
}

export function minCents(...values: Cents[]): Cents {
  return Math.min(...values);
}

export function clamp(value: Cents, min: Cents, max: Cents): Cents {
  return Math.max(min, Math.min(max, value));
}

export function sumCents(values: readonly Cents[]): Cents {
  return values.reduce((a, b) => a + b, 0);
}

// Made on first use: the first Intl formatter loads ICU data, a cost no cold start needs to pay.
let eurFormatter: Intl.NumberFormat | undefined;

/** For the edge only: 123456 → "1 234,56 €" (French narrow no-break spaces). */
export function formatEuros(cents: Cents): string {
  eurFormatter ??= new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
  return eurFormatter.format(cents / 100);
}

/** A rate for humans: 3000 → "30 %". */
export function formatRate(rateBp: BasisPoints): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(rateBp / 100)} %`;
}
