import {
  addFigures,
  beneficiaryDetails,
  COMMITMENT_FIGURES,
  type CommitmentFigures,
  commitmentFigureLabels,
  commitmentFigures,
  DOSSIER_STATES,
  type EssApplication,
  FTE_WORK_TYPES,
  type FteApplication,
  type FteWorkType,
  FUNDERS,
  type Funder,
  fteWorkTypeLabels,
  funderLabels,
  type HabitatApplication,
  SCHEMES,
  type Scheme,
  schemeLabels,
  type TpeApplication,
  zeroByFunder,
} from '@aides/domain';
import { favourablyDecided, filedBetween } from '@aides/store';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { badRequest } from '../errors.ts';
import { CSV_BOM, type CsvCell, csvAmount, csvLine, parisMidnight } from '../finance/csv.ts';
import { exportRows } from '../finance/export-rows.ts';
import { addFte, countJobs } from './jobs-count.ts';
import { tpeClassifier } from './tpe-classification.ts';

type ByFunder = Record<Funder, number>;
const zero = (): ByFunder => zeroByFunder();
const sum = (b: Partial<ByFunder> | undefined) => FUNDERS.reduce((s, f) => s + (b?.[f] ?? 0), 0);

export interface SchemeIndicators {
  scheme: Scheme;
  label: string;
  /** Files filed (submitted) during the year: counted by their filing date. */
  filedFiles: number;
  /** Files with a favourable decision taken during the year (decision date = the session's). */
  approvedFiles: number;
  /** What those decisions granted (their commitments), cents. */
  grantedCents: number;
  grantedByFunder: ByFunder;
  /** Of the files granted in the year, those that have lapsed since (issue 16.7), and what they had been granted. */
  lapsedFiles: number;
  lapsedGrantedCents: number;
  /**
   * Commitments of the year (dated by their decision): initial, released, net, paid on them and
   * remaining (issue 16.3). Their net adds up to what the year's envelopes show as committed.
   */
  committed: CommitmentFigures;
  committedFiguresByFunder: Record<Funder, CommitmentFigures>;
  /** Net committed (initial − released), cents: `committed.netCents`. */
  committedCents: number;
  committedByFunder: ByFunder;
  /** Granted files of the year per commune of the beneficiary (issue 16.5), by commune name. */
  byCommune: CommuneFigures[];
  /** Payments made in the year, whatever the year of the decision, cents. */
  paidCents: number;
  paidByFunder: ByFunder;
}

export interface CommuneFigures {
  communeInsee: string;
  communeName: string;
  files: number;
  grantedCents: number;
  lapsedFiles: number;
}

export interface TpeFigures {
  businesses: number;
  grantedCents: number;
  investmentCents: number;
  /** Permanent jobs (CDI) in full-time equivalents, founder excluded (jobs-count.ts). */
  jobs: number;
  /** Other contracts declared (CDD, apprenticeship…), shown apart. */
  otherContracts: number;
  /** Creation, takeover (reprise) and development projects among these businesses. */
  creations: number;
  takeovers: number;
  developments: number;
}

export interface HabitatFigures {
  dwellings: number;
  anahCents: number;
  agglomerationCents: number;
  eligibleWorksCents: number;
  communes: number;
}

export interface YearlyReport {
  year: string;
  generatedAt: string;
  schemes: SchemeIndicators[];
  tpe: TpeFigures & {
    /** Of the granted amount: repayable advances (TPE development from 2026), counted apart. */
    repayableAdvances: { businesses: number; amountCents: number };
    rural: TpeFigures;
    qpv: TpeFigures;
    /**
     * Issue 14: how the businesses were classified: confirmed by the instruction (or carried by an
     * import), classified by the rule from the filed location (not confirmed), or neither.
     */
    classification: { confirmed: number; notConfirmed: number; unclassified: number };
  };
  ess: {
    structures: number;
    creations: number;
    developments: number;
    womenLed: number;
    /** Permanent jobs (CDI) in full-time equivalents (jobs-count.ts). */
    jobs: number;
    otherContracts: number;
    grantedCents: number;
  };
  habitat: HabitatFigures & { energy: HabitatFigures; autonomy: HabitatFigures };
  fte: {
    households: number;
    grantedCents: number;
    byWorkType: { type: FteWorkType; label: string; households: number; amountCents: number }[];
    /** Granted amounts no work type could carry (no computation and no works on the file). */
    unallocatedCents: number;
  };
  /** How each figure is obtained, in French, for the reader of the report. */
  method: string[];
}

