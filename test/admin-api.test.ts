import { anahCeilings } from '@aides/domain';
import { recordSignIn } from '@aides/services/people/directory';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Persona, personaBySub } from '../scripts/local/personas.ts';
import { createTestApi } from './support/api.ts';
import { applicationOf, fileDossier } from './support/journeys.ts';

/**
 * Issue 15 through the HTTP API: rule-set versions, ANAH ceilings, staff deactivation and the audit
 * log; every bad input answers a French 400 and writes nothing (no version, no audit event).
 */
let api: Awaited<ReturnType<typeof createTestApi>>;
const ADMIN = 'demo-admin';
const HOUSEHOLD = 'demo-menage';
const INSTRUCTOR = 'demo-instructrice';
const COLLEAGUE = 'demo-instructeur';
const ATTIC = 'amounts.works.attic_insulation.centsPerUnit';

beforeAll(async () => {
  api = await createTestApi();
  for (const sub of [INSTRUCTOR, COLLEAGUE, ADMIN]) {
    const p = personaBySub(sub) as Persona;
    await recordSignIn(api.ctx, { sub: p.sub, name: p.name, email: p.email, roles: p.groups });
  }
}, 120_000);

const today = () => new Date().toISOString().slice(0, 10);
const auditCount = async () =>
  (await api.call(ADMIN, 'GET', '/api/admin/audit?type=rule_set_published')).body.items.length;
const versions = async () =>
  (await api.call(ADMIN, 'GET', '/api/admin/rule-sets/FTE')).body.items.map(
    (v: { version: string }) => v.version,
  );

async function newDraftEstimate() {
  const created = await api.call(HOUSEHOLD, 'POST', '/api/dossiers', {
    scheme: 'FTE',
    application: applicationOf('FTE'),
  });
  expect(created.status).toBe(201);
  const r = await api.call(HOUSEHOLD, 'POST', `/api/dossiers/${created.body.id}/estimate`);
  expect(r.status).toBe(200);
  return r.body;
}

