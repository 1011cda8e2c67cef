import { createDossierTx, type Store, transact } from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import type { Dossier } from '../dossiers/model.ts';
import { indicatorsCsv, yearlyIndicators } from './indicators.ts';
import { countJobs } from './jobs-count.ts';

const bureau: Caller = { sub: 'bureau-1', name: 'Bureau', email: 'b@example.fr', roles: ['bureau'] };

describe('jobs as the report counts them (16.6)', () => {
  it.each([
    // declared lines, permanent FTE, other contracts
    ['a full-time CDI', [{ contract: 'cdi', workingTimePct: 100 }], 1, 0],
    ['a half-time CDI', [{ contract: 'cdi', workingTimePct: 50 }], 0.5, 0],
    [
      'CDD and apprenticeship apart',
      [{ contract: 'cdd', workingTimePct: 100 }, { contract: 'apprenticeship' }],
      0,
      2,
    ],
    ['the founder is no job created', [{ contract: 'cdi', workingTimePct: 100, founder: true }], 0, 0],
    ['a stored line without working time is full time', [{ contract: 'cdi' }], 1, 0],
  ] as const)('%s', (_l, jobs, fte, other) => {
    expect(countJobs(jobs)).toEqual({ permanentFte: fte, otherContracts: other });
  });
});

/** An ESS dossier granted by the Bureau in 2023 with these declared jobs. */
const granted = (id: string, jobs: Record<string, unknown>[]): Dossier => ({
  id,
  scheme: 'ESS',
  status: 'approved',
  version: 5,
  ownerSub: `owner-${id}`,
  ownerName: 'Association',
  application: {
    scheme: 'ESS',
    project: 'creation',
    leaders: [{ firstName: 'A', lastName: 'B', gender: 'female', role: 'Présidence' }],
    jobs,
  },
  createdAt: '2023-01-10T09:00:00.000Z',
  updatedAt: '2023-05-10T10:00:00.000Z',
  filedAt: '2023-01-12T09:00:00.000Z',
  reference: `ESS-2023-${id}`,
  beneficiary: `Structure ${id}`,
  decision: {
    outcome: 'favourable',
    sessionId: 's1',
    deliberationNumber: `DEL-${id}`,
    at: '2023-05-10T10:00:00.000Z',
  },
  committedByFunder: { agglomeration: 1_000_000 },
  paidByFunder: {},
});

describe('an ESS year: « 33 jobs where 24 permanent full-time were funded »', () => {
  let store: Store;
  let ctx: ServiceContext;
  beforeAll(async () => {
    store = await createTestStore();
    ctx = createContext(store, { now: () => new Date('2024-01-15T10:00:00Z') });
    const cdi = (n: number) =>
      Array.from({ length: n }, () => ({ title: 'Poste', contract: 'cdi', workingTimePct: 100 }));
    const other = (contract: string, n: number) =>
      Array.from({ length: n }, () => ({ title: 'Poste', contract, workingTimePct: 100 }));
    // 7 structures, 33 declared lines: 24 full-time CDI, 6 CDD, 3 apprenticeships.
    const dossiers = [
      granted('e1', [...cdi(4), ...other('cdd', 2)]),
      granted('e2', [...cdi(4), ...other('apprenticeship', 1)]),
      granted('e3', [...cdi(4), ...other('cdd', 1)]),
      granted('e4', [...cdi(3), ...other('cdd', 2)]),
      granted('e5', [...cdi(3), ...other('apprenticeship', 2)]),
      granted('e6', [...cdi(3), ...other('cdd', 1)]),
      granted('e7', cdi(3)),
    ];
    expect(dossiers.reduce((s, d) => s + (d.application.jobs as unknown[]).length, 0)).toBe(33);
    for (const d of dossiers) await transact(store, [createDossierTx(store, d)]);
  });

  it('counts 24 permanent FTE and shows the 9 other contracts apart', async () => {
    const r = await yearlyIndicators(ctx, bureau, '2023');
    expect(r.ess.structures).toBe(7);
    expect(r.ess.jobs).toBe(24);
    expect(r.ess.otherContracts).toBe(9);
    const csv = indicatorsCsv(r);
    expect(csv).toContain('ESS;Emplois permanents créés;24;ETP\r\n');
    expect(csv).toContain('ESS;Autres contrats;9;contrats\r\n');
  });
});
