import { jobSchema } from '../applications/common.ts';
import { parseReference } from '../identifiers/reference.ts';
import type { DossierState } from '../lifecycle/states.ts';
import { loadAgglomerationCommunes } from '../reference/communes.ts';
import {
  FTE_WORK_TYPES,
  FUNDERS,
  type Funder,
  funderLabels,
  type PaymentKind,
  type Scheme,
} from '../schemes/enums.ts';
import { type Parsed, parseChoice, parseCountFr, parseDateFr, parseEurosFr } from './french-formats.ts';
import { COL, importColumns, STATUS_CHOICES } from './templates.ts';

/** One row of the file: its number as a spreadsheet shows it (header = 1) and its cells by column. */
export interface SourceRow {
  readonly row: number;
  readonly cells: ReadonlyMap<string, string>;
}

export interface ImportIssue {
  readonly row: number;
  readonly column?: string;
  readonly message: string;
}

export type ImportedStatus = Extract<
  DossierState,
  'approved' | 'rejected' | 'partly_paid' | 'paid' | 'lapsed'
>;

export interface ImportedPayment {
  readonly row: number;
  readonly kind: PaymentKind;
  readonly date: string;
  readonly funder: Funder;
  readonly amountCents: number;
}

/** What one funder's commitment became: gross, paid, released to the envelope, and its state. */
export interface ImportedSettlement {
  readonly funder: Funder;
  readonly committedCents: number;
  readonly paidCents: number;
  readonly releasedCents: number;
  readonly remainingCents: number;
  readonly status: 'active' | 'closed' | 'lapsed';
  readonly payments: readonly ImportedPayment[];
}

/** A dossier of an import file, checked: everything the services need to write it. */
export interface ImportedDossier {
  readonly scheme: Scheme;
  readonly reference: string;
  readonly rows: readonly number[];
  readonly filingDate: string;
  readonly beneficiary: string;
  readonly communeInsee: string;
  readonly status: ImportedStatus;
  readonly session: { readonly number: string; readonly date: string };
  readonly deliberationNumber?: string;
  readonly refusalMotivation?: string;
  readonly lapseDate?: string;
  readonly amountsByFunder: Partial<Record<Funder, number>>;
  readonly payments: readonly ImportedPayment[];
  readonly settlements: readonly ImportedSettlement[];
  /** The application as far as the file tells it (the figures the yearly report reads). */
  readonly application: Record<string, unknown>;
}

const SESSION_NUMBER = /^[A-Za-z0-9-/]{1,32}$/;
const DELIBERATION = /^[A-Za-z0-9-/]{1,40}$/;
const communes = new Set(loadAgglomerationCommunes().map((c) => c.insee));
const PAYMENT_CHOICES = [
  ['Avance', 'advance'],
  ['Acompte', 'instalment'],
  ['Solde', 'balance'],
] as const;
const FUNDER_CHOICES = FUNDERS.flatMap((f) => [[funderLabels[f], f] as const, [f, f] as const]).concat([
  ['Région', 'region'],
  ['Agglo', 'agglomeration'],
]);
const DOSSIER_COLUMNS = (scheme: Scheme) =>
  importColumns(scheme)
    .filter((c) => c.part === 'dossier')
    .map((c) => c.name);
const PAYMENT_COLUMNS = [COL.paymentKind, COL.paymentDate, COL.paymentFunder, COL.paymentAmount];

/** The reference of a row, as written (empty when missing): how rows are grouped into dossiers. */
export const referenceOfRow = (r: SourceRow) => (r.cells.get(COL.reference) ?? '').trim();

/** A row with no cell filled (spreadsheets often end with some): skipped. */
export const isBlankRow = (r: SourceRow) => [...r.cells.values()].every((v) => v.trim() === '');

/**
 * Checks the rows of one dossier (its first row, then one row per further payment) against the
 * scheme's template and the rules of a past dossier; `today` (ISO day) bounds every date.
 */
