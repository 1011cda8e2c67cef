import { FTE_WORK_TYPES, FUNDERS, fteWorkTypeLabels, funderLabels, type Scheme } from '../schemes/enums.ts';
import { fold } from './french-formats.ts';

/**
 * The import templates: one per scheme, one header row, then one row per dossier; a dossier's
 * further payments take further rows with the same « Référence » right below it. docs/IMPORT.md
 * is written from these definitions (a test keeps both in step).
 */

export type ColumnFormat = 'texte' | 'date' | 'montant' | 'entier' | 'liste';

export interface ImportColumn {
  readonly name: string;
  readonly format: ColumnFormat;
  /** Required on a dossier's first row (a whole column may still be left out when optional). */
  readonly required: 'oui' | 'non' | string;
  readonly help: string;
  /** `dossier`: read on the dossier's first row; `payment`: one payment per row. */
  readonly part: 'dossier' | 'payment';
}

const c = (
  name: string,
  format: ColumnFormat,
  required: ImportColumn['required'],
  help: string,
  part: ImportColumn['part'] = 'dossier',
): ImportColumn => ({ name, format, required, help, part });

export const COL = {
  reference: 'Référence',
  filingDate: 'Date de dépôt',
  beneficiary: 'Bénéficiaire',
  commune: 'Code INSEE',
  status: 'Statut',
  sessionNumber: 'N° de séance',
  sessionDate: 'Date de séance',
  deliberation: 'N° de délibération',
  refusal: 'Motif du refus',
  lapseDate: 'Date de caducité',
  amount: (f: (typeof FUNDERS)[number]) => `Montant ${funderLabels[f]}`,
  paymentKind: 'Nature du versement',
  paymentDate: 'Date du versement',
  paymentFunder: 'Financeur du versement',
  paymentAmount: 'Montant du versement',
  project: 'Projet',
  qpv: 'Code QPV',
  investment: 'Investissement HT',
  jobs: 'Emplois CDI temps plein',
  women: 'Dirigeantes (femmes)',
  men: 'Dirigeants (hommes)',
  workKind: 'Nature des travaux',
  eligibleWorks: 'Travaux éligibles HT',
  fteWork: (t: (typeof FTE_WORK_TYPES)[number]) => `Travaux TTC - ${fteWorkTypeLabels[t]}`,
} as const;

export const STATUS_CHOICES = [
  ['Accordé', 'approved'],
  ['Accordé (engagé)', 'approved'],
  ['Refusé', 'rejected'],
  ['Avance versée', 'partly_paid'],
  ['Acompte versé', 'partly_paid'],
  ['Avance ou acompte versé', 'partly_paid'],
  ['Soldé', 'paid'],
  ['Caduc', 'lapsed'],
] as const;

const common: ImportColumn[] = [
  c(
    COL.reference,
    'texte',
    'oui',
    'Référence d’origine, gardée telle quelle : DISPOSITIF-AAAA-NNNNN (par exemple FTE-2021-00012), l’année étant celle du dépôt.',
  ),
  c(COL.filingDate, 'date', 'oui', 'Date de dépôt du dossier (jj/mm/aaaa).'),
  c(
    COL.beneficiary,
    'texte',
    'oui',
    'Nom du ménage, de l’entreprise ou de la structure (200 caractères au plus).',
  ),
  c(
    COL.commune,
    'texte',
    'oui',
    'Code INSEE de la commune du projet, l’une des 100 communes de l’agglomération.',
  ),
  c(
    COL.status,
    'liste',
    'oui',
    'Accordé, Refusé, Avance versée, Acompte versé, Soldé ou Caduc (« Accordé (engagé) » et « Avance ou acompte versé » sont acceptés).',
  ),
  c(COL.sessionNumber, 'texte', 'oui', 'Numéro de la séance du Bureau communautaire (par exemple 2021-07).'),
  c(COL.sessionDate, 'date', 'oui', 'Date de la séance : c’est la date de la décision et de l’engagement.'),
  c(COL.deliberation, 'texte', 'si accordé', 'Numéro de délibération (par exemple B2021-045).'),
  c(COL.refusal, 'texte', 'si refusé', 'Motivation du refus.'),
  c(COL.lapseDate, 'date', 'si caduc', 'Date à laquelle le dossier est devenu caduc.'),
  ...FUNDERS.map((f) =>
    c(COL.amount(f), 'montant', 'non', `Montant accordé, financeur ${funderLabels[f]}, en euros (vide = 0).`),
  ),
  c(
    COL.paymentKind,
    'liste',
    'avec un versement',
    'Avance, Acompte ou Solde. Une ligne par versement : les lignes suivantes du même dossier répètent la référence.',
    'payment',
  ),
  c(COL.paymentDate, 'date', 'avec un versement', 'Date du versement (jj/mm/aaaa).', 'payment'),
  c(
    COL.paymentFunder,
    'liste',
    'avec un versement',
    `Financeur du versement : ${FUNDERS.map((f) => funderLabels[f]).join(', ')}.`,
    'payment',
  ),
  c(COL.paymentAmount, 'montant', 'avec un versement', 'Montant versé, en euros.', 'payment'),
];