/** States a dossier can be in after a favourable decision. */
const GRANTED_STATES = ['approved', 'partly_paid', 'paid', 'lapsed'] as const;

export function parseYear(year: string): number {
  const n = /^\d{4}$/.test(year) ? Number(year) : Number.NaN;
  if (!(n >= 2017 && n <= 2100)) {
    throw badRequest('Année invalide.', [
      { pointer: '/year', detail: 'Année attendue sur 4 chiffres, entre 2017 et 2100' },
    ]);
  }
  return n;
}

const tpeZero = (): TpeFigures => ({
  businesses: 0,
  grantedCents: 0,
  investmentCents: 0,
  jobs: 0,
  otherContracts: 0,
  creations: 0,
  takeovers: 0,
  developments: 0,
});
const figuresZero = (): CommitmentFigures =>
  commitmentFigures({ amountCents: 0, releasedCents: 0, paidCents: 0 });
const habitatZero = (): HabitatFigures => ({
  dwellings: 0,
  anahCents: 0,
  agglomerationCents: 0,
  eligibleWorksCents: 0,
  communes: 0,
});

/**
 * Splits `total` in proportion to `weights` (largest remainders), so the parts add up exactly.
 */
export function allocate<K extends string>(total: number, weights: ReadonlyMap<K, number>): Map<K, number> {
  const out = new Map<K, number>();
  const sumW = [...weights.values()].reduce((a, b) => a + b, 0);
  if (sumW <= 0) return out;
  const parts = [...weights].map(([k, w]) => ({ k, exact: (total * w) / sumW }));
  for (const p of parts) out.set(p.k, Math.floor(p.exact));
  let left = total - [...out.values()].reduce((a, b) => a + b, 0);
  for (const p of [...parts].sort(
    (a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)),
  )) {
    if (left <= 0) break;
    out.set(p.k, (out.get(p.k) ?? 0) + 1);
    left -= 1;
  }
  return out;
}

const labelToWorkType = new Map<string, FteWorkType>(FTE_WORK_TYPES.map((t) => [fteWorkTypeLabels[t], t]));

/**
 * FTE amounts by work type. The Bureau grants one amount per file, not per work type; to split it
 * honestly we take the file's computation (proposal, else the one at submission): each work-type
 * line weighs its computed aid, and the granted amount is shared in those proportions. So the
 * bouquet bonus, the per-file cap and an instructor's adjustment are spread over the work types
 * pro rata, and the per-type amounts add up to what was granted. A file without any positive
 * work-type line is split by its works' TTC amounts; one without works stays unallocated.
 */
function fteWeights(d: Dossier): Map<FteWorkType, number> {
  const weights = new Map<FteWorkType, number>();
  for (const line of d.proposal?.computed?.lines ?? d.amounts?.lines ?? []) {
    const type = labelToWorkType.get(line.label);
    if (type && line.amountCents > 0) weights.set(type, (weights.get(type) ?? 0) + line.amountCents);
  }
  if (weights.size > 0) return weights;
  for (const w of (d.application as Partial<FteApplication>).works ?? []) {
    if (w.amountTtcCents > 0) weights.set(w.type, (weights.get(w.type) ?? 0) + w.amountTtcCents);
  }
  return weights;
}

/** ESS: a structure is "led by a woman" when women are a strict majority of its declared leaders. */
const womenLed = (a: Partial<EssApplication>) => {
  const leaders = a.leaders ?? [];
  return leaders.length > 0 && leaders.filter((l) => l.gender === 'female').length * 2 > leaders.length;
};

/**
 * The year's indicators, as in the agglomeration's annual report: per scheme, the files granted by
 * the Bureau in the year (favourable decision dated in the year, Europe/Paris), what was committed
 * and paid in the year; and each scheme's own counts. Only Query: the byStatus index per scheme
 * and state, and the month partitions of commitments and payments.
 */
