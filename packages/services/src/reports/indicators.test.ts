import type { Funder, Scheme } from '@aides/domain';
import { createCommitmentTx, createDossierTx, createPaymentTx, type Store, transact } from '@aides/store';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Commitment, Payment } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import type { Dossier } from '../dossiers/model.ts';
import { compareReports } from './comparison.ts';
import { allocate, indicatorsCsv, yearlyIndicators } from './indicators.ts';

const bureau: Caller = { sub: 'bureau-1', name: 'Bureau', email: 'b@example.fr', roles: ['bureau'] };
const applicant: Caller = { sub: 'app-1', name: 'Demandeur', email: 'a@example.fr', roles: ['applicant'] };

type Granted = Partial<Record<Funder, number>>;
const Z = { agglomeration: 0, anah: 0, region: 0, etat: 0 };

/** A dossier granted by the Bureau at `at` (its decision instant, or a day at 10:00 UTC). */
const dossier = (
  id: string,
  status: Dossier['status'],
  at: string,
  granted: Granted,
  application: Record<string, unknown> & { scheme: Scheme },
  extra: Partial<Dossier> = {},
): Dossier => {
  const decidedAt = at.length === 10 ? `${at}T10:00:00.000Z` : at;
  return {
    id,
    scheme: application.scheme,
    status,
    version: 5,
    ownerSub: `owner-${id}`,
    ownerName: 'Demandeur',
    application,
    createdAt: '2025-01-10T09:00:00.000Z',
    updatedAt: decidedAt,
    filedAt: '2025-01-12T09:00:00.000Z',
    reference: `${application.scheme}-${id}`,
    beneficiary: `Bénéficiaire ${id}`,
    decision: { outcome: 'favourable', sessionId: 's1', deliberationNumber: `DEL-${id}`, at: decidedAt },
    committedByFunder: granted,
    paidByFunder: {},
    ...extra,
  };
};

const jobs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ title: `P${i}`, contract: 'cdi', workingTimePct: 100 }));
const tpe = (project: string, investments: number[], jobCount: number, qpvCode?: string) => ({
  scheme: 'TPE' as const,
  project,
  investments: investments.map((amountHtCents) => ({ label: 'Investissement', amountHtCents })),
  jobs: jobs(jobCount),
  // Saint-Venant (2,999 inhabitants, rural); with a QPV code, Béthune (its QPV confirmed below).
  address: qpvCode ? { communeInsee: '62119' } : { communeInsee: '62770' },
  ...(qpvCode ? { qpvCode } : {}),
});
/** Issue 14: the instructor confirmed the QPV (the report counts the confirmation). */
const confirmedQpv = (code: string): Partial<Dossier> => ({
  locationConfirmation: {
    classification: 'qpv',
    communeInsee: '62119',
    communeName: 'Béthune',
    population: 25_224,
    populationSource: 'INSEE',
    ruralPopulationBelow: 3000,
    qpv: { code, name: 'Mont-Liébaut', generation: '2024', listSource: 'test', demonstration: true },
    origin: 'instruction',
    by: 'i',
    byName: 'I',
    at: '2026-04-01T00:00:00.000Z',
  },
});
const ess = (project: string, genders: string[], jobCount: number) => ({
  scheme: 'ESS' as const,
  project,
  leaders: genders.map((gender) => ({ firstName: 'A', lastName: 'B', gender, role: 'Présidence' })),
  jobs: jobs(jobCount),
});
const habitat = (workKind: string, communeInsee: string, works: number[]) => ({
  scheme: 'HABITAT' as const,
  workKind,
  address: { communeInsee },
  works: works.map((amountHtCents) => ({ label: 'Travaux', amountHtCents })),
});
const fte = (...types: string[]) => ({
  scheme: 'FTE' as const,
  works: types.map((type) => ({ type, amountHtCents: 100_000, amountTtcCents: 110_000 })),
});
/** A proposal whose computation has these lines (label, aid in cents). */
const proposal = (...lines: [string, number][]): Partial<Dossier> => ({
  proposal: {
    kind: 'grant',
    amountsByFunder: Z,
    totalCents: 0,
    text: '',
    by: 'i',
    byName: 'I',
    at: '2026-01-01T00:00:00.000Z',
    computed: {
      scheme: 'FTE',
      ruleSetVersion: 'fte-2021',
      lines: lines.map(([label, amountCents]) => ({
        label,
        funder: 'agglomeration',
        baseCents: 0,
        amountCents,
        explanation: '',
      })),
      totalsByFunder: Z,
      totalCents: 0,
      maxByFunder: Z,
      explanation: [],
    },
  },
});

