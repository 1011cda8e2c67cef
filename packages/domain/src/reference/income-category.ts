import { type AnahCeilingRow, anahCeilings } from './anah-ceilings.ts';

export const INCOME_CATEGORIES = ['very_modest', 'modest', 'intermediate', 'high'] as const;
export type IncomeCategory = (typeof INCOME_CATEGORIES)[number];

export const incomeCategoryLabels: Record<IncomeCategory, string> = {
  very_modest: 'très modestes',
  modest: 'modestes',
  intermediate: 'intermédiaires',
  high: 'supérieurs',
};

export interface HouseholdCeilings {
  year: number;
  householdSize: number;
  veryModestMax: number;
  modestMax: number;
  intermediateMax: number;
  source: string;
}

export type CeilingsLookup = { ok: true; ceilings: HouseholdCeilings } | { ok: false; reason: string };

/** Ceilings for one year and household size; above 5 persons, adds the per-person increment. */
export function ceilingsFor(
  year: number,
  householdSize: number,
  table: readonly AnahCeilingRow[] = anahCeilings,
): CeilingsLookup {
  if (!Number.isInteger(householdSize) || householdSize < 1) {
    return { ok: false, reason: `Taille de foyer invalide : ${householdSize}` };
  }
  const rows = table.filter((r) => r.year === year);
  if (rows.length === 0) return { ok: false, reason: `Aucun barème Anah pour l'année ${year}` };
  const base = rows.find((r) => r.householdSize === Math.min(householdSize, 5));
  const extra = rows.find((r) => r.householdSize === 'extra');
  if (!base || (householdSize > 5 && !extra)) {
    return { ok: false, reason: `Barème Anah ${year} incomplet pour un foyer de ${householdSize} personnes` };
  }
  const more = Math.max(0, householdSize - 5);
  return {
    ok: true,
    ceilings: {
      year,
      householdSize,
      veryModestMax: base.veryModestMax + more * (extra?.veryModestMax ?? 0),
      modestMax: base.modestMax + more * (extra?.modestMax ?? 0),
      intermediateMax: base.intermediateMax + more * (extra?.intermediateMax ?? 0),
      source: base.source,
    },
  };
}

/** Ceilings are inclusive: an income exactly at a ceiling belongs to that category. */
export function categoryFromCeilings(taxIncomeEuros: number, c: HouseholdCeilings): IncomeCategory {
  if (taxIncomeEuros <= c.veryModestMax) return 'very_modest';
  if (taxIncomeEuros <= c.modestMax) return 'modest';
  if (taxIncomeEuros <= c.intermediateMax) return 'intermediate';
  return 'high';
}

export type IncomeCategoryResult =
  | { ok: true; category: IncomeCategory; ceilings: HouseholdCeilings; exactYear: boolean }
  | { ok: false; reason: string };

/**
 * The ANAH category for a household, using the ceilings of `year` (the filing year), or the most
 * recent year before it when that year is not loaded yet (`exactYear: false`, to be reviewed).
 */
export function incomeCategory(
  year: number,
  householdSize: number,
  taxIncomeEuros: number,
  table: readonly AnahCeilingRow[] = anahCeilings,
): IncomeCategoryResult {
  const years = [...new Set(table.map((r) => r.year))].filter((y) => y <= year).sort((a, b) => b - a);
  const used = years[0];
  if (used === undefined) return { ok: false, reason: `Aucun barème Anah pour l'année ${year} ni avant` };
  const lookup = ceilingsFor(used, householdSize, table);
  if (!lookup.ok) return lookup;
  return {
    ok: true,
    category: categoryFromCeilings(taxIncomeEuros, lookup.ceilings),
    ceilings: lookup.ceilings,
    exactYear: used === year,
  };
}
