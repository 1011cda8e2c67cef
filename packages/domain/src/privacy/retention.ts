/**
 * How long the service keeps what it holds, as data: one rule per kind of record, each with its
 * duration, when its clock starts, what happens at the end, and where the figure comes from. The
 * scheduled retention job, the admin's page and docs/RECORD-OF-PROCESSING.md all read this table;
 * no duration is written anywhere else.
 *
 * Sources were checked with the project's search tool (see each `source.checked`); where the
 * exact line of the agglomeration's own tableau de gestion could not be read, the rule says so and
 * names whom to ask. A changed figure is a changed line here (and a test that ages the demo set).
 */
import type { DossierState } from '../lifecycle/states.ts';

export interface RetentionDuration {
  readonly years?: number;
  readonly months?: number;
  readonly days?: number;
}

export type RetentionAction =
  /** Deleted outright, files and all (nothing to keep: never filed). */
  | 'delete'
  /** Personal data and files deleted; a statistical tombstone stays. */
  | 'purge'
  /** Put on an elimination list (bordereau) for the archives service; purged once an admin records its visa. */
  | 'elimination_list'
  /** Log lines deleted. */
  | 'delete_log';

export type RetentionRuleId = 'draft' | 'refused' | 'withdrawn' | 'granted' | 'access_log';

export interface RetentionSource {
  /** The text, as one would cite it. */
  readonly title: string;
  readonly url?: string;
  /** What the text says that gives the figure, in our words. */
  readonly says: string;
  /** What was checked and what is left to confirm. */
  readonly checked: string;
}

export interface RetentionRule {
  readonly id: RetentionRuleId;
  /** What it applies to, as people say it. */
  readonly label: string;
  /** The dossier states it applies to (none for the access log). */
  readonly states: readonly DossierState[];
  readonly duration: RetentionDuration;
  /** When the clock starts, in French. */
  readonly clockStarts: string;
  readonly action: RetentionAction;
  /** Days before the end when the applicant is warned (drafts only). */
  readonly warningDays?: number;
  readonly sources: readonly RetentionSource[];
}

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    id: 'draft',
    label: 'Brouillons jamais déposés',
    states: ['draft'],
    duration: { months: 3 },
    clockStarts: 'dernière modification du brouillon par le demandeur',
    action: 'delete',
    warningDays: 14,
    sources: [
      {
        title:
          'demarches-simplifiees.fr (démarche numérique), ticket #10951 et demande de fusion #11087 « supprimer mon brouillon après 3 mois d’inactivité »',
        url: 'https://github.com/demarche-numerique/demarche.numerique.gouv.fr/issues/10951',
        says: 'Brouillon non modifié depuis 3 mois : un courriel d’avertissement, puis suppression deux semaines après.',
        checked:
          'Lu dans le ticket et la demande de fusion. Ici l’avertissement part 14 jours avant les 3 mois (le ticket 20 le demande ainsi) et la suppression n’a lieu que 14 jours au moins après l’avertissement.',
      },
      {
        title: 'RGPD, article 5.1.e (limitation de la conservation)',
        says: 'Données conservées pas plus longtemps que nécessaire au regard des finalités.',
        checked: 'Principe général ; la durée de 3 mois est un choix de service, à valider par le DPO.',
      },
    ],
  },
  {
    id: 'refused',
    label: 'Dossiers refusés',
    states: ['rejected'],
    duration: { years: 5 },
    clockStarts: 'décision de refus (dernière pièce du dossier)',
    action: 'purge',
    sources: [
      {
        title: 'Code civil, article 2224 (prescription quinquennale des actions personnelles)',
        says: 'Les actions se prescrivent par cinq ans : le dossier reste disponible pour un contentieux éventuel.',
        checked:
          'Texte connu ; la ligne du tableau de gestion des archives pour les demandes d’aide non retenues n’a pas pu être lue hors ligne : à confirmer avec les Archives départementales du Pas-de-Calais.',
      },
      {
        title:
          'Tableau de gestion des documents des communes et de leurs groupements (Archives départementales), principes',
        says: 'La durée d’utilité administrative (DUA) court à compter de la pièce la plus récente du dossier.',
        checked: 'Principe lu dans un tableau de gestion départemental (mise à jour 18/01/2016).',
      },
    ],
  },
  {
    id: 'withdrawn',
    label: 'Dossiers classés sans suite (retirés)',
    states: ['withdrawn'],
    duration: { years: 5 },
    clockStarts: 'classement sans suite (dernière pièce du dossier)',
    action: 'purge',
    sources: [
      {
        title: 'Code civil, article 2224 (prescription quinquennale)',
        says: 'Même durée que les refus : une demande retirée peut encore être discutée pendant cinq ans.',
        checked: 'Choix de service aligné sur les refus, à confirmer avec les Archives départementales.',
      },
    ],
  },
  {
    id: 'granted',
    label: 'Dossiers accordés (soldés ou caducs)',
    states: ['paid', 'lapsed'],
    duration: { years: 10 },
    clockStarts: 'versement du solde ou constat de la caducité',
    action: 'elimination_list',
    sources: [
      {
        title:
          'Instruction DAF/DPACI/RES/2008/008 « Durée d’utilité administrative des documents comptables détenus par les ordonnateurs »',
        says: 'Les pièces comptables que garde l’ordonnateur (engagements, pièces justificatives des versements) ont une DUA de 10 ans.',
        checked:
          'Existence et objet de l’instruction vérifiés (cités par l’instruction DPACI/RES/2009/018 et les tableaux de gestion) ; le chiffre de 10 ans est celui couramment appliqué, le texte intégral n’a pas pu être relu hors ligne.',
      },
      {
        title: 'Code du patrimoine, articles L212-2 et R212-14 (visa d’élimination)',
        says: 'Aucune archive publique n’est détruite sans le visa du service d’archives compétent : d’où le bordereau d’élimination.',
        checked:
          'Principe du visa rappelé par les tableaux de gestion consultés (« le tableau n’a pas valeur de visa d’élimination »).',
      },
    ],
  },
  {
    id: 'access_log',
    label: 'Journal des consultations par le personnel',
    states: [],
    duration: { years: 1 },
    clockStarts: 'date de la consultation',
    action: 'delete_log',
    sources: [
      {
        title:
          'CNIL, recommandation relative aux modalités de conservation et d’usage des données de journalisation (octobre 2021, JO du 30 octobre 2021)',
        url: 'https://www.cnil.fr/fr/la-cnil-publie-une-recommandation-relative-aux-mesures-de-journalisation',
        says: 'Conserver les traces entre six mois et un an (cas général).',
        checked:
          'Lu dans plusieurs comptes rendus de la recommandation ; un an retenu, le maximum du cas général.',
      },
    ],
  },
];