const dossiers: Dossier[] = [
  dossier(
    't1',
    'approved',
    '2026-03-10',
    { agglomeration: 300_000, region: 200_000 },
    tpe('creation', [1_000_000, 500_000], 2),
  ),
  dossier(
    't2',
    'partly_paid',
    '2026-05-01',
    { agglomeration: 240_000 },
    tpe('development', [800_000], 1, 'QN06201M'),
    confirmedQpv('QN06201M'),
  ),
  // 31 December 2025 at 23:30 UTC is already 2026 in Paris.
  dossier(
    't3',
    'approved',
    '2025-12-31T23:30:00.000Z',
    { agglomeration: 60_000 },
    tpe('creation', [200_000], 0),
  ),
  dossier('t4', 'paid', '2025-06-01', { agglomeration: 99_000 }, tpe('creation', [], 4)),
  dossier('t5', 'rejected', '2026-02-01', {}, tpe('creation', [], 0)),
  dossier(
    'e1',
    'paid',
    '2026-04-02',
    { agglomeration: 1_500_000 },
    ess('creation', ['female', 'female', 'male'], 3),
  ),
  dossier(
    'e2',
    'approved',
    '2026-04-02',
    { agglomeration: 1_000_000 },
    ess('development', ['female', 'male'], 2),
  ),
  dossier(
    'h1',
    'approved',
    '2026-02-02',
    { anah: 700_000, agglomeration: 100_000 },
    habitat('autonomy', '62119', [1_000_000, 500_000]),
    { communeInsee: '62119' },
  ),
  dossier('h2', 'lapsed', '2026-02-02', { anah: 1_000_000 }, habitat('autonomy', '62119', [2_000_000])),
  dossier(
    'h3',
    'approved',
    '2026-09-02',
    { anah: 1_500_000, agglomeration: 300_000 },
    habitat('energy', '62178', [3_000_000]),
  ),
  dossier(
    'f1',
    'approved',
    '2026-06-01',
    { agglomeration: 100_000 },
    fte('attic_insulation', 'vmc'),
    proposal(['Isolation des combles perdus', 150_000], ['Ventilation mécanique contrôlée (VMC)', 50_000]),
  ),
  dossier('f2', 'approved', '2026-06-01', { agglomeration: 33_333 }, fte('wall_insulation')),
  dossier(
    'f3',
    'paid',
    '2026-06-01',
    { agglomeration: 350_000 },
    fte('attic_insulation', 'wall_insulation'),
    proposal(
      ['Isolation des combles perdus', 100_000],
      ['Isolation des murs', 200_000],
      ['Bouquet de travaux', 50_000],
    ),
  ),
];

const commitment = (
  id: string,
  scheme: Scheme,
  funder: Funder,
  amountCents: number,
  at: string,
): Commitment => ({
  id: `${id}-${funder}`,
  dossierId: id,
  reference: `${scheme}-${id}`,
  scheme,
  year: Number(at.slice(0, 4)),
  funder,
  beneficiary: id,
  budgetLine: `${scheme}-${at.slice(0, 4)}-${funder}`,
  amountCents,
  paidCents: 0,
  remainingCents: amountCents,
  status: 'active',
  sessionId: 's1',
  sessionNumber: '1',
  deliberationNumber: `DEL-${id}`,
  committedAt: at,
  payments: [],
  releasedCents: 0,
});

