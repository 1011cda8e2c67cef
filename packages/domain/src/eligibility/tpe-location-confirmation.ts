import type { ReferenceData } from '../reference/reference-data.ts';
import { findCommune } from './common.ts';
import type { TpeClassification, TpeLocation } from './tpe-location.ts';

/**
 * The instructor's confirmation of where a TPE is (issue 14, « rural or QPV, never both, and
 * true »): recorded on the dossier with who and when, before the proposal to the Bureau. It names
 * what it rests on: the commune and the INSEE population used, or the QPV of the list in force on
 * the filing date. The yearly report, the exports and the Bureau count this, not what was typed.
 */
export interface TpeLocationConfirmation {
  readonly classification: TpeClassification;
  readonly communeInsee: string;
  readonly communeName: string;
  /** The commune's population that counted, and which population it is (INSEE, vintage). */
  readonly population: number;
  readonly populationSource: string;
  /** The rule set's threshold: rural means a population strictly below it. */
  readonly ruralPopulationBelow: number;
  readonly qpv?: {
    readonly code: string;
    readonly name: string;
    /** The list's generation and source; a demonstration list is said so. */
    readonly generation: string | null;
    readonly listSource: string;
    readonly demonstration: boolean;
  };
  /** `instruction`: confirmed by an instructor; `import`: the historical classification of an imported file. */
  readonly origin: 'instruction' | 'import';
  readonly by: string;
  readonly byName: string;
  readonly at: string;
  /** Why a confirmed classification was changed (required for a change). */
  readonly reason?: string;
}

export interface LocationFieldError {
  readonly pointer: string;
  readonly detail: string;
}

const inhabitants = (n: number): string => new Intl.NumberFormat('fr-FR').format(n);

/** The districts of the list in force that lie in a commune: what the instructor chooses from. */
export const qpvOptionsFor = (reference: ReferenceData, communeInsee: string) =>
  reference.qpv.filter((q) => q.communes.includes(communeInsee));

/**
 * Checks a classification an instructor wants to confirm against the dossier's commune, the rule
 * set's threshold and the QPV list in force on the filing date (`reference` is loaded for that
 * date). Rural and QPV exclude each other: a rural commune is rural, a QPV must be of the commune.
 */
export function checkTpeLocationConfirmation(
  input: { classification: TpeClassification; qpvCode?: string | undefined },
  communeInsee: string,
  ruralPopulationBelow: number,
  reference: ReferenceData,
  populationSource: string,
):
  | { ok: true; value: Omit<TpeLocationConfirmation, 'origin' | 'by' | 'byName' | 'at' | 'reason'> }
  | { ok: false; errors: LocationFieldError[] } {
  const commune = findCommune(reference, communeInsee);
  if (!commune) {
    return {
      ok: false,
      errors: [
        {
          pointer: '/classification',
          detail: `La commune ${communeInsee} n’est pas membre de l’agglomération : ni rurale ni en quartier prioritaire.`,
        },
      ],
    };
  }
  const rural = commune.population < ruralPopulationBelow;
  const base = {
    communeInsee: commune.insee,
    communeName: commune.name,
    population: commune.population,
    populationSource,
    ruralPopulationBelow,
  };
  const code = input.qpvCode?.trim().toUpperCase() || undefined;
  if (input.classification === 'rural') {
    const errors: LocationFieldError[] = [];
    if (!rural)
      errors.push({
        pointer: '/classification',
        detail: `${commune.name} compte ${inhabitants(commune.population)} habitants, pas moins de ${inhabitants(ruralPopulationBelow)} : ce n’est pas une commune rurale.`,
      });
    if (code)
      errors.push({
        pointer: '/qpvCode',
        detail:
          'Un établissement classé rural n’a pas de quartier prioritaire (jamais les deux) : laissez le quartier vide.',
      });
    return errors.length ? { ok: false, errors } : { ok: true, value: { classification: 'rural', ...base } };
  }
  if (rural) {
    return {
      ok: false,
      errors: [
        {
          pointer: '/classification',
          detail: `${commune.name} compte ${inhabitants(commune.population)} habitants, moins de ${inhabitants(ruralPopulationBelow)} : l’établissement est classé rural, jamais les deux.`,
        },
      ],
    };
  }
  if (!code)
    return {
      ok: false,
      errors: [
        { pointer: '/qpvCode', detail: 'Choisissez le quartier prioritaire dans la liste de la commune.' },
      ],
    };
  const qpv = reference.qpv.find((q) => q.code === code);
  if (!qpv)
    return {
      ok: false,
      errors: [
        {
          pointer: '/qpvCode',
          detail: `Le quartier prioritaire ${code} ne figure pas dans la liste en vigueur à la date du dépôt.`,
        },
      ],
    };
  if (!qpv.communes.includes(commune.insee))
    return {
      ok: false,
      errors: [
        {
          pointer: '/qpvCode',
          detail: `Le quartier prioritaire ${qpv.name} (${qpv.code}) n’est pas situé à ${commune.name}.`,
        },
      ],
    };
  return {
    ok: true,
    value: {
      classification: 'qpv',
      ...base,
      qpv: {
        code: qpv.code,
        name: qpv.name,
        generation: reference.qpvList?.generation ?? null,
        listSource: reference.qpvList?.source ?? '',
        demonstration: reference.qpvList?.demonstration ?? false,
      },
    },
  };
}

/**
 * What staff read: « Classement confirmé : rural (Saint-Venant, 2 999 habitants) »,
 * « Classement confirmé : QPV (QN06201M, Mont-Liébaut) », or « Classement à confirmer ».
 */
export function tpeLocationLabel(c: TpeLocationConfirmation | undefined): string {
  if (!c) return 'Classement à confirmer';
  const what =
    c.classification === 'qpv'
      ? `QPV (${c.qpv?.code ?? '?'}, ${c.qpv?.name ?? '?'})`
      : `rural (${c.communeName}, ${inhabitants(c.population)} habitants)`;
  return `Classement ${c.origin === 'import' ? 'repris de l’historique' : 'confirmé'} : ${what}`;
}

/** The rule's own verdict on a filed location, as a classification (null: neither). */
export const computedClassification = (where: TpeLocation): TpeClassification | null =>
  where.kind === 'none' ? null : where.kind;

/**
 * An imported dossier of an earlier year carries its historical classification (issue 14): QPV
 * when the file named a district, rural otherwise, as it was decided then; not re-judged against
 * today's lists (a 2015-generation code is kept as it was).
 */
export function importedTpeLocation(
  application: { qpvCode?: string | undefined },
  commune: { insee: string; name: string; population: number } | undefined,
  o: { ruralPopulationBelow: number; populationSource: string; by: string; byName: string; at: string },
): TpeLocationConfirmation {
  const code = application.qpvCode?.trim().toUpperCase() || undefined;
  return {
    classification: code ? 'qpv' : 'rural',
    communeInsee: commune?.insee ?? '',
    communeName: commune?.name ?? '',
    population: commune?.population ?? 0,
    populationSource: o.populationSource,
    ruralPopulationBelow: o.ruralPopulationBelow,
    ...(code
      ? { qpv: { code, name: code, generation: null, listSource: 'Dossier importé', demonstration: false } }
      : {}),
    origin: 'import',
    by: o.by,
    byName: o.byName,
    at: o.at,
  };
}
