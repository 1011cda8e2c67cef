import type { FteApplication } from '../applications/schemas.ts';
import { applyRate, formatEuros, formatRate, sumCents } from '../money/money.ts';
import { type FteWorkType, fteWorkTypeLabels } from '../schemes/enums.ts';
import type { FteRuleSet } from '../schemes/rule-set.ts';
import type { AmountLine } from './types.ts';

export function fteLines(app: FteApplication, ruleSet: FteRuleSet): AmountLine[] {
  const byType = new Map<FteWorkType, { ttc: number; surface?: number; units?: number }>();
  for (const w of app.works) {
    const acc = byType.get(w.type) ?? { ttc: 0 };
    acc.ttc += w.amountTtcCents;
    if (w.surfaceM2 !== undefined) acc.surface = (acc.surface ?? 0) + w.surfaceM2;
    if (w.units !== undefined) acc.units = (acc.units ?? 0) + w.units;
    byType.set(w.type, acc);
  }
  const lines: AmountLine[] = [];
  for (const [type, acc] of byType) {
    const rule = ruleSet.amounts.works[type];
    const label = fteWorkTypeLabels[type];
    if (!rule) {
      lines.push({
        label,
        funder: 'agglomeration',
        baseCents: acc.ttc,
        amountCents: 0,
        explanation: `non financé par le règlement ${ruleSet.version}.`,
      });
      continue;
    }
    if (rule.kind === 'per_unit') {
      const qty = rule.unit === 'm2' ? acc.surface : (acc.units ?? 1);
      const unit = rule.unit === 'm2' ? 'm²' : 'unité(s)';
      if (qty === undefined) {
        lines.push({
          label,
          funder: 'agglomeration',
          baseCents: acc.ttc,
          amountCents: 0,
          explanation: 'surface non renseignée : aide nulle en attendant la surface.',
        });
        continue;
      }
      const raw = qty * rule.centsPerUnit.value;
      const amount = Math.min(raw, rule.capCents.value, acc.ttc);
      lines.push({
        label,
        funder: 'agglomeration',
        baseCents: acc.ttc,
        amountCents: amount,
        explanation: `${qty} ${unit} × ${formatEuros(rule.centsPerUnit.value)} = ${formatEuros(raw)}, plafonné à ${formatEuros(rule.capCents.value)} et au coût TTC ${formatEuros(acc.ttc)} : ${formatEuros(amount)}.`,
      });
    } else if (rule.kind === 'rate') {
      const raw = applyRate(acc.ttc, rule.rateBp.value);
      const amount = Math.min(raw, rule.capCents.value);
      lines.push({
        label,
        funder: 'agglomeration',
        baseCents: acc.ttc,
        amountCents: amount,
        explanation: `${formatRate(rule.rateBp.value)} de ${formatEuros(acc.ttc)} TTC = ${formatEuros(raw)}, plafonné à ${formatEuros(rule.capCents.value)} : ${formatEuros(amount)}.`,
      });
    } else {
      const amount = Math.min(rule.amountCents.value, acc.ttc);
      lines.push({
        label,
        funder: 'agglomeration',
        baseCents: acc.ttc,
        amountCents: amount,
        explanation: `forfait de ${formatEuros(rule.amountCents.value)}${amount < rule.amountCents.value ? `, limité au coût TTC ${formatEuros(acc.ttc)}` : ''} : ${formatEuros(amount)}.`,
      });
    }
  }
  const bouquet = ruleSet.amounts.bouquet;
  const distinct = lines.filter((l) => l.amountCents > 0).length;
  if (bouquet && distinct >= bouquet.minDistinctWorks.value) {
    lines.push({
      label: 'Bouquet de travaux',
      funder: 'agglomeration',
      baseCents: 0,
      amountCents: bouquet.bonusCents.value,
      explanation: `${distinct} postes de travaux financés (au moins ${bouquet.minDistinctWorks.value}) : prime de ${formatEuros(bouquet.bonusCents.value)}.`,
    });
  }
  const sum = sumCents(lines.map((l) => l.amountCents));
  const cap = ruleSet.amounts.dossierCapCents.value;
  if (sum > cap) {
    lines.push({
      label: 'Plafond par dossier',
      funder: 'agglomeration',
      baseCents: sum,
      amountCents: cap - sum,
      explanation: `total des postes ${formatEuros(sum)} ramené au plafond de ${formatEuros(cap)} par dossier.`,
    });
  }
  return lines;
}