export const retentionRule = (id: RetentionRuleId): RetentionRule => {
  const rule = RETENTION_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`Règle de conservation inconnue : ${id}`);
  return rule;
};

/** The rule that applies to a dossier in `status`, if any (dossiers under way are kept). */
export const retentionRuleForState = (status: DossierState): RetentionRule | undefined =>
  RETENTION_RULES.find((r) => r.states.includes(status));

/** States a dossier can wait in for its retention clock to run out. */
export const RETENTION_STATES: readonly DossierState[] = RETENTION_RULES.flatMap((r) => r.states);

/** `iso` moved by the duration (negative sign to go back), calendar-wise in UTC. */
export function shiftDate(iso: string, d: RetentionDuration, sign: 1 | -1 = 1): string {
  const t = new Date(iso);
  t.setUTCFullYear(t.getUTCFullYear() + sign * (d.years ?? 0));
  t.setUTCMonth(t.getUTCMonth() + sign * (d.months ?? 0));
  t.setUTCDate(t.getUTCDate() + sign * (d.days ?? 0));
  return t.toISOString();
}

/** Anything whose clock started at or before this instant is due at `now`. */
export const retentionCutoff = (rule: RetentionRule, now: string): string =>
  shiftDate(now, rule.duration, -1);

/** « 3 mois », « 10 ans », « 1 an » */
export function durationFr(d: RetentionDuration): string {
  const parts: string[] = [];
  if (d.years) parts.push(`${d.years} an${d.years > 1 ? 's' : ''}`);
  if (d.months) parts.push(`${d.months} mois`);
  if (d.days) parts.push(`${d.days} jour${d.days > 1 ? 's' : ''}`);
  return parts.join(' et ') || '0 jour';
}

export const retentionActionLabels: Record<RetentionAction, string> = {
  delete: 'Suppression complète (avertissement du demandeur avant)',
  purge: 'Purge des données personnelles et des fichiers ; une fiche statistique anonyme reste',
  elimination_list:
    'Bordereau d’élimination soumis au visa des archives, puis purge (fiche statistique conservée)',
  delete_log: 'Suppression des lignes du journal',
};

/** Why a dossier may not be purged now, whatever its rule says. */
export type PurgeBlocker = 'not_terminal' | 'payment_in_progress' | 'open_appeal';

export const purgeBlockerLabels: Record<PurgeBlocker, string> = {
  not_terminal: 'Dossier encore en cours',
  payment_in_progress: 'Versement en cours (engagement non clos)',
  open_appeal: 'Recours ouvert',
};

export function purgeBlockers(o: {
  status: DossierState;
  appeal?: { status: 'open' | 'closed' } | undefined;
  commitmentStatuses: readonly string[];
}): PurgeBlocker[] {
  const out: PurgeBlocker[] = [];
  if (!RETENTION_STATES.includes(o.status)) out.push('not_terminal');
  if (o.commitmentStatuses.some((s) => s === 'active')) out.push('payment_in_progress');
  if (o.appeal?.status === 'open') out.push('open_appeal');
  return out;
}