export function checkDossierRows(
  scheme: Scheme,
  rows: readonly SourceRow[],
  today: string,
): { ok: true; dossier: ImportedDossier } | { ok: false; issues: ImportIssue[] } {
  const head = rows[0];
  if (!head) return { ok: false, issues: [{ row: 0, message: 'Aucune ligne' }] };
  const first: SourceRow = head;
  const issues: ImportIssue[] = [];
  const at = (row: number, column: string | undefined, message: string) =>
    issues.push({ row, ...(column ? { column } : {}), message });
  const cell = (column: string, r: SourceRow = first) => (r.cells.get(column) ?? '').trim();
  function read<T>(
    column: string,
    parse: (s: string) => Parsed<T>,
    required: boolean,
    r = first,
  ): T | undefined {
    const s = cell(column, r);
    if (s === '') {
      if (required) at(r.row, column, `${column} obligatoire`);
      return undefined;
    }
    const p = parse(s);
    if (!p.ok) {
      at(r.row, column, p.message);
      return undefined;
    }
    return p.value;
  }
  const text =
    (max: number) =>
    (s: string): Parsed<string> =>
      s.length > max ? { ok: false, message: `${max} caractères au plus` } : { ok: true, value: s };

  // Continuation rows repeat the dossier's cells or leave them empty.
  for (const r of rows.slice(1))
    for (const column of DOSSIER_COLUMNS(scheme)) {
      const v = cell(column, r);
      if (column !== COL.reference && v !== '' && v !== cell(column))
        at(
          r.row,
          column,
          `Ligne de versement : « ${column} » doit être vide ou identique à la ligne ${first.row}`,
        );
    }

  const reference = cell(COL.reference);
  const parsedRef = parseReference(reference);
  if (!parsedRef)
    at(first.row, COL.reference, `Référence « ${reference} » invalide : attendu ${scheme}-AAAA-NNNNN`);
  else if (parsedRef.scheme !== scheme)
    at(first.row, COL.reference, `Référence « ${reference} » d’un autre dispositif que ${scheme}`);

  const filingDate = read(COL.filingDate, parseDateFr, true);
  if (filingDate && (filingDate < '2017-01-01' || filingDate > today))
    at(first.row, COL.filingDate, 'Date de dépôt hors des années importables (2017 à aujourd’hui)');
  if (filingDate && parsedRef && parsedRef.year !== Number(filingDate.slice(0, 4)))
    at(
      first.row,
      COL.reference,
      `L’année de la référence (${parsedRef.year}) doit être celle du dépôt (${filingDate.slice(0, 4)})`,
    );
  const beneficiary = read(COL.beneficiary, text(200), true);
  const communeInsee = read(
    COL.commune,
    (s) =>
      communes.has(s)
        ? { ok: true, value: s }
        : { ok: false, message: `Code INSEE « ${s} » : pas une commune de l’agglomération` },
    true,
  );
  const status = read(COL.status, (s) => parseChoice(s, STATUS_CHOICES, 'Statut'), true);
  const sessionNumber = read(
    COL.sessionNumber,
    (s) =>
      SESSION_NUMBER.test(s)
        ? { ok: true, value: s }
        : {
            ok: false,
            message: 'Numéro de séance : lettres, chiffres, tirets ou barres obliques (32 au plus)',
          },
    true,
  );
  const sessionDate = read(COL.sessionDate, parseDateFr, true);
  if (sessionDate && filingDate && sessionDate < filingDate)
    at(first.row, COL.sessionDate, 'La séance ne peut précéder le dépôt');
  if (sessionDate && sessionDate > today)
    at(first.row, COL.sessionDate, 'Date de séance à venir : seuls les dossiers décidés s’importent');
  const favourable = status !== undefined && status !== 'rejected';
  const deliberationNumber = read(
    COL.deliberation,
    (s) =>
      DELIBERATION.test(s)
        ? { ok: true, value: s }
        : {
            ok: false,
            message: 'Numéro de délibération : lettres, chiffres, tirets ou barres obliques (40 au plus)',
          },
    favourable,
  );
  const refusalMotivation = read(COL.refusal, text(2000), status === 'rejected');
  const lapseDate = read(COL.lapseDate, parseDateFr, status === 'lapsed');
  if (lapseDate && status !== 'lapsed')
    at(first.row, COL.lapseDate, 'Date de caducité pour un dossier non caduc');
  if (lapseDate && sessionDate && lapseDate < sessionDate)
    at(first.row, COL.lapseDate, 'La caducité ne peut précéder la décision');
  if (lapseDate && lapseDate > today) at(first.row, COL.lapseDate, 'Date de caducité à venir');

  const amountsByFunder: Partial<Record<Funder, number>> = {};
  for (const f of FUNDERS) {
    const v = read(COL.amount(f), parseEurosFr, false);
    if (v) amountsByFunder[f] = v;
  }
  const total = Object.values(amountsByFunder).reduce((a, b) => a + b, 0);
  if (status === 'rejected' && total > 0)
    at(first.row, COL.amount(FUNDERS[0]), 'Un dossier refusé n’a pas de montant accordé');
  if (favourable && total === 0)
    at(first.row, COL.amount(FUNDERS[0]), 'Un dossier accordé a au moins un montant par financeur');

  // Payments: at most one per row, in the order of the rows.
  const payments: ImportedPayment[] = [];
  for (const r of rows) {
    if (PAYMENT_COLUMNS.every((col) => cell(col, r) === '')) {
      if (r !== first) at(r.row, COL.paymentKind, 'Ligne suivante du dossier sans versement');
      continue;
    }
    const kind = read(
      COL.paymentKind,
      (s) => parseChoice(s, PAYMENT_CHOICES, 'Nature du versement'),
      true,
      r,
    );
    const date = read(COL.paymentDate, parseDateFr, true, r);
    const funder = read(COL.paymentFunder, (s) => parseChoice(s, FUNDER_CHOICES, 'Financeur'), true, r);
    const amountCents = read(COL.paymentAmount, parseEurosFr, true, r);
    if (date && sessionDate && date < sessionDate)
      at(r.row, COL.paymentDate, 'Versement antérieur à la décision');
    if (date && date > today) at(r.row, COL.paymentDate, 'Versement à venir');
    if (date && lapseDate && date > lapseDate)
      at(r.row, COL.paymentDate, 'Versement postérieur à la caducité');
    if (amountCents === 0) at(r.row, COL.paymentAmount, 'Montant du versement nul');
    if (kind && date && funder && amountCents) payments.push({ row: r.row, kind, date, funder, amountCents });
  }
  if (status === 'rejected' && payments.length > 0)
    at(payments[0]?.row ?? first.row, COL.paymentKind, 'Un dossier refusé n’a pas de versement');

  const settlements: ImportedSettlement[] = [];
  for (const f of FUNDERS) {
    const committed = amountsByFunder[f] ?? 0;
    const mine = payments
      .filter((p) => p.funder === f)
      .sort((a, b) => a.date.localeCompare(b.date) || a.row - b.row);
    if (committed === 0) {
      for (const p of mine)
        at(p.row, COL.paymentFunder, `Versement ${funderLabels[f]} sans montant accordé par ce financeur`);
      continue;
    }
    let paid = 0;
    let closed = false;
    mine.forEach((p, i) => {
      if (closed) at(p.row, COL.paymentKind, `Versement ${funderLabels[f]} après le solde`);
      if (p.kind === 'advance' && i > 0)
        at(p.row, COL.paymentKind, 'L’avance précède tout autre versement du financeur');
      paid += p.amountCents;
      if (p.kind === 'balance') closed = true;
    });
    if (paid > committed)
      at(
        mine.at(-1)?.row ?? first.row,
        COL.paymentAmount,
        `Versé ${funderLabels[f]} supérieur au montant accordé`,
      );
    const lapsed = !closed && status === 'lapsed';
    const released = closed || lapsed ? Math.max(0, committed - paid) : 0;
    settlements.push({
      funder: f,
      committedCents: committed,
      paidCents: paid,
      releasedCents: released,
      remainingCents: closed || lapsed ? 0 : Math.max(0, committed - paid),
      status: closed ? 'closed' : lapsed ? 'lapsed' : 'active',
      payments: mine,
    });
  }
  if (favourable) {
    const open = settlements.filter((s) => s.status === 'active').length;
    const anyPaid = payments.length > 0;
    if (status === 'approved' && anyPaid)
      at(first.row, COL.status, 'Statut « Accordé » avec des versements : choisissez Acompte versé ou Soldé');
    if (status === 'partly_paid' && (!anyPaid || open === 0))
      at(
        first.row,
        COL.status,
        'Statut « Acompte versé » : au moins un versement, et un financeur non soldé',
      );
    if (status === 'paid' && open > 0)
      at(first.row, COL.status, 'Statut « Soldé » : chaque financeur a un versement « Solde »');
    if (status === 'lapsed' && settlements.every((s) => s.status === 'closed'))
      at(first.row, COL.status, 'Statut « Caduc » pour un dossier soldé');
  }

  const application = readApplication(scheme, first, cell, read, at);
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    dossier: {
      scheme,
      reference,
      rows: rows.map((r) => r.row),
      filingDate: filingDate as string,
      beneficiary: beneficiary as string,
      communeInsee: communeInsee as string,
      status: status as ImportedStatus,
      session: { number: sessionNumber as string, date: sessionDate as string },
      ...(deliberationNumber && favourable ? { deliberationNumber } : {}),
      ...(refusalMotivation ? { refusalMotivation } : {}),
      ...(lapseDate ? { lapseDate } : {}),
      amountsByFunder,
      payments: [...payments].sort((a, b) => a.date.localeCompare(b.date) || a.row - b.row),
      settlements,
      application,
    },
  };
}