export async function yearlyIndicators(
  ctx: ServiceContext,
  caller: Caller,
  year: string,
): Promise<YearlyReport> {
  requireRole(caller, 'instructor', 'bureau', 'finance', 'admin');
  const y = parseYear(year);
  const from = parisMidnight(`${y}-01-01`).toISOString();
  const to = parisMidnight(`${y + 1}-01-01`).toISOString();

  const perScheme = new Map<Scheme, SchemeIndicators>(
    SCHEMES.map((s) => [
      s,
      {
        scheme: s,
        label: schemeLabels[s],
        filedFiles: 0,
        approvedFiles: 0,
        grantedCents: 0,
        grantedByFunder: zero(),
        lapsedFiles: 0,
        lapsedGrantedCents: 0,
        committed: figuresZero(),
        committedFiguresByFunder: Object.fromEntries(FUNDERS.map((f) => [f, figuresZero()])) as Record<
          Funder,
          ReturnType<typeof figuresZero>
        >,
        committedCents: 0,
        committedByFunder: zero(),
        byCommune: [],
        paidCents: 0,
        paidByFunder: zero(),
      },
    ]),
  );
  const tpe = {
    ...tpeZero(),
    repayableAdvances: { businesses: 0, amountCents: 0 },
    rural: tpeZero(),
    qpv: tpeZero(),
    classification: { confirmed: 0, notConfirmed: 0, unclassified: 0 },
  };
  const classify = await tpeClassifier(ctx);
  const communesOf = new Map<Scheme, Map<string, CommuneFigures>>(SCHEMES.map((sc) => [sc, new Map()]));
  const ess = {
    structures: 0,
    creations: 0,
    developments: 0,
    womenLed: 0,
    jobs: 0,
    otherContracts: 0,
    grantedCents: 0,
  };
  const habitat = { ...habitatZero(), energy: habitatZero(), autonomy: habitatZero() };
  const communes = { all: new Set<string>(), energy: new Set<string>(), autonomy: new Set<string>() };
  const fteTypes = new Map<FteWorkType, { households: number; amountCents: number }>();
  let fteUnallocated = 0;
  let fteHouseholds = 0;
  let fteGranted = 0;

  // The partitions are read concurrently; each page is folded in synchronously, so sums cannot race.
  const partitions = SCHEMES.flatMap((scheme) => GRANTED_STATES.map((state) => [scheme, state] as const));
  const granted = Promise.all(
    partitions.map(async ([scheme, state]) => {
      const s = perScheme.get(scheme) as SchemeIndicators;
      const pages = favourablyDecided<Dossier>(ctx.store, scheme, state, from, to);
      for await (const page of pages) {
        for (const d of page) {
          const granted: Partial<ByFunder> = d.committedByFunder ?? d.proposal?.amountsByFunder ?? {};
          const total = sum(granted);
          s.approvedFiles += 1;
          s.grantedCents += total;
          for (const f of FUNDERS) s.grantedByFunder[f] += granted[f] ?? 0;
          if (state === 'lapsed') {
            s.lapsedFiles += 1;
            s.lapsedGrantedCents += total;
          }
          const place = beneficiaryDetails(scheme, d.application, d.communeInsee);
          if (place.communeInsee) {
            const byCommune = communesOf.get(scheme) as Map<string, CommuneFigures>;
            const c = byCommune.get(place.communeInsee) ?? {
              communeInsee: place.communeInsee,
              communeName: place.communeName ?? place.communeInsee,
              files: 0,
              grantedCents: 0,
              lapsedFiles: 0,
            };
            c.files += 1;
            c.grantedCents += total;
            if (state === 'lapsed') c.lapsedFiles += 1;
            byCommune.set(place.communeInsee, c);
          }
          if (scheme === 'TPE') {
            const a = d.application as Partial<TpeApplication>;
            const investment = (a.investments ?? []).reduce((t, i) => t + (i.amountHtCents ?? 0), 0);
            const jobs = countJobs(a.jobs);
            // The confirmed classification (issue 14), else the rule's verdict: never a typed code.
            const area = classify(d);
            if (area.confirmed) tpe.classification.confirmed += 1;
            else if (area.classification) tpe.classification.notConfirmed += 1;
            else tpe.classification.unclassified += 1;
            const parts = area.classification ? [tpe, tpe[area.classification]] : [tpe];
            for (const part of parts) {
              part.businesses += 1;
              part.grantedCents += total;
              part.investmentCents += investment;
              part.jobs = addFte(part.jobs, jobs.permanentFte);
              part.otherContracts += jobs.otherContracts;
              if (a.project === 'development') part.developments += 1;
              else if (a.project === 'takeover') part.takeovers += 1;
              else part.creations += 1;
            }
            if ((d.proposal?.computed ?? d.amounts)?.repayableAdvance) {
              tpe.repayableAdvances.businesses += 1;
              tpe.repayableAdvances.amountCents += total;
            }
          } else if (scheme === 'ESS') {
            const a = d.application as Partial<EssApplication>;
            ess.structures += 1;
            ess.grantedCents += total;
            const jobs = countJobs(a.jobs);
            ess.jobs = addFte(ess.jobs, jobs.permanentFte);
            ess.otherContracts += jobs.otherContracts;
            if (a.project === 'development') ess.developments += 1;
            else ess.creations += 1;
            if (womenLed(a)) ess.womenLed += 1;
          } else if (scheme === 'HABITAT') {
            const a = d.application as Partial<HabitatApplication>;
            const works = (a.works ?? []).reduce((t, w) => t + (w.amountHtCents ?? 0), 0);
            const kind = a.workKind === 'autonomy' ? 'autonomy' : 'energy';
            const commune = d.communeInsee ?? a.address?.communeInsee;
            for (const part of [habitat, habitat[kind]]) {
              part.dwellings += 1;
              part.anahCents += granted.anah ?? 0;
              part.agglomerationCents += granted.agglomeration ?? 0;
              part.eligibleWorksCents += works;
            }
            if (commune) {
              communes.all.add(commune);
              communes[kind].add(commune);
            }
          } else {
            fteHouseholds += 1;
            fteGranted += total;
            const types = new Set(
              ((d.application as Partial<FteApplication>).works ?? []).map((w) => w.type),
            );
            for (const t of types) {
              const acc = fteTypes.get(t) ?? { households: 0, amountCents: 0 };
              acc.households += 1;
              fteTypes.set(t, acc);
            }
            const shares = allocate(total, fteWeights(d));
            if (shares.size === 0) fteUnallocated += total;
            for (const [t, cents] of shares) {
              const acc = fteTypes.get(t) ?? { households: 0, amountCents: 0 };
              acc.amountCents += cents;
              fteTypes.set(t, acc);
            }
          }
        }
      }
    }),
  );

  const period = { from: `${y}-01-01`, to: `${y}-12-31` };
  const committed = (async () => {
    for await (const page of exportRows(ctx, 'commitments', period)) {
      for (const c of page) {
        const s = perScheme.get(c.scheme);
        if (!s) continue;
        const f = commitmentFigures(c);
        s.committed = addFigures(s.committed, f);
        s.committedFiguresByFunder[c.funder] = addFigures(s.committedFiguresByFunder[c.funder], f);
        s.committedCents += f.netCents;
        s.committedByFunder[c.funder] += f.netCents;
      }
    }
  })();
  // Filings counted by their filing date, whatever has become of the file since.
  const filed = Promise.all(
    SCHEMES.flatMap((scheme) =>
      DOSSIER_STATES.filter((st) => st !== 'draft').map(async (state) => {
        const s = perScheme.get(scheme) as SchemeIndicators;
        for await (const page of filedBetween<Dossier>(ctx.store, scheme, state, from, to))
          s.filedFiles += page.length;
      }),
    ),
  );
  const paid = (async () => {
    for await (const page of exportRows(ctx, 'payments', period)) {
      for (const p of page) {
        const s = perScheme.get(p.scheme);
        if (!s) continue;
        s.paidCents += p.amountCents;
        s.paidByFunder[p.funder] += p.amountCents;
      }
    }
  })();
  await Promise.all([granted, committed, paid, filed]);
  for (const [scheme, byCommune] of communesOf)
    (perScheme.get(scheme) as SchemeIndicators).byCommune = [...byCommune.values()].sort((a, b) =>
      a.communeName.localeCompare(b.communeName, 'fr'),
    );
  habitat.communes = communes.all.size;
  habitat.energy.communes = communes.energy.size;
  habitat.autonomy.communes = communes.autonomy.size;

  return {
    year: String(y),
    generatedAt: ctx.now().toISOString(),
    schemes: [...perScheme.values()],
    tpe,
    ess,
    habitat,
    fte: {
      households: fteHouseholds,
      grantedCents: fteGranted,
      byWorkType: FTE_WORK_TYPES.filter((t) => fteTypes.has(t)).map((t) => ({
        type: t,
        label: fteWorkTypeLabels[t],
        ...(fteTypes.get(t) as { households: number; amountCents: number }),
      })),
      unallocatedCents: fteUnallocated,
    },
    method: [
      `Dossiers déposés : dossiers dont la date de dépôt tombe en ${y}, quel que soit leur état depuis.`,
      `Dossiers accordés : avis favorable du Bureau communautaire dont la date de décision (celle de la séance) tombe en ${y}, dossiers accordés, en cours de versement, soldés ou devenus caducs depuis ; les caducs sont aussi comptés à part (« dont caducs »).`,
      'Montants accordés : engagements pris lors de ces décisions, par financeur.',
      `Engagements de ${y} (datés de la décision) : engagement initial, désengagé (solde inférieur à l'engagement, caducité), engagé net (initial − désengagé), versé sur ces engagements et reste à verser ; l'engagé net est celui des enveloppes ${y}.`,
      `Versé en ${y} : versements datés de ${y}, quelle que soit l'année de la décision.`,
      'Par commune : commune du bénéficiaire (adresse du logement, de l’établissement ou de la structure).',
      'TPE : investissement éligible HT déclaré et emplois prévus au dossier.',
      'TPE, rural ou QPV : le classement confirmé par l’instructeur (ou repris de l’historique pour un dossier importé) ; pour un dossier accordé sans classement confirmé, le classement que la règle déduit de la demande (population INSEE de la commune, quartier de la liste en vigueur au dépôt et situé dans la commune), compté « non confirmé » ; un dossier ni rural ni QPV selon la règle n’est compté dans aucun des deux.',
      'Emplois (TPE, ESS) : emplois permanents (CDI) en équivalent temps plein, hors créateur, comme les règlements les financent ; les autres contrats (CDD, apprentissage…) sont comptés à part.',
      'TPE : les avances remboursables (développement, depuis 2026) sont comprises dans le montant accordé et comptées à part.',
      'ESS : structure dirigée par des femmes lorsque les femmes sont majoritaires parmi les dirigeants déclarés.',
      'Habitat : un logement par dossier ; travaux éligibles = montants HT déclarés (avant plafonnement) ; communes distinctes du logement.',
      "FTE : le montant accordé à chaque foyer est réparti entre les types de travaux au prorata des postes du calcul de l'aide (à défaut, des montants TTC des travaux) ; un foyer compte dans chaque type de travaux de son dossier.",
    ],
  };
}

