import { randomUUID } from 'node:crypto';
import type { Funder, Scheme } from '@aides/domain';
import { createDossierTx, createStore, ensureBucket, ensureTable, type Store, transact } from '@aides/store';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Commitment, Payment } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import type { Dossier } from '../dossiers/model.ts';
import { commitmentItem, paymentItem } from '../finance/items.ts';
import { allocate, indicatorsCsv, yearlyIndicators } from './indicators.ts';

const bureau: Caller = { sub: 'bureau-1', name: 'Bureau', email: 'b@example.fr', roles: ['bureau'] };
const applicant: Caller = { sub: 'app-1', name: 'Demandeur', email: 'a@example.fr', roles: ['applicant'] };

async function createTestStore(): Promise<Store> {
  const id = randomUUID().slice(0, 8);
  const s = createStore({
    tableName: `test-${id}`,
    bucketName: `test-${id}`,
    region: 'eu-west-3',
    dynamoEndpoint: inject('dynamoEndpoint'),
    s3Endpoint: inject('s3Endpoint'),
  });
  await ensureTable(s);
  await ensureBucket(s, 'http://localhost:3000');
  return s;
}

type Granted = Partial<Record<Funder, number>>;

function dossier(
  id: string,
  scheme: Scheme,
  status: Dossier['status'],
  decidedAt: string,
  granted: Granted,
  application: Record<string, unknown>,
  extra: Partial<Dossier> = {},
): Dossier {
  return {
    id,
    scheme,
    status,
    version: 5,
    ownerSub: `owner-${id}`,
    ownerName: 'Demandeur',
    application: { scheme, ...application },
    createdAt: '2025-01-10T09:00:00.000Z',
    updatedAt: decidedAt,
    filedAt: '2025-01-12T09:00:00.000Z',
    reference: `${scheme}-${id}`,
    beneficiary: `Bénéficiaire ${id}`,
    decision: { outcome: 'favourable', sessionId: 's1', deliberationNumber: `DEL-${id}`, at: decidedAt },
    committedByFunder: granted,
    paidByFunder: {},
    ...extra,
  };
}

const line = (label: string, amountCents: number) => ({
  label,
  funder: 'agglomeration' as const,
  baseCents: 0,
  amountCents,
  explanation: '',
});
const computed = (lines: ReturnType<typeof line>[]) => ({
  scheme: 'FTE' as const,
  ruleSetVersion: 'fte-2021',
  lines,
  totalsByFunder: { agglomeration: 0, anah: 0, region: 0 },
  totalCents: 0,
  maxByFunder: { agglomeration: 0, anah: 0, region: 0 },
  explanation: [],
});
const proposal = (lines: ReturnType<typeof line>[]) => ({
  kind: 'grant' as const,
  amountsByFunder: { agglomeration: 0, anah: 0, region: 0 },
  totalCents: 0,
  computed: computed(lines),
  text: '',
  by: 'i',
  byName: 'I',
  at: '2026-01-01T00:00:00.000Z',
});
const jobs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ title: `Poste ${i}`, contract: 'cdi', workingTimePct: 100 }));
const leader = (gender: string) => ({ firstName: 'A', lastName: 'B', gender, role: 'Présidence' });
const works = (...types: string[]) =>
  types.map((type) => ({ type, amountHtCents: 100_000, amountTtcCents: 110_000 }));