const payment = (id: string, c: Commitment, amountCents: number, at: string): Payment => ({
  ...c,
  id,
  commitmentId: c.id,
  kind: 'advance',
  amountCents,
  at,
  by: 'finance',
});

let store: Store;
let ctx: ServiceContext;

beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store, { now: () => new Date('2026-11-15T10:00:00Z') });
  await transact(
    store,
    dossiers.map((d) => createDossierTx(store, d)),
  );
  const c1 = commitment('t1', 'TPE', 'agglomeration', 300_000, '2026-03-10T10:00:00.000Z');
  const c2 = commitment('t1', 'TPE', 'region', 200_000, '2026-03-10T10:00:00.000Z');
  const c3 = commitment('t4', 'TPE', 'agglomeration', 99_000, '2025-06-01T10:00:00.000Z');
  const c4 = commitment('h1', 'HABITAT', 'anah', 700_000, '2026-02-02T10:00:00.000Z');
  await transact(
    store,
    [c1, c2, c3, c4].map((c) => createCommitmentTx(ctx.store, c)),
  );
  await transact(store, [
    createPaymentTx(ctx.store, payment('p1', c1, 100_000, '2026-04-01T10:00:00.000Z')),
    createPaymentTx(ctx.store, payment('p2', c3, 50_000, '2026-01-15T10:00:00.000Z')),
    createPaymentTx(ctx.store, payment('p3', c3, 49_000, '2025-07-15T10:00:00.000Z')),
    createPaymentTx(ctx.store, payment('p4', c4, 490_000, '2026-12-01T10:00:00.000Z')),
  ]);
}, 120_000);

