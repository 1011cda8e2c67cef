import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/api.ts';
import { HOUSEHOLD, OTHER_APPLICANT, readyDraft, scanAll } from './fixtures.ts';

let api: Awaited<ReturnType<typeof createTestApi>>;
beforeAll(async () => {
  api = await createTestApi();
});

const submit = (as: string, id: string, version: number, key: string) =>
  api.call(as, 'POST', `/api/dossiers/${id}/submit`, undefined, {
    'if-match': `"${version}"`,
    'idempotency-key': key,
  });

describe('replayed submit', () => {
  it('5 parallel then 5 serial replays: one dossier filed, one reference, identical answers', async () => {
    const d = await readyDraft(api.ctx);
    const key = `replay-${d.id}`;
    const parallel = await Promise.all(
      Array.from({ length: 5 }, () => submit(HOUSEHOLD, d.id, d.version, key)),
    );
    const serial = [];
    for (let i = 0; i < 5; i++) serial.push(await submit(HOUSEHOLD, d.id, d.version, key));
    const all = [...parallel, ...serial];
    for (const r of all) expect(r.status, JSON.stringify(r.body)).toBe(201);
    const first = JSON.stringify(all[0]?.body);
    for (const r of all) expect(JSON.stringify(r.body)).toBe(first);
    const reference = all[0]?.body.acknowledgement.reference as string;
    expect(reference).toMatch(/^FTE-\d{4}-\d{5}$/);

    const items = await scanAll(api.store);
    const claims = items.filter((i) => i.type === 'reference' && i.dossierId === d.id);
    expect(claims.map((c) => c.pk)).toEqual([`REFERENCE#${reference}`]);
    const events = items.filter((i) => i.type === 'event' && i.dossierId === d.id && i.action === 'submit');
    expect(events).toHaveLength(1);
    const dossier = items.filter((i) => i.type === 'dossier' && i.id === d.id);
    expect(dossier).toHaveLength(1);
    expect(dossier[0]).toMatchObject({ status: 'submitted', reference, version: d.version + 1 });
    expect(items.filter((i) => i.type === 'idempotency')).toHaveLength(1);
  });

  it('another user reusing the same Idempotency-Key never gets the first answer', async () => {
    const a = await readyDraft(api.ctx, HOUSEHOLD);
    const b = await readyDraft(api.ctx, OTHER_APPLICANT);
    const key = `shared-key-${a.id.slice(0, 8)}`;
    const first = await submit(HOUSEHOLD, a.id, a.version, key);
    expect(first.status).toBe(201);
    const refA = first.body.acknowledgement.reference as string;

    // The other applicant replays the key against the first dossier: not theirs, 404, no leak.
    const stolen = await submit(OTHER_APPLICANT, a.id, a.version, key);
    expect(stolen.status).toBe(404);
    expect(stolen.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(stolen.body)).not.toContain(refA);
    expect(JSON.stringify(stolen.body)).not.toContain(a.id);

    // …and on their own dossier with the same key: their own, new answer.
    const own = await submit(OTHER_APPLICANT, b.id, b.version, key);
    expect(own.status).toBe(201);
    expect(own.body.acknowledgement.reference).not.toBe(refA);
    expect(own.body.dossier.id).toBe(b.id);
    const replay = await submit(OTHER_APPLICANT, b.id, b.version, key);
    expect(replay.body).toEqual(own.body);

    // The same key reused by the first user for another request is refused, not answered with the old body.
    const c = await readyDraft(api.ctx, HOUSEHOLD);
    const reuse = await submit(HOUSEHOLD, c.id, c.version, key);
    expect(reuse.status).toBe(422);
    expect(JSON.stringify(reuse.body)).not.toContain(refA);
  });
});
