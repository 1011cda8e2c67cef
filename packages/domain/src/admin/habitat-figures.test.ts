import { describe, expect, it } from 'vitest';
import { habitat2024, habitatMpr2024, habitatMpr2025Reopening } from '../schemes/habitat.ts';
import { buildNewVersion, figureFields } from './rule-set-form.ts';

// The admin form is generated from the schema: the Habitat sets of issue 14 (tables by classes
// gained, rates by category, AMO lump sums) must appear in it, with their units, and a new version
// built from them must still be a valid rule set.
describe('admin figures of the Habitat sets from 2024', () => {
  it('lists the works ceilings by classes gained and the rates by category, with units', () => {
    const f = new Map(figureFields(habitatMpr2024).map((x) => [x.path, x]));
    expect(f.get('amounts.energy.worksCapHtCents.2.value')).toMatchObject({
      label: 'Montants — Rénovation énergétique — Plafond des travaux HT — à partir de 4 classes gagnées',
      unit: 'euros',
      value: 7_000_000,
    });
    expect(f.get('amounts.energy.anahRateBp.high.1.value')).toMatchObject({
      unit: 'percent_bp',
      value: 3500,
    });
    expect(f.get('amounts.energy.publicAidTtcMaxBp.modest')).toMatchObject({
      unit: 'percent_bp',
      value: 8000,
    });
    expect(f.get('amounts.autonomy.amoLumpSumCents.complet')).toMatchObject({ unit: 'euros', value: 60_000 });
    expect(f.get('eligibility.topUpEnergyGainAbovePct')).toMatchObject({ unit: 'percent', value: 35 });
  });

  it('the legacy set is read with its own schema', () => {
    const paths = figureFields(habitat2024).map((x) => x.path);
    expect(paths).toContain('amounts.energy.anahRateBp.very_modest');
    expect(paths).toContain('eligibility.energyGainMinPct');
  });

  it('a new version changing a step of a table is a valid rule set', () => {
    const r = buildNewVersion(
      habitatMpr2025Reopening,
      {
        effectiveFrom: '2026-01-01',
        deliberation: { reference: 'B-2026-01', date: '2025-12-15' },
        figures: { 'amounts.energy.worksCapHtCents.1.value': { value: 4_500_000 } },
      },
      ['mpr-2025-09'],
    );
    expect(r.ok, JSON.stringify(!r.ok && r.errors)).toBe(true);
    if (!r.ok) return;
    expect(
      r.ruleSet.scheme === 'HABITAT' &&
        r.ruleSet.regime === 'mpr' &&
        r.ruleSet.amounts.energy.worksCapHtCents[1],
    ).toEqual({
      fromClassesGained: 3,
      value: { value: 4_500_000, source: 'Délibération B-2026-01 du 15 décembre 2025' },
    });
  });
});
