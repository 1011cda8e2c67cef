import { addressIn } from '@aides/domain/testing/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from './support/api.ts';
import { applicationOf } from './support/journeys.ts';

/**
 * Issue 15.3 and 14 (TPE "rural or QPV, never both, and true") through the HTTP API: an admin
 * imports the official 2024 list with a dry run first; a bad file changes nothing; the imported list
 * replaces the demonstration one, and a business in one of its districts becomes eligible as QPV.
 */
let api: Awaited<ReturnType<typeof createTestApi>>;
const ADMIN = 'demo-admin';
const BUSINESS = 'demo-entreprise';

beforeAll(async () => {
  api = await createTestApi();
}, 120_000);

const OFFICIAL = [
  'code_qp;lib_qp;insee_com;lib_com',
  'QN06210M;Quartier du Stade;62119;Béthune',
  'QN06211M;Cités minières;62178;Bruay-la-Buissière',
  'QN06211M;Cités minières;62617;Nœux-les-Mines',
].join('\n');

const lists = async () => (await api.call(ADMIN, 'GET', '/api/admin/qpv-lists')).body.items;
const list2024 = async () => (await lists()).find((l: { generation: string }) => l.generation === '2024');

async function estimateTpeIn(communeInsee: string, communeName: string, qpvCode: string) {
  const created = await api.call(BUSINESS, 'POST', '/api/dossiers', {
    scheme: 'TPE',
    application: { ...applicationOf('TPE'), address: addressIn(communeInsee, communeName), qpvCode },
  });
  expect(created.status).toBe(201);
  const r = await api.call(BUSINESS, 'POST', `/api/dossiers/${created.body.id}/estimate`);
  expect(r.status).toBe(200);
  const reasons = r.body.eligibility?.reasons ?? r.body.assessment?.eligibility?.reasons ?? [];
  return reasons.find((x: { rule: string }) => x.rule === 'tpe.location');
}

describe('QPV lists by generation', () => {
  it('the dry run reports each line and writes nothing', async () => {
    const before = await list2024();
    const r = await api.call(ADMIN, 'POST', '/api/admin/qpv-lists/2024', {
      csv: `${OFFICIAL}\nQP062001;Ancien;62119;Béthune\nQN06212M;Lille;59350;Lille`,
      source: 'ANCT, liste des QPV 2024',
      reason: 'Essai',
      dryRun: true,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: true, written: false, lines: 5 });
    expect(r.body.issues).toEqual([
      { line: 5, column: 'code_qp', message: expect.stringContaining('QN06201M') },
      { line: 6, column: 'insee_com', message: 'La commune 59350 n’est pas membre de l’agglomération.' },
    ]);
    expect(await list2024()).toEqual(before);
  });

  it('a real run with a bad line answers 400 with the line, in French, and changes nothing', async () => {
    const before = await list2024();
    const audit = (await api.call(ADMIN, 'GET', '/api/admin/audit?type=qpv_list_imported')).body.items.length;
    const r = await api.call(ADMIN, 'POST', '/api/admin/qpv-lists/2024', {
      csv: `${OFFICIAL}\nQN06212M;Lille;59350;Lille`,
      source: 'ANCT',
      reason: 'Import',
    });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      {
        pointer: '/csv',
        detail: 'Ligne 5 (insee_com) : La commune 59350 n’est pas membre de l’agglomération.',
      },
    ]);
    expect(await list2024()).toEqual(before);
    expect((await api.call(ADMIN, 'GET', '/api/admin/audit?type=qpv_list_imported')).body.items).toHaveLength(
      audit,
    );
  });

  it('the imported list replaces the previous one, is audited, and a TPE in one of its districts is eligible as QPV', async () => {
    // Béthune (25,224 inhabitants) is not rural: without a QPV of the list in force, not eligible.
    expect(await estimateTpeIn('62119', 'Béthune', 'QN06210M')).toMatchObject({ outcome: 'not_eligible' });
    const r = await api.call(ADMIN, 'POST', '/api/admin/qpv-lists/2024', {
      csv: OFFICIAL,
      source: 'ANCT, liste des QPV 2024 (décret n° 2023-1314)',
      reason: 'Liste officielle',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ written: true, issues: [] });
    const list = await list2024();
    expect(list).toMatchObject({
      imported: true,
      demonstration: false,
      source: expect.stringContaining('ANCT'),
    });
    expect(list.qpv).toEqual([
      { code: 'QN06210M', name: 'Quartier du Stade', communes: [{ insee: '62119', name: 'Béthune' }] },
      {
        code: 'QN06211M',
        name: 'Cités minières',
        communes: [
          { insee: '62178', name: 'Bruay-la-Buissière' },
          { insee: '62617', name: 'Nœux-les-Mines' },
        ],
      },
    ]);
    const events = (await api.call(ADMIN, 'GET', '/api/admin/audit?type=qpv_list_imported')).body.items;
    expect(events.at(-1) ?? events[0]).toMatchObject({ why: 'Liste officielle' });

    expect(await estimateTpeIn('62119', 'Béthune', 'QN06210M')).toMatchObject({ outcome: 'to_review' });
    // A district of another commune is refused, saying where it is.
    expect(await estimateTpeIn('62119', 'Béthune', 'QN06211M')).toMatchObject({
      outcome: 'not_eligible',
      message: expect.stringContaining('Bruay-la-Buissière, Nœux-les-Mines, pas à Béthune'),
    });
  });

  it('only an admin may import', async () => {
    const r = await api.call('demo-instructrice', 'POST', '/api/admin/qpv-lists/2024', {
      csv: OFFICIAL,
      source: 'x',
      reason: 'x',
    });
    expect(r.status).toBe(403);
  });
});
