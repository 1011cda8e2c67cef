/** Issue 20 §3: rectification through the instructor, audited; an appeal recorded blocks the purge. */
import type { Caller } from '@aides/services/caller';
import { createContext, type ServiceContext } from '@aides/services/context';
import type { Dossier, DossierEvent } from '@aides/services/dossiers/model';
import { recordAppeal, rectifyApplication } from '@aides/services/privacy/rectify';
import { getDossier, listDossierEvents, type Store } from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { nowFromArgs, runRetentionJob } from '../../functions/src/retention/job.ts';
import { createTestStore } from '../support/store.ts';
import { writeDemoDossier } from './demo-set.ts';

let store: Store;
let ctx: ServiceContext;
const instructor: Caller = {
  sub: 'instr-1',
  name: 'Inès Tructrice',
  email: 'i@example.fr',
  roles: ['instructor'],
};
const applicant: Caller = { sub: 'owner-r1', name: 'Camille', email: 'c@example.fr', roles: ['applicant'] };

beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store, { now: () => new Date('2026-03-01T10:00:00.000Z') });
  await writeDemoDossier(store, {
    id: 'r1',
    scheme: 'FTE',
    status: 'rejected',
    updatedAt: '2026-02-01T10:00:00.000Z',
    decisionAt: '2026-02-01T10:00:00.000Z',
  });
});

describe('rectification and appeals', () => {
  it('an instructor rectifies a declared field; the timeline says who, which field and why, not the old value', async () => {
    await expect(
      rectifyApplication(ctx, applicant, 'r1', 4, {
        pointer: '/applicant/lastName',
        value: 'Dupont',
        motivation: 'Nom d’usage',
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      rectifyApplication(ctx, instructor, 'r1', 4, {
        pointer: '/applicant/nope',
        value: 'x',
        motivation: 'Demande écrite',
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      rectifyApplication(ctx, instructor, 'r1', 3, {
        pointer: '/applicant/lastName',
        value: 'Dupont',
        motivation: 'Demande écrite',
      }),
    ).rejects.toMatchObject({ status: 409 });
    const d = await rectifyApplication(ctx, instructor, 'r1', 4, {
      pointer: '/applicant/lastName',
      value: 'Martin',
      motivation: 'Demande écrite du 28 février, acte de mariage joint',
    });
    expect((d.application.applicant as { lastName: string }).lastName).toBe('Martin');
    const events = await listDossierEvents<DossierEvent>(store, 'r1');
    const e = events.find((x) => x.action === 'rectify');
    expect(e).toMatchObject({
      actorSub: 'instr-1',
      detail: 'Champ rectifié : /applicant/lastName',
      why: expect.stringContaining('acte de mariage'),
    });
    expect(JSON.stringify(e)).not.toContain('Dupont-Lefebvre');
  });

  it('an appeal recorded by the instructor keeps the dossier from its purge until it is closed', async () => {
    const d0 = (await getDossier<Dossier>(store, 'r1')) as Dossier;
    const opened = await recordAppeal(ctx, instructor, 'r1', d0.version, {
      status: 'open',
      note: 'Recours gracieux reçu',
    });
    expect(opened.appeal).toMatchObject({ status: 'open' });
    // The appeal write is a change: the clock restarts from it (never purges early).
    const blocked = await runRetentionJob(ctx, { now: nowFromArgs(['--now', '2032-01-01']) });
    expect(blocked.blocked).toEqual([{ id: 'r1', blockers: ['open_appeal'] }]);
    await recordAppeal(ctx, instructor, 'r1', opened.version, { status: 'closed' });
    const run = await runRetentionJob(ctx, { now: nowFromArgs(['--now', '2032-01-02']) });
    expect(run.purged).toEqual([{ id: 'r1', outcome: 'purged', objectsDeleted: 3 }]);
  });
});