/** One figure of the report: a count, or integer cents when `unit` is « € ». */
export interface IndicatorRow {
  section: string;
  label: string;
  value: number;
  unit: string;
}

/** The report as CSV for spreadsheets in French locale (BOM, `;`, CRLF, decimal comma). */
export function indicatorsCsv(report: YearlyReport): string {
  const rows: CsvCell[][] = [['Rubrique', 'Indicateur', 'Valeur', 'Unité']];
  for (const r of indicatorRows(report))
    rows.push([r.section, r.label, r.unit === '€' ? csvAmount(r.value) : r.value, r.unit]);
  return CSV_BOM + rows.map(csvLine).join('');
}

/**
 * Every figure of the report, one row per indicator, in the CSV's order: the CSV (above) and the
 * comparison with the previous year (comparison.ts) are both made from this one list.
 */
export function indicatorRows(report: YearlyReport): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  const count = (section: string, label: string, n: number, unit: string) =>
    rows.push({ section, label, value: n, unit });
  const money = (section: string, label: string, cents: number) =>
    rows.push({ section, label, value: cents, unit: '€' });
  for (const s of report.schemes) {
    count(s.scheme, 'Dossiers accordés', s.approvedFiles, 'dossiers');
    money(s.scheme, 'Montant accordé', s.grantedCents);
    for (const f of FUNDERS)
      if (s.grantedByFunder[f] > 0)
        money(s.scheme, `Montant accordé - ${funderLabels[f]}`, s.grantedByFunder[f]);
    count(s.scheme, 'Dossiers déposés', s.filedFiles, 'dossiers');
    count(s.scheme, 'Dossiers accordés - dont caducs', s.lapsedFiles, 'dossiers');
    money(s.scheme, 'Montant accordé - dont dossiers caducs', s.lapsedGrantedCents);
    for (const k of COMMITMENT_FIGURES)
      money(s.scheme, `Engagements ${report.year} - ${commitmentFigureLabels[k]}`, s.committed[k]);
    money(s.scheme, `Montant versé en ${report.year}`, s.paidCents);
    for (const c of s.byCommune) {
      count(s.scheme, `${c.communeName} (${c.communeInsee}) - dossiers accordés`, c.files, 'dossiers');
      money(s.scheme, `${c.communeName} (${c.communeInsee}) - montant accordé`, c.grantedCents);
    }
  }
  const tpeBlock = (label: string, t: TpeFigures) => {
    count('TPE', `Entreprises${label}`, t.businesses, 'entreprises');
    money('TPE', `Aide accordée${label}`, t.grantedCents);
    money('TPE', `Investissement HT${label}`, t.investmentCents);
    count('TPE', `Emplois permanents${label}`, t.jobs, 'ETP');
    count('TPE', `Autres contrats${label}`, t.otherContracts, 'contrats');
    count('TPE', `Créations${label}`, t.creations, 'entreprises');
    count('TPE', `Reprises${label}`, t.takeovers, 'entreprises');
    count('TPE', `Développements${label}`, t.developments, 'entreprises');
  };
  tpeBlock('', report.tpe);
  count('TPE', 'Avances remboursables', report.tpe.repayableAdvances.businesses, 'entreprises');
  money('TPE', 'Dont avances remboursables', report.tpe.repayableAdvances.amountCents);
  tpeBlock(' - communes rurales', report.tpe.rural);
  tpeBlock(' - QPV', report.tpe.qpv);
  const c = report.tpe.classification;
  count('TPE', 'Classement rural / QPV confirmé', c.confirmed, 'entreprises');
  count('TPE', 'Classement rural / QPV non confirmé (déduit de la demande)', c.notConfirmed, 'entreprises');
  count('TPE', 'Ni rural ni QPV selon la demande (non confirmé)', c.unclassified, 'entreprises');
  count('ESS', 'Structures soutenues', report.ess.structures, 'structures');
  count('ESS', 'Créations', report.ess.creations, 'structures');
  count('ESS', 'Développements', report.ess.developments, 'structures');
  count('ESS', 'Structures dirigées par des femmes', report.ess.womenLed, 'structures');
  count('ESS', 'Emplois permanents créés', report.ess.jobs, 'ETP');
  count('ESS', 'Autres contrats', report.ess.otherContracts, 'contrats');
  money('ESS', 'Aide accordée', report.ess.grantedCents);
  const habitatBlock = (label: string, h: HabitatFigures) => {
    count('HABITAT', `Logements${label}`, h.dwellings, 'logements');
    money('HABITAT', `Aide Anah${label}`, h.anahCents);
    money('HABITAT', `Aide de l'agglomération${label}`, h.agglomerationCents);
    money('HABITAT', `Travaux éligibles HT${label}`, h.eligibleWorksCents);
    count('HABITAT', `Communes${label}`, h.communes, 'communes');
  };
  habitatBlock('', report.habitat);
  habitatBlock(' - rénovation énergétique', report.habitat.energy);
  habitatBlock(' - autonomie', report.habitat.autonomy);
  count('FTE', 'Foyers aidés', report.fte.households, 'foyers');
  money('FTE', 'Aide accordée', report.fte.grantedCents);
  for (const t of report.fte.byWorkType) {
    count('FTE', `${t.label} - foyers`, t.households, 'foyers');
    money('FTE', `${t.label} - aide`, t.amountCents);
  }
  if (report.fte.unallocatedCents > 0) money('FTE', 'Aide non ventilée', report.fte.unallocatedCents);
  return rows;
}