const dossiers: Dossier[] = [
  dossier(
    't1',
    'TPE',
    'approved',
    '2026-03-10T10:00:00.000Z',
    { agglomeration: 300_000, region: 200_000 },
    {
      project: 'creation',
      investments: [
        { label: 'Four', amountHtCents: 1_000_000 },
        { label: 'Vitrine', amountHtCents: 500_000 },
      ],
      jobs: jobs(2),
    },
  ),
  dossier(
    't2',
    'TPE',
    'partly_paid',
    '2026-05-01T10:00:00.000Z',
    { agglomeration: 240_000 },
    {
      project: 'development',
      qpvCode: 'QN06201M',
      investments: [{ label: 'Matériel', amountHtCents: 800_000 }],
      jobs: jobs(1),
    },
  ),
  // 31 December 2025 at 23:30 UTC is already 2026 in Paris.
  dossier(
    't3',
    'TPE',
    'approved',
    '2025-12-31T23:30:00.000Z',
    { agglomeration: 60_000 },
    {
      project: 'creation',
      investments: [{ label: 'Outillage', amountHtCents: 200_000 }],
      jobs: [],
    },
  ),
  dossier(
    't4',
    'TPE',
    'paid',
    '2025-06-01T10:00:00.000Z',
    { agglomeration: 99_000 },
    { project: 'creation', investments: [], jobs: jobs(4) },
  ),
  dossier(
    't5',
    'TPE',
    'rejected',
    '2026-02-01T10:00:00.000Z',
    {},
    { project: 'creation', investments: [], jobs: [] },
  ),
  dossier(
    'e1',
    'ESS',
    'paid',
    '2026-04-02T10:00:00.000Z',
    { agglomeration: 1_500_000 },
    {
      project: 'creation',
      leaders: [leader('female'), leader('female'), leader('male')],
      jobs: jobs(3),
    },
  ),
  dossier(
    'e2',
    'ESS',
    'approved',
    '2026-04-02T10:00:00.000Z',
    { agglomeration: 1_000_000 },
    {
      project: 'development',
      leaders: [leader('female'), leader('male')],
      jobs: jobs(2),
    },
  ),
  dossier(
    'h1',
    'HABITAT',
    'approved',
    '2026-02-02T10:00:00.000Z',
    { anah: 700_000, agglomeration: 100_000 },
    {
      workKind: 'autonomy',
      address: { communeInsee: '62119' },
      works: [
        { label: 'Douche', amountHtCents: 1_000_000 },
        { label: 'Monte-escalier', amountHtCents: 500_000 },
      ],
    },
    { communeInsee: '62119' },
  ),
  dossier(
    'h2',
    'HABITAT',
    'lapsed',
    '2026-02-02T10:00:00.000Z',
    { anah: 1_000_000 },
    {
      workKind: 'autonomy',
      address: { communeInsee: '62119' },
      works: [{ label: 'Rampe', amountHtCents: 2_000_000 }],
    },
    { communeInsee: '62119' },
  ),
  dossier(
    'h3',
    'HABITAT',
    'approved',
    '2026-09-02T10:00:00.000Z',
    { anah: 1_500_000, agglomeration: 300_000 },
    {
      workKind: 'energy',
      address: { communeInsee: '62178' },
      works: [{ label: 'Isolation', amountHtCents: 3_000_000 }],
    },
    { communeInsee: '62178' },
  ),
  dossier(
    'f1',
    'FTE',
    'approved',
    '2026-06-01T10:00:00.000Z',
    { agglomeration: 100_000 },
    { works: works('attic_insulation', 'vmc') },
    {
      proposal: proposal([
        line('Isolation des combles perdus', 150_000),
        line('Ventilation mécanique contrôlée (VMC)', 50_000),
      ]),
    },
  ),
  dossier(
    'f2',
    'FTE',
    'approved',
    '2026-06-01T10:00:00.000Z',
    { agglomeration: 33_333 },
    { works: works('wall_insulation') },
  ),
  dossier(
    'f3',
    'FTE',
    'paid',
    '2026-06-01T10:00:00.000Z',
    { agglomeration: 350_000 },
    { works: works('attic_insulation', 'wall_insulation') },
    {
      proposal: proposal([
        line('Isolation des combles perdus', 100_000),
        line('Isolation des murs', 200_000),
        line('Bouquet de travaux', 50_000),
      ]),
    },
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
  id,
  dossierId: c.dossierId,
  commitmentId: c.id,
  reference: c.reference,
  scheme: c.scheme,
  year: c.year,
  funder: c.funder,
  beneficiary: c.beneficiary,
  budgetLine: c.budgetLine,
  kind: 'advance',
  amountCents,
  at,
  by: 'finance',
  sessionId: 's1',
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
    [c1, c2, c3, c4].map((c) => commitmentItem(ctx, c)),
  );
  await transact(store, [
    paymentItem(ctx, payment('p1', c1, 100_000, '2026-04-01T10:00:00.000Z')),
    paymentItem(ctx, payment('p2', c3, 50_000, '2026-01-15T10:00:00.000Z')),
    paymentItem(ctx, payment('p3', c3, 49_000, '2025-07-15T10:00:00.000Z')),
    paymentItem(ctx, payment('p4', c4, 490_000, '2026-12-01T10:00:00.000Z')),
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
    expect(tpe.rural).toEqual({ businesses: 2, grantedCents: 560_000, investmentCents: 1_700_000, jobs: 2 });
    expect(tpe.qpv).toEqual({ businesses: 1, grantedCents: 240_000, investmentCents: 800_000, jobs: 1 });
  });

  it('counts ESS structures, jobs and women-led structures (strict majority of women leaders)', async () => {
    const { ess } = await yearlyIndicators(ctx, bureau, '2026');
    expect(ess).toEqual({
      structures: 2,
      creations: 1,
      developments: 1,
      womenLed: 1,
      jobs: 5,
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