describe('yearlyIndicators', () => {
  it('counts files granted in the year per scheme, with committed and paid amounts', async () => {
    const r = await yearlyIndicators(ctx, bureau, '2026');
    expect(r.year).toBe('2026');
    const tpe = r.schemes.find((s) => s.scheme === 'TPE');
    expect(tpe).toMatchObject({
      approvedFiles: 3,
      grantedCents: 800_000,
      grantedByFunder: { agglomeration: 600_000, anah: 0, region: 200_000 },
      committedCents: 500_000,
      paidCents: 150_000,
    });
    const habitat = r.schemes.find((s) => s.scheme === 'HABITAT');
    expect(habitat).toMatchObject({
      approvedFiles: 3,
      committedCents: 700_000,
      paidCents: 490_000,
      paidByFunder: { anah: 490_000 },
    });
    expect(r.schemes.find((s) => s.scheme === 'ESS')?.approvedFiles).toBe(2);
    expect(r.schemes.find((s) => s.scheme === 'FTE')?.approvedFiles).toBe(3);
  });

  it('splits TPE between rural communes and QPV, creation and development', async () => {
    const { tpe } = await yearlyIndicators(ctx, bureau, '2026');
    expect(tpe).toMatchObject({
      businesses: 3,
      grantedCents: 800_000,
      investmentCents: 2_500_000,
      jobs: 3,
      creations: 2,
      developments: 1,
    });
    expect(tpe.rural).toEqual({
      businesses: 2,
      grantedCents: 560_000,
      investmentCents: 1_700_000,
      jobs: 2,
      otherContracts: 0,
      creations: 2,
      takeovers: 0,
      developments: 0,
    });
    expect(tpe.qpv).toEqual({
      businesses: 1,
      grantedCents: 240_000,
      investmentCents: 800_000,
      jobs: 1,
      otherContracts: 0,
      creations: 0,
      takeovers: 0,
      developments: 1,
    });
  });

  it('shows lapsed files apart: granted, of which lapsed (16.7)', async () => {
    const r = await yearlyIndicators(ctx, bureau, '2026');
    expect(r.schemes.find((s) => s.scheme === 'HABITAT')).toMatchObject({
      approvedFiles: 3,
      lapsedFiles: 1,
      lapsedGrantedCents: 1_000_000,
    });
    expect(r.schemes.find((s) => s.scheme === 'TPE')).toMatchObject({
      lapsedFiles: 0,
      lapsedGrantedCents: 0,
    });
    const csv = indicatorsCsv(r);
    expect(csv).toContain('HABITAT;Dossiers accordés - dont caducs;1;dossiers');
  });

  it('gives per-commune figures for every scheme, by commune name (16.5)', async () => {
    const r = await yearlyIndicators(ctx, bureau, '2026');
    expect(r.schemes.find((s) => s.scheme === 'HABITAT')?.byCommune).toEqual([
      { communeInsee: '62119', communeName: 'Béthune', files: 2, grantedCents: 1_800_000, lapsedFiles: 1 },
      {
        communeInsee: '62178',
        communeName: 'Bruay-la-Buissière',
        files: 1,
        grantedCents: 1_800_000,
        lapsedFiles: 0,
      },
    ]);
    expect(indicatorsCsv(r)).toContain('HABITAT;Béthune (62119) - montant accordé;18000,00;€');
  });

  it('counts filings by their filing date and commitments by their decision date, net of releases', async () => {
    const r2026 = await yearlyIndicators(ctx, bureau, '2026');
    const r2025 = await yearlyIndicators(ctx, bureau, '2025');
    // Every fixture was filed on 12 January 2025 whatever its decision date.
    expect(r2026.schemes.reduce((t, s) => t + s.filedFiles, 0)).toBe(0);
    expect(r2025.schemes.reduce((t, s) => t + s.filedFiles, 0)).toBe(dossiers.length);
    expect(r2026.schemes.find((s) => s.scheme === 'TPE')?.committed).toEqual({
      initialCents: 500_000,
      releasedCents: 0,
      netCents: 500_000,
      paidCents: 0,
      remainingCents: 500_000,
    });
  });

  it('counts ESS structures, jobs and women-led structures (strict majority of women leaders)', async () => {
    const { ess } = await yearlyIndicators(ctx, bureau, '2026');
    expect(ess).toEqual({
      structures: 2,
      creations: 1,
      developments: 1,
      womenLed: 1,
      jobs: 5,
      otherContracts: 0,
      grantedCents: 2_500_000,
    });
  });

  it('counts Habitat dwellings, ANAH and agglomeration amounts, works and communes', async () => {
    const { habitat } = await yearlyIndicators(ctx, bureau, '2026');
    expect(habitat).toMatchObject({
      dwellings: 3,
      anahCents: 3_200_000,
      agglomerationCents: 400_000,
      eligibleWorksCents: 6_500_000,
      communes: 2,
    });
    expect(habitat.autonomy).toEqual({
      dwellings: 2,
      anahCents: 1_700_000,
      agglomerationCents: 100_000,
      eligibleWorksCents: 3_500_000,
      communes: 1,
    });
    expect(habitat.energy).toEqual({
      dwellings: 1,
      anahCents: 1_500_000,
      agglomerationCents: 300_000,
      eligibleWorksCents: 3_000_000,
      communes: 1,
    });
  });

  it('splits FTE amounts by work type pro rata, adding up to what was granted', async () => {
    const { fte } = await yearlyIndicators(ctx, bureau, '2026');
    expect(fte.households).toBe(3);
    expect(fte.grantedCents).toBe(483_333);
    expect(fte.byWorkType).toEqual([
      { type: 'wall_insulation', label: 'Isolation des murs', households: 2, amountCents: 266_666 },
      {
        type: 'attic_insulation',
        label: 'Isolation des combles perdus',
        households: 2,
        amountCents: 191_667,
      },
      { type: 'vmc', label: 'Ventilation mécanique contrôlée (VMC)', households: 1, amountCents: 25_000 },
    ]);
    expect(fte.byWorkType.reduce((s, t) => s + t.amountCents, 0) + fte.unallocatedCents).toBe(
      fte.grantedCents,
    );
  });

  it('gives last year its own figures', async () => {
    const r = await yearlyIndicators(ctx, bureau, '2025');
    expect(r.tpe.businesses).toBe(1);
    expect(r.tpe.jobs).toBe(4);
    expect(r.schemes.find((s) => s.scheme === 'TPE')).toMatchObject({
      committedCents: 99_000,
      paidCents: 49_000,
    });
  });

  it('refuses a bad year with 400 and applicants with 403', async () => {
    for (const y of ['2016', '2101', 'abcd', '20261', '']) {
      await expect(yearlyIndicators(ctx, bureau, y)).rejects.toMatchObject({
        status: 400,
        errors: [{ pointer: '/year' }],
      });
    }
    await expect(yearlyIndicators(ctx, applicant, '2026')).rejects.toMatchObject({ status: 403 });
  });
});