describe('rule-set versions', () => {
  it('refuses an unknown figure, a negative rate, an earlier effective date and a missing deliberation; nothing is written', async () => {
    const before = { versions: await versions(), audit: await auditCount() };
    const base = {
      effectiveFrom: today(),
      deliberation: { reference: 'DEL-T-1', date: today() },
      reason: 'Essai.',
    };
    const cases: [unknown, string, RegExp][] = [
      [
        { ...base, figures: { 'amounts.works.jacuzzi.amountCents': { value: 1 } } },
        '/figures/amounts.works.jacuzzi.amountCents',
        /inconnu/,
      ],
      [
        { ...base, figures: { 'amounts.works.efficient_heating.rateBp': { value: -100 } } },
        '/figures/amounts.works.efficient_heating.rateBp/value',
        /négative/,
      ],
      [{ ...base, effectiveFrom: '2020-06-01', figures: {} }, '/effectiveFrom', /précéder/],
      [
        { ...base, deliberation: { reference: '', date: today() }, figures: {} },
        '/deliberation/reference',
        /obligatoire/,
      ],
    ];
    for (const [body, pointer, message] of cases) {
      const r = await api.call(ADMIN, 'POST', '/api/admin/rule-sets/FTE', body as never);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      const e = (r.body.errors as { pointer: string; detail: string }[]).find((x) => x.pointer === pointer);
      expect(e?.detail, JSON.stringify(r.body.errors)).toMatch(message);
    }
    expect(await versions()).toEqual(before.versions);
    expect(await auditCount()).toBe(before.audit);
  });

  it('previews, publishes with its deliberation and audit event; a new estimate uses it, a filed dossier keeps its set', async () => {
    const filed = await fileDossier(api, 'FTE');
    const old = await api.call(INSTRUCTOR, 'GET', `/api/dossiers/${filed}`);
    const oldVersion = old.body.ruleSetVersion as string;
    const oldTotal = old.body.amounts.totalCents as number;
    const draft = await api.call(ADMIN, 'GET', '/api/admin/rule-sets/FTE/draft');
    const attic = draft.body.figures.find((f: { path: string }) => f.path === ATTIC);
    expect(attic).toMatchObject({ unit: 'euros_per_m2', isDefault: true, value: 1000 });
    const body = {
      effectiveFrom: today(),
      deliberation: { reference: 'DEL-2026-042', date: today() },
      figures: { [ATTIC]: { value: 1200 } },
    };
    const preview = await api.call(ADMIN, 'POST', '/api/admin/rule-sets/FTE/preview', body);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const line = preview.body.dossiers.find((d: { id: string }) => d.id === filed);
    expect(line).toMatchObject({ currentCents: oldTotal, differenceCents: 80 * 200 });

    const published = await api.call(ADMIN, 'POST', '/api/admin/rule-sets/FTE', {
      ...body,
      reason: 'Délibération du Bureau.',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const version = published.body.version as string;
    expect(published.body.deliberation.reference).toBe('DEL-2026-042');

    const list = await api.call(ADMIN, 'GET', '/api/admin/rule-sets/FTE');
    const v = list.body.items.find((x: { version: string }) => x.version === version);
    expect(v).toMatchObject({ origin: 'published', inForce: true });
    const fig = v.figures.find((f: { path: string }) => f.path === ATTIC);
    expect(fig).toMatchObject({
      value: 1200,
      isDefault: false,
      source: expect.stringMatching(/^Délibération DEL-2026-042 du /),
    });

    const estimate = await newDraftEstimate();
    expect(estimate.ruleSet.version).toBe(version);
    expect(estimate.amounts.totalCents).toBe(oldTotal + 80 * 200);
    const after = await api.call(INSTRUCTOR, 'GET', `/api/dossiers/${filed}`);
    expect(after.body.ruleSetVersion).toBe(oldVersion);
    expect(after.body.amounts.totalCents).toBe(oldTotal);

    const audit = await api.call(ADMIN, 'GET', '/api/admin/audit?type=rule_set_published');
    const event = audit.body.items.find((e: { subject: string }) => e.subject.includes(version));
    expect(event).toMatchObject({ actorSub: ADMIN, why: 'Délibération du Bureau.', kind: 'administration' });
    const change = event.changes.find((c: { field: string }) => /combles/.test(c.field));
    expect(change.before).toMatch(/^10,00\s€\/m²/);
    expect(change.after).toMatch(/^12,00\s€\/m²/);
  });
});

describe('ANAH ceilings', () => {
  // Test figures (2025's plus about 1 %), not the official 2026 table.
  const rows2026 = anahCeilings
    .filter((r) => r.year === 2025)
    .map((r) => ({
      householdSize: r.householdSize,
      veryModestMax: Math.round(r.veryModestMax * 1.01),
      modestMax: Math.round(r.modestMax * 1.01),
      intermediateMax: Math.round(r.intermediateMax * 1.01),
    }));
  const year = new Date().getUTCFullYear();

  it('refuses a ceiling that decreases with the household size, and writes nothing', async () => {
    const bad = rows2026.map((r) => (r.householdSize === 4 ? { ...r, modestMax: 38000 } : r));
    const r = await api.call(ADMIN, 'PUT', `/api/admin/anah-ceilings/${year}`, {
      rows: bad,
      source: 'Test',
      reason: 'Essai.',
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.errors)).toMatch(/baisse/);
    const tables = await api.call(ADMIN, 'GET', '/api/admin/anah-ceilings');
    expect(tables.body.items.some((t: { year: number }) => t.year === year)).toBe(false);
  });

  it('once the year is published, eligibility uses it and the « non chargé » warning is gone', async () => {
    const before = JSON.stringify((await newDraftEstimate()).eligibility);
    expect(before).toMatch(new RegExp(`Barème Anah ${year} non chargé`));
    const r = await api.call(ADMIN, 'PUT', `/api/admin/anah-ceilings/${year}`, {
      rows: rows2026,
      source: 'Valeurs de test',
      reason: 'Barème de l’année.',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.published).toEqual([year]);
    const after = JSON.stringify((await newDraftEstimate()).eligibility);
    expect(after).not.toMatch(/non chargé/);
  });

  it('imports a CSV in the reference layout, checked line by line', async () => {
    const header =
      'annee,nb_personnes,tres_modestes_max,modestes_max,intermediaires_max,superieurs_au_dela_de,source';
    const bad = `${header}\n2030,trois,1,2,3,3,x\n`;
    const r = await api.call(ADMIN, 'POST', '/api/admin/anah-ceilings/import', {
      csv: bad,
      reason: 'Essai.',
    });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].detail).toMatch(/Ligne 2/);
    const lines = rows2026.map(
      (x) =>
        `2030,${x.householdSize === 'extra' ? 'par_personne_supplementaire' : x.householdSize},${x.veryModestMax},${x.modestMax},${x.intermediateMax},${x.intermediateMax},"Test, importé"`,
    );
    const ok = await api.call(ADMIN, 'POST', '/api/admin/anah-ceilings/import', {
      csv: [header, ...lines].join('\n'),
      reason: 'Import.',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.published).toEqual([2030]);
  });
});

describe('staff', () => {
  it('a deactivated colleague is no longer offered for assignment, their open dossiers are listed; reactivation undoes it', async () => {
    const id = await fileDossier(api, 'FTE');
    const assign = await api.call(
      INSTRUCTOR,
      'POST',
      `/api/dossiers/${id}/assign`,
      { assigneeSub: COLLEAGUE },
      await api.withMatch(INSTRUCTOR, id),
    );
    expect(assign.status).toBe(200);
    const off = await api.call(ADMIN, 'POST', `/api/admin/staff/${COLLEAGUE}/deactivate`, {
      reason: 'Départ.',
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.openDossiers.map((d: { id: string }) => d.id)).toContain(id);
    const instructors = await api.call(INSTRUCTOR, 'GET', '/api/instructors');
    expect(instructors.body.items.map((p: { sub: string }) => p.sub)).not.toContain(COLLEAGUE);
    const again = await api.call(
      INSTRUCTOR,
      'POST',
      `/api/dossiers/${id}/assign`,
      { assigneeSub: COLLEAGUE },
      await api.withMatch(INSTRUCTOR, id),
    );
    expect(again.status).toBe(400);
    // A sign-in (the local personas sign in at every start) keeps the deactivation.
    const p = personaBySub(COLLEAGUE) as Persona;
    await recordSignIn(api.ctx, { sub: p.sub, name: p.name, email: p.email, roles: p.groups });
    const staff = await api.call(ADMIN, 'GET', '/api/admin/staff');
    expect(staff.body.items.find((x: { sub: string }) => x.sub === COLLEAGUE)).toMatchObject({
      active: false,
    });
    const on = await api.call(ADMIN, 'POST', `/api/admin/staff/${COLLEAGUE}/reactivate`, {
      reason: 'Retour.',
    });
    expect(on.status).toBe(200);
    const listed = await api.call(INSTRUCTOR, 'GET', '/api/instructors');
    expect(listed.body.items.map((x: { sub: string }) => x.sub)).toContain(COLLEAGUE);
    const audit = await api.call(ADMIN, 'GET', `/api/admin/audit?actor=${ADMIN}&type=staff_deactivated`);
    expect(audit.body.items[0]).toMatchObject({
      why: 'Départ.',
      changes: [{ field: 'État du profil', before: 'Actif', after: 'Désactivé' }],
    });
  });
});

describe('audit log', () => {
  it('finds a dossier’s events by reference, with before/after as values, and exports CSV', async () => {
    const id = await fileDossier(api, 'FTE');
    const d = await api.call(INSTRUCTOR, 'GET', `/api/dossiers/${id}`);
    const reference = d.body.reference as string;
    const r = await api.call(ADMIN, 'GET', `/api/admin/audit?reference=${reference}`);
    expect(r.status).toBe(200);
    const submit = r.body.items.find((e: { type: string }) => e.type === 'submit');
    expect(submit).toMatchObject({ reference, actorSub: HOUSEHOLD });
    expect(submit.changes[0]).toMatchObject({ field: 'Statut', before: 'Brouillon', after: 'Déposé' });
    expect(JSON.stringify(r.body)).not.toMatch(/DOSSIER#|EVENT#|gsi/);
    const byPerson = await api.call(ADMIN, 'GET', `/api/admin/audit?actor=${HOUSEHOLD}&type=submit`);
    expect(byPerson.body.items.some((e: { dossierId: string }) => e.dossierId === id)).toBe(true);
    const csv = await api.call(ADMIN, 'GET', `/api/admin/audit?reference=${reference}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.body as string).toMatch(/Date;Type;Personne/);
    expect(csv.body as string).toContain(reference);
    const bad = await api.call(ADMIN, 'GET', '/api/admin/audit?from=2026-13-40');
    expect(bad.status).toBe(400);
  });
});
