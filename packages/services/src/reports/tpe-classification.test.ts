import { createDossierTx, putQpvListTx, type Store, transact } from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import type { Dossier } from '../dossiers/model.ts';
import { indicatorsCsv, yearlyIndicators } from './indicators.ts';

/**
 * Issue 14, « rural or QPV, never both, and true »: the yearly report counts the instructor's
 * confirmed classification; a dossier not confirmed falls back to the rule's verdict on its filed
 * location (never « a QPV code was typed »), and the report says how many were not confirmed.
 */
const finance: Caller = { sub: 'f', name: 'Finances', email: 'f@example.fr', roles: ['finance'] };

const tpe = (id: string, communeInsee: string, qpvCode?: string, extra: Partial<Dossier> = {}): Dossier => ({
  id,
  scheme: 'TPE',
  status: 'approved',
  version: 5,
  ownerSub: `o-${id}`,
  ownerName: 'Entreprise',
  application: {
    scheme: 'TPE',
    project: 'creation',
    address: { communeInsee },
    investments: [{ label: 'Four', amountHtCents: 1_000_000 }],
    jobs: [],
    ...(qpvCode ? { qpvCode } : {}),
  },
  createdAt: '2026-01-10T09:00:00.000Z',
  updatedAt: '2026-03-10T10:00:00.000Z',
  filedAt: '2026-01-12T09:00:00.000Z',
  ruleSetVersion: 'tpe-2026',
  reference: `TPE-${id}`,
  beneficiary: `Entreprise ${id}`,
  communeInsee,
  decision: {
    outcome: 'favourable',
    sessionId: 's1',
    deliberationNumber: `D-${id}`,
    at: '2026-03-10T10:00:00.000Z',
  },
  committedByFunder: { agglomeration: 300_000 },
  paidByFunder: {},
  ...extra,
});

const confirmedQpv: Partial<Dossier> = {
  locationConfirmation: {
    classification: 'qpv',
    communeInsee: '62178',
    communeName: 'Bruay-la-Buissière',
    population: 21_000,
    populationSource: 'INSEE',
    ruralPopulationBelow: 3000,
    qpv: { code: 'QN06202M', name: 'Provinces', generation: '2024', listSource: 'test', demonstration: true },
    origin: 'instruction',
    by: 'i',
    byName: 'Instructrice',
    at: '2026-02-01T10:00:00.000Z',
  },
};

let store: Store;
let ctx: ServiceContext;

beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store, { now: () => new Date('2026-11-15T10:00:00Z') });
  await transact(store, [
    {
      label: 'qpv',
      item: putQpvListTx(store, {
        generation: '2024',
        qpv: [
          { code: 'QN06201M', name: 'Mont-Liébaut', communes: ['62119'] },
          { code: 'QN06202M', name: 'Provinces', communes: ['62178'] },
        ],
        source: 'Liste de test',
        demonstration: true,
      }).item,
    },
  ]);
  await transact(store, [
    // Saint-Venant (2,999 inhabitants) with a Béthune QPV code typed: rural, never QPV (was QPV).
    createDossierTx(store, tpe('rural-typed-qpv', '62770', 'QN06201M')),
    // Béthune in its own QPV, not yet confirmed: QPV by the rule, counted « non confirmé ».
    createDossierTx(store, tpe('bethune-qpv', '62119', 'QN06201M')),
    // Bruay-la-Buissière with a QPV of Béthune typed, but the instructor confirmed its own QPV.
    createDossierTx(store, tpe('bruay-confirmed', '62178', 'QN06201M', confirmedQpv)),
    // Béthune without a QPV: neither, counted in neither part.
    createDossierTx(store, tpe('bethune-none', '62119')),
  ]);
}, 120_000);

describe('the yearly report counts the confirmed TPE classification (issue 14)', () => {
  it('a rural-commune firm with a typed QPV code is rural; the confirmation wins; neither is neither', async () => {
    const { tpe: t } = await yearlyIndicators(ctx, finance, '2026');
    expect(t.businesses).toBe(4);
    expect(t.rural.businesses).toBe(1);
    expect(t.qpv.businesses).toBe(2);
    expect(t.classification).toEqual({ confirmed: 1, notConfirmed: 2, unclassified: 1 });
  });

  it('the CSV and the method say how many were not confirmed', async () => {
    const report = await yearlyIndicators(ctx, finance, '2026');
    const csv = indicatorsCsv(report);
    expect(csv).toContain('TPE;Entreprises - communes rurales;1;entreprises');
    expect(csv).toContain('TPE;Entreprises - QPV;2;entreprises');
    expect(csv).toContain('TPE;Classement rural / QPV non confirmé (déduit de la demande);2;entreprises');
    expect(csv).toContain('TPE;Ni rural ni QPV selon la demande (non confirmé);1;entreprises');
    expect(report.method.join(' ')).toContain('classement confirmé par l’instructeur');
  });
});