describe('indicatorsCsv', () => {
  it('writes French CSV with BOM, separator, CRLF and decimal comma', async () => {
    const csv = indicatorsCsv(await yearlyIndicators(ctx, bureau, '2026'));
    expect(csv.startsWith('\uFEFFRubrique;Indicateur;Valeur;Unité\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toContain('TPE;Entreprises;3;entreprises');
    expect(lines).toContain('TPE;Aide accordée - QPV;2400,00;€');
    expect(lines).toContain('ESS;Structures dirigées par des femmes;1;structures');
    expect(lines).toContain('HABITAT;Communes - autonomie;1;communes');
    expect(lines).toContain('FTE;Isolation des combles perdus - aide;1916,67;€');
  });
});

describe('compareReports', () => {
  // The comparison takes the report's rows as data (no CSV parser in the web function, issue 17
  // §8). Before, it read them back from the CSV: what that reading gives is the expected answer,
  // figure for figure, in the same order, with the year left out of the labels to match them.
  it('compares every figure of the CSV, as reading the CSV back would', async () => {
    const [current, previous] = await Promise.all([
      yearlyIndicators(ctx, bureau, '2026'),
      yearlyIndicators(ctx, bureau, '2025'),
    ]);
    const readBack = (csv: string, year: string) =>
      new Map(
        (parse(csv, { delimiter: ';', bom: true, from_line: 2 }) as string[][]).map(
          ([section = '', label = '', value = '', unit = '']) => {
            const n = Number(value.replace(',', '.'));
            return [
              `${section} ${label.replaceAll(year, '{année}')}`,
              { section, label, unit, value: unit === '€' ? Math.round(n * 100) : n },
            ] as const;
          },
        ),
      );
    const now = readBack(indicatorsCsv(current), '2026');
    const before = readBack(indicatorsCsv(previous), '2025');
    const expected = [...now].map(([key, f]) => ({ ...f, previous: before.get(key)?.value ?? 0 }));
    for (const [key, f] of before)
      if (!now.has(key))
        expected.push({ ...f, label: f.label.replaceAll('2025', '2026'), value: 0, previous: f.value });

    const c = compareReports(current, previous);
    expect(c).toMatchObject({ year: '2026', previousYear: '2025' });
    expect(c.figures).toEqual(expected);
    // Not all zeros: the fixtures have figures both years, some in cents.
    expect(c.figures.find((f) => f.section === 'TPE' && f.label === 'Aide accordée - QPV')?.value).toBe(
      240_000,
    );
    expect(c.figures.some((f) => f.unit === '€' && f.previous > 0)).toBe(true);
  });
});

describe('allocate', () => {
  it('shares a total by largest remainders', () => {
    const parts = allocate(
      100,
      new Map([
        ['a', 1],
        ['b', 1],
        ['c', 1],
      ]),
    );
    expect([...parts.values()].reduce((a, b) => a + b, 0)).toBe(100);
    expect(allocate(10, new Map([['a', 0]])).size).toBe(0);
  });
});
