import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anahCeilings } from '../reference/anah-ceilings.ts';
import { DEFAULT_SOURCE } from '../schemes/enums.ts';
import { fte2021 } from '../schemes/fte.ts';
import { builtInRuleSets } from '../schemes/registry.ts';
import { checkCeilingTable, mergeCeilings, parseCeilingsCsv } from './ceilings.ts';
import {
  buildNewVersion,
  figureFields,
  figureInputValue,
  formatFigure,
  parseFigureInput,
} from './rule-set-form.ts';

/** Every `{ value, source }` node of a value, by dotted path (the figures, found without the schema). */
function figureNodes(node: unknown, path: string[] = []): string[] {
  if (node === null || typeof node !== 'object') return [];
  const rec = node as Record<string, unknown>;
  if (typeof rec.value === 'number' && typeof rec.source === 'string') return [path.join('.')];
  return Object.entries(rec).flatMap(([k, v]) => (k === 'deliberation' ? [] : figureNodes(v, [...path, k])));
}

describe('the admin form of a rule set, from its zod schema', () => {
  it.each(builtInRuleSets.map((r) => [`${r.scheme} ${r.version}`, r] as const))(
    '%s: every figure, with a French label and a unit; cents and basis points never shown',
    (_name, r) => {
      const fields = figureFields(r);
      expect(fields.map((f) => f.path).sort()).toEqual(figureNodes(r).sort());
      for (const f of fields) {
        expect(f.label).not.toMatch(/Cents|Bp\b|Pct|_/);
        if (/Cents$/.test(f.path)) expect(['euros', 'euros_per_m2', 'euros_per_unit']).toContain(f.unit);
        if (/Bp$/.test(f.path)) expect(f.unit).toBe('percent_bp');
        expect(f.isDefault).toBe(f.source === DEFAULT_SOURCE);
        expect(formatFigure(f.unit, f.value)).not.toMatch(/centime/);
      }
    },
  );

  it('reads what people type in euros and percent, and shows it back the same way', () => {
    expect(parseFigureInput('euros', '1 500,50')).toBe(150050);
    expect(parseFigureInput('percent_bp', '12,5 %')).toBe(1250);
    expect(parseFigureInput('count', '3')).toBe(3);
    expect(parseFigureInput('count', '3,5')).toBeNull();
    expect(parseFigureInput('euros', '1,234')).toBeNull();
    expect(parseFigureInput('euros', 'abc')).toBeNull();
    expect(figureInputValue('euros_per_m2', 1000)).toBe('10');
    expect(figureInputValue('percent_bp', 1250)).toBe('12,5');
    expect(formatFigure('percent_bp', 2000)).toBe('20 %');
  });
});

describe('a new version', () => {
  const base = { effectiveFrom: '2026-06-01', deliberation: { reference: 'DEL-1', date: '2026-05-20' } };

  it('changes the figures asked, with the deliberation as their source, and keeps the rest', () => {
    const r = buildNewVersion(
      fte2021,
      { ...base, figures: { 'amounts.works.vmc.amountCents': { value: 50000 } } },
      ['2017', '2021'],
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ruleSet.version).toBe('2026-06-01');
    const vmc = figureFields(r.ruleSet).find((f) => f.path === 'amounts.works.vmc.amountCents');
    expect(vmc).toMatchObject({ value: 50000, isDefault: false });
    expect(vmc?.source).toMatch(/^Délibération DEL-1 du /);
    expect(r.changes).toHaveLength(1);
    expect(figureFields(r.ruleSet).filter((f) => f.isDefault)).toHaveLength(figureFields(fte2021).length - 1);
    // « confirmDefaults »: every figure left at its default takes the deliberation as source.
    const all = buildNewVersion(fte2021, { ...base, figures: {}, confirmDefaults: true }, ['2026-06-01']);
    expect(all.ok && all.ruleSet.version).toBe('2026-06-01-2');
    expect(all.ok && figureFields(all.ruleSet).filter((f) => f.isDefault)).toEqual([]);
  });

  it('refuses an unknown figure, a negative rate, an earlier date and a missing reference, each at its pointer', () => {
    const r = buildNewVersion(
      fte2021,
      {
        effectiveFrom: '2020-01-01',
        deliberation: { reference: ' ', date: '2026-05-20' },
        figures: {
          'amounts.works.spa.amountCents': { value: 1 },
          'amounts.works.efficient_heating.rateBp': { value: -1 },
        },
      },
      [],
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.pointer).sort()).toEqual([
      '/deliberation/reference',
      '/effectiveFrom',
      '/figures/amounts.works.efficient_heating.rateBp/value',
      '/figures/amounts.works.spa.amountCents',
    ]);
    for (const e of r.errors) expect(e.message).toMatch(/[éèàç]|obligatoire|inconnu/);
  });
});

describe('ANAH ceilings', () => {
  it('the project’s copy of the reference file parses to the built-in table, which passes the checks', () => {
    const csv = readFileSync(new URL('../reference/anah_plafonds_hors_idf.csv', import.meta.url), 'utf8');
    const parsed = parseCeilingsCsv(csv);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows).toEqual(anahCeilings);
    for (const year of [2023, 2024, 2025])
      expect(
        checkCeilingTable(
          year,
          anahCeilings.filter((r) => r.year === year),
        ),
      ).toEqual([]);
  });

  it('refuses a ceiling that decreases with the household size or across categories, or a missing size', () => {
    const rows = anahCeilings.filter((r) => r.year === 2025);
    const down = rows.map((r) => (r.householdSize === 3 ? { ...r, intermediateMax: 40000 } : r));
    expect(
      checkCeilingTable(2025, down)
        .map((e) => e.message)
        .join(),
    ).toMatch(/croître|baisse/);
    const dropped = rows.map((r) => (r.householdSize === 4 ? { ...r, modestMax: 38000 } : r));
    expect(checkCeilingTable(2025, dropped)[0]?.message).toMatch(/baisse ou stagne avec la taille du foyer/);
    expect(checkCeilingTable(2025, rows.slice(1))[0]?.message).toMatch(/1 personne : ligne manquante/);
  });

  it('a published year replaces the built-in one; other years stay', () => {
    const rows = anahCeilings.filter((r) => r.year === 2025).map((r) => ({ ...r, year: 2026 }));
    const merged = mergeCeilings(anahCeilings, [{ year: 2026, rows }]);
    expect(merged.filter((r) => r.year === 2026)).toHaveLength(6);
    expect(merged.filter((r) => r.year === 2025)).toHaveLength(6);
  });
});
