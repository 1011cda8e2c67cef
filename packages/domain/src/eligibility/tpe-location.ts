import type { ReferenceData } from '../reference/reference-data.ts';
import { findCommune } from './common.ts';

/**
 * Where a business is, for the TPE rule: in a rural commune (population under the rule set's
 * threshold) or in a QPV of its own commune, never both (issue 14). A QPV counts only if it is in
 * the list in force on the filing date and lies in the firm's commune; the instructor then
 * confirms the address is inside its perimeter, and that confirmation is what the report counts.
 */
export type TpeLocation =
  | {
      readonly kind: 'rural';
      readonly communeName: string;
      readonly population: number;
      /** A QPV was declared too: rural wins, the QPV is not counted (never both). */
      readonly qpvIgnored?: string;
    }
  | { readonly kind: 'qpv'; readonly code: string; readonly name: string }
  | { readonly kind: 'none'; readonly why: string };

const inhabitants = (n: number): string => new Intl.NumberFormat('fr-FR').format(n);

export function tpeLocation(
  app: { address: { communeInsee: string }; qpvCode?: string | undefined },
  ruralPopulationBelow: number,
  reference: ReferenceData,
): TpeLocation {
  const commune = findCommune(reference, app.address.communeInsee);
  if (!commune) return { kind: 'none', why: 'Commune hors de l’agglomération.' };
  const code = app.qpvCode?.trim().toUpperCase() || undefined;
  const qpv = code ? reference.qpv.find((q) => q.code === code) : undefined;
  if (code && !qpv)
    return {
      kind: 'none',
      why: `Le quartier prioritaire ${code} ne figure pas dans la liste en vigueur à la date du dépôt.`,
    };
  if (qpv && !qpv.communes.includes(commune.insee)) {
    const where = qpv.communes
      .map((insee) => reference.communes.find((c) => c.insee === insee)?.name ?? insee)
      .join(', ');
    return {
      kind: 'none',
      why: `Le quartier prioritaire ${qpv.name} (${qpv.code}) est situé à ${where}, pas à ${commune.name}.`,
    };
  }
  if (commune.population < ruralPopulationBelow) {
    const rural = { kind: 'rural', communeName: commune.name, population: commune.population } as const;
    return qpv ? { ...rural, qpvIgnored: `${qpv.name} (${qpv.code})` } : rural;
  }
  if (qpv) return { kind: 'qpv', code: qpv.code, name: qpv.name };
  return {
    kind: 'none',
    why: `${commune.name} compte ${inhabitants(commune.population)} habitants, pas moins de ${inhabitants(ruralPopulationBelow)}, et l’établissement n’est pas déclaré dans un quartier prioritaire de cette commune.`,
  };
}

/** The classification the report counts: rural or QPV (null: the rule says neither). */
export type TpeClassification = 'rural' | 'qpv';

/**
 * What the report, the exports and the Bureau count: the instructor's confirmation; for a dossier
 * not confirmed yet, the rule's own verdict on the filed location (`computed`, from `tpeLocation`
 * with the QPV list in force on the filing date), never « a QPV code was typed ». `confirmed`
 * says which of the two it is, so every count can say how many were not confirmed.
 */
export function tpeClassificationOf(
  d: { locationConfirmation?: { classification: TpeClassification } | undefined },
  computed: () => TpeLocation,
): { classification: TpeClassification | null; confirmed: boolean } {
  if (d.locationConfirmation)
    return { classification: d.locationConfirmation.classification, confirmed: true };
  const where = computed();
  return { classification: where.kind === 'none' ? null : where.kind, confirmed: false };
}