const PROJECT_CHOICES = [
  ['Création', 'creation'],
  ['Reprise', 'creation'],
  ['Création ou reprise', 'creation'],
  ['Développement', 'development'],
] as const;
const WORK_KIND_CHOICES = [
  ['Rénovation énergétique', 'energy'],
  ['Énergie', 'energy'],
  ['Autonomie', 'autonomy'],
] as const;

/** Permanent full-time jobs as the application records them (title says they came from an import). */
const cdiJobs = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    jobSchema.parse({ title: `Emploi CDI ${i + 1} (import)`, contract: 'cdi', workingTimePct: 100 }),
  );

function readApplication(
  scheme: Scheme,
  first: SourceRow,
  cell: (column: string) => string,
  read: <T>(column: string, parse: (s: string) => Parsed<T>, required: boolean) => T | undefined,
  at: (row: number, column: string | undefined, message: string) => void,
): Record<string, unknown> {
  const name = cell(COL.beneficiary);
  const communeInsee = cell(COL.commune);
  if (scheme === 'FTE') {
    const works = FTE_WORK_TYPES.flatMap((type) => {
      const v = read(COL.fteWork(type), parseEurosFr, false);
      return v ? [{ type, amountTtcCents: v }] : [];
    });
    if (works.length === 0)
      at(first.row, 'Travaux TTC', 'Au moins un montant de travaux « Travaux TTC - … »');
    return { scheme, address: { communeInsee }, works };
  }
  if (scheme === 'TPE' || scheme === 'ESS') {
    const project = read(COL.project, (s) => parseChoice(s, PROJECT_CHOICES, 'Projet'), true);
    const jobs = read(COL.jobs, parseCountFr, true) ?? 0;
    if (jobs > 50) at(first.row, COL.jobs, '50 emplois au plus par dossier');
    const jobList = cdiJobs(Math.min(jobs, 50));
    if (scheme === 'TPE') {
      const qpvCode = cell(COL.qpv);
      if (qpvCode.length > 20) at(first.row, COL.qpv, 'Code QPV : 20 caractères au plus');
      const investment = read(COL.investment, parseEurosFr, true) ?? 0;
      return {
        scheme,
        company: { name, address: { communeInsee } },
        project,
        ...(qpvCode ? { qpvCode } : {}),
        investments: [{ label: 'Investissement éligible (import)', amountHtCents: investment }],
        jobs: jobList,
      };
    }
    const women = read(COL.women, parseCountFr, true) ?? 0;
    const men = read(COL.men, parseCountFr, true) ?? 0;
    if (women + men > 50) at(first.row, COL.women, '50 dirigeants au plus');
    const leaders = [
      ...Array.from({ length: Math.min(women, 50) }, () => ({ gender: 'female' })),
      ...Array.from({ length: Math.min(men, 50) }, () => ({ gender: 'male' })),
    ];
    return { scheme, structure: { name, address: { communeInsee } }, project, leaders, jobs: jobList };
  }
  const workKind = read(COL.workKind, (s) => parseChoice(s, WORK_KIND_CHOICES, 'Nature des travaux'), true);
  const eligible = read(COL.eligibleWorks, parseEurosFr, true) ?? 0;
  return {
    scheme,
    workKind,
    address: { communeInsee },
    works: [{ label: 'Travaux éligibles (import)', amountHtCents: eligible }],
  };
}
