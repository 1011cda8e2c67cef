import { ConditionFailedError, replaceDossierTx, takeReferenceNumber } from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import { UNKNOWN_GAP_REASON, writeWithNewReference } from '../dossiers/numbering.ts';
import { referenceGaps } from './reference-gaps.ts';

const as = (role: Caller['roles'][number]): Caller => ({
  sub: `${role}-1`,
  name: role,
  email: `${role}@example.fr`,
  roles: [role],
});
const YEAR = 2031;
let ctx: ServiceContext;

/** A filing whose write succeeds (the claim alone stands for the dossier here). */
const file = (dossierId: string) =>
  writeWithNewReference(ctx, { scheme: 'FTE', year: YEAR, dossierId, itemsFor: () => [] });

beforeAll(async () => {
  ctx = createContext(await createTestStore(), { now: () => new Date(`${YEAR}-03-02T09:00:00Z`) });
  await file('dossier-1'); // FTE-2031-00001 given
  await takeReferenceNumber(ctx.store, 'FTE', YEAR); // 00002: the filer died before writing
  // 00003: the dossier's write is refused (its version moved), so the number is recorded void.
  const missing = {
    id: 'dossier-3',
    scheme: 'FTE',
    status: 'submitted',
    ownerSub: 'x',
    createdAt: '',
    version: 2,
  };
  await expect(
    writeWithNewReference(ctx, {
      scheme: 'FTE',
      year: YEAR,
      dossierId: 'dossier-3',
      itemsFor: () => [replaceDossierTx(ctx.store, missing, 1)],
    }),
  ).rejects.toBeInstanceOf(ConditionFailedError);
  await file('dossier-4'); // 00004 given
});

describe('numéros non attribués', () => {
  it('lists every number the counter gave out that no dossier carries, with its reason', async () => {
    const report = await referenceGaps(ctx, as('finance'), { year: String(YEAR), scheme: 'FTE' });
    expect(report.year).toBe(YEAR);
    expect(report.schemes).toHaveLength(1);
    expect(report.schemes[0]).toEqual({
      scheme: 'FTE',
      label: 'Fonds de Transition Énergétique',
      taken: 4,
      given: 2,
      gaps: [
        { number: 2, reference: 'FTE-2031-00002', reason: UNKNOWN_GAP_REASON, recorded: false },
        {
          number: 3,
          reference: 'FTE-2031-00003',
          reason: 'Dépôt non enregistré : le dossier avait changé ou venait d’être déposé.',
          recorded: true,
          at: `${YEAR}-03-02T09:00:00.000Z`,
        },
      ],
    });
    expect(report.method).toContain(UNKNOWN_GAP_REASON);
  });

  it('covers every scheme of the current year by default, and no other year', async () => {
    const report = await referenceGaps(ctx, as('instructor'), {});
    expect(report.year).toBe(YEAR);
    expect(report.schemes.map((s) => [s.scheme, s.taken, s.gaps.length])).toEqual([
      ['FTE', 4, 2],
      ['TPE', 0, 0],
      ['ESS', 0, 0],
      ['HABITAT', 0, 0],
    ]);
    const before = await referenceGaps(ctx, as('admin'), { year: String(YEAR - 1) });
    expect(before.schemes.every((s) => s.taken === 0 && s.gaps.length === 0)).toBe(true);
  });

  it('is for instruction, finance and admin only', async () => {
    for (const role of ['applicant', 'bureau'] as const)
      await expect(referenceGaps(ctx, as(role), {})).rejects.toMatchObject({ status: 403 });
  });

  it('refuses an unreadable year or scheme with the field named', async () => {
    await expect(referenceGaps(ctx, as('finance'), { year: '20x1' })).rejects.toMatchObject({
      status: 400,
      errors: [{ pointer: '/year' }],
    });
    await expect(referenceGaps(ctx, as('finance'), { scheme: 'XYZ' })).rejects.toMatchObject({
      status: 400,
      errors: [{ pointer: '/scheme' }],
    });
  });
});