const perScheme: Record<Scheme, ImportColumn[]> = {
  FTE: FTE_WORK_TYPES.map((t) =>
    c(
      COL.fteWork(t),
      'montant',
      'au moins un',
      `Montant TTC des travaux « ${fteWorkTypeLabels[t]} » (vide si aucun).`,
    ),
  ),
  TPE: [
    c(COL.project, 'liste', 'oui', 'Création (ou reprise) ou Développement.'),
    c(COL.qpv, 'texte', 'non', 'Code du quartier prioritaire ; vide pour une entreprise en commune rurale.'),
    c(COL.investment, 'montant', 'oui', 'Investissement éligible hors taxes, en euros.'),
    c(COL.jobs, 'entier', 'oui', 'Emplois permanents à temps plein créés (hors fondateur).'),
  ],
  ESS: [
    c(COL.project, 'liste', 'oui', 'Création ou Développement.'),
    c(COL.jobs, 'entier', 'oui', 'Emplois en CDI à temps plein créés.'),
    c(COL.women, 'entier', 'oui', 'Nombre de femmes parmi les dirigeants de la structure.'),
    c(COL.men, 'entier', 'oui', 'Nombre d’hommes parmi les dirigeants de la structure.'),
  ],
  HABITAT: [
    c(COL.workKind, 'liste', 'oui', 'Rénovation énergétique ou Autonomie.'),
    c(COL.eligibleWorks, 'montant', 'oui', 'Montant des travaux éligibles hors taxes, en euros.'),
  ],
};

/** The columns of a scheme's template, in the template's order. */
export const importColumns = (scheme: Scheme): readonly ImportColumn[] => [...common, ...perScheme[scheme]];

/** Columns that must be in the header (the others may be left out when unused). */
const mandatoryHeader = (scheme: Scheme) =>
  importColumns(scheme)
    .filter((col) => col.required === 'oui' || col.required === 'si accordé')
    .map((col) => col.name);

export interface HeaderIssue {
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

/**
 * Reads the header row: which cell holds which column (compared without case or accents).
 * Unknown and repeated columns are refused (a typo would otherwise silently drop a figure).
 */
export function readHeader(
  scheme: Scheme,
  cells: readonly string[],
): { ok: true; columns: Map<string, number> } | { ok: false; issues: HeaderIssue[] } {
  const known = new Map(importColumns(scheme).map((col) => [fold(col.name), col.name]));
  const columns = new Map<string, number>();
  const issues: HeaderIssue[] = [];
  cells.forEach((cell, i) => {
    if (cell.trim() === '') return;
    const name = known.get(fold(cell));
    if (!name)
      issues.push({ row: 1, column: cell, message: `Colonne « ${cell} » inconnue du modèle ${scheme}` });
    else if (columns.has(name))
      issues.push({ row: 1, column: cell, message: `Colonne « ${cell} » en double` });
    else columns.set(name, i);
  });
  for (const name of mandatoryHeader(scheme))
    if (!columns.has(name)) issues.push({ row: 1, column: name, message: `Colonne « ${name} » manquante` });
  if (scheme === 'FTE' && !FTE_WORK_TYPES.some((t) => columns.has(COL.fteWork(t))))
    issues.push({
      row: 1,
      column: 'Travaux TTC',
      message: 'Au moins une colonne « Travaux TTC - … » attendue',
    });
  return issues.length ? { ok: false, issues } : { ok: true, columns };
}
