import { listAttachments } from '@aides/services/attachments/attachments';
import { getDossier } from '@aides/services/dossiers/applications';
import { putUserProfile } from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  callerOf,
  type Persona,
  personaBySub,
  seedScheduled,
  seedSubmitted,
  webHarness,
} from '../../../../test/support/web-harness.ts';

let h: Awaited<ReturnType<typeof webHarness>>;
const ids: string[] = [];
const instructrice = 'demo-instructrice';
const instructeur = 'demo-instructeur';
const version = async (id: string) => String((await getDossier(h.ctx, callerOf(instructrice), id)).version);
const referenceOf = async (id: string) => (await getDossier(h.ctx, callerOf(instructrice), id)).reference;
const MINE = '/instruction/assignes-a-moi';

beforeAll(async () => {
  h = await webHarness();
  // The profiles and the directory the assign form reads (the local stack seeds every persona).
  for (const sub of [instructrice, instructeur]) await putUserProfile(h.store, personaBySub(sub) as Persona);
  for (let i = 0; i < 3; i++) ids.push(await seedSubmitted(h.ctx, 'FTE'));
  for (const id of ids) {
    const res = await h.post(instructrice, `/instruction/dossiers/${id}/prendre`, {
      version: await version(id),
    });
    expect(res.status).toBe(303);
  }
});

describe('Assignés à moi', () => {
  it('is in the instructor navigation and pages with its cursor', async () => {
    const home = await (await h.get(instructrice, '/instruction')).text();
    expect(home).toContain(`href="${MINE}"`);
    expect(home).toContain('Assignés à moi');

    const first = await h.get(instructrice, `${MINE}?par=2`);
    expect(first.status).toBe(200);
    const page1 = await first.text();
    expect(page1).toContain('Dossiers qui me sont assignés');
    const next = /href="([^"]+)" rel="next"/.exec(page1)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(/suite=/);
    expect(next).toContain('par=2');
    const page2 = await (await h.get(instructrice, next as string)).text();
    expect(page2).not.toContain('rel="next"');
    const refs = await Promise.all(ids.map(referenceOf));
    const shown = refs.filter((r) => page1.includes(r as string) || page2.includes(r as string));
    expect(shown).toHaveLength(3);
    // Each dossier on exactly one page.
    expect(refs.filter((r) => page1.includes(r as string))).toHaveLength(2);

    const other = await (await h.get(instructeur, MINE)).text();
    expect(other).toContain('Aucun dossier ne vous est assigné');
  });

  it('a damaged cursor or a bad filter is a French message on the page', async () => {
    const bad = await h.get(instructrice, `${MINE}?suite=n-importe-quoi`);
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain('Curseur de pagination invalide');
    const date = await (await h.get(instructrice, `${MINE}?from=2024-99-99`)).text();
    expect(date).toMatch(/id="f-from-error"/);
    expect(date).toContain('href="#f-from"');
  });

  it('applicants and finance cannot see it', async () => {
    expect((await h.get('demo-menage', MINE)).status).toBe(403);
    expect((await h.get('demo-finances', MINE)).status).toBe(403);
  });
});

describe('reassigning a dossier', () => {
  it('offers the other instructors by name, needs a choice, refuses a non-instructor, then moves the dossier', async () => {
    const id = ids[0] as string;
    const page = await (await h.get(instructrice, `/instruction/dossiers/${id}`)).text();
    expect(page).toContain('Réattribuer le dossier');
    expect(page).toMatch(/<label for="f-assign-assigneeSub">Instructeur/);
    const select =
      /<select id="f-assign-assigneeSub" name="assigneeSub"[\s\S]*?<\/select>/.exec(page)?.[0] ?? '';
    const karim = personaBySub(instructeur) as Persona;
    // The colleague is offered by name; the current assignee (who took the dossier) is not.
    expect(select).toContain(`<option value="${instructeur}">${karim.name} (${karim.email})</option>`);
    expect(select).not.toContain(`value="${instructrice}"`);
    expect(select).toContain('<option value="">Choisir un instructeur</option>');

    const empty = await h.post(instructrice, `/instruction/dossiers/${id}/attribuer`, {
      version: await version(id),
      assigneeSub: '',
    });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('href="#f-assign-assigneeSub"');
    expect(emptyHtml).toMatch(/id="f-assign-assigneeSub-error"[^>]*>Choisissez l’instructeur/);
    expect(emptyHtml).toMatch(/id="f-assign-assigneeSub"[^>]*aria-invalid="true"/);

    const unknown = await h.post(instructrice, `/instruction/dossiers/${id}/attribuer`, {
      version: await version(id),
      assigneeSub: 'demo-bureau',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Aucun instructeur ne porte cet identifiant');

    const stale = await h.post(instructrice, `/instruction/dossiers/${id}/attribuer`, {
      version: '1',
      assigneeSub: instructeur,
    });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain('modifié par quelqu’un d’autre');

    const ok = await h.post(instructrice, `/instruction/dossiers/${id}/attribuer`, {
      version: await version(id),
      assigneeSub: instructeur,
    });
    expect(ok.status).toBe(303);
    const d = await getDossier(h.ctx, callerOf(instructrice), id);
    expect(d.assigneeSub).toBe(instructeur);
    expect(d.status).toBe('in_review');
    expect(await (await h.get(instructrice, `/instruction/dossiers/${id}`)).text()).toContain(
      'instructeur : Karim Haddad',
    );
    expect(await (await h.get(instructeur, MINE)).text()).toContain(d.reference as string);
    expect(await (await h.get(instructrice, MINE)).text()).not.toContain(d.reference as string);
  });
});

describe('error summaries focus their field', () => {
  it('verdict: the summary links to the refused row’s reason, which carries that id', async () => {
    const id = ids[1] as string;
    const [a] = await listAttachments(h.ctx, callerOf(instructrice), id);
    const res = await h.post(instructrice, `/instruction/dossiers/${id}/pieces/${a?.id}/avis`, {
      valid: 'non',
      reason: '',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    const target = `f-v-${a?.id}-reason`;
    expect(html).toContain(`href="#${target}"`);
    expect(html).toMatch(new RegExp(`id="${target}"[^>]*aria-invalid="true"`));
    // Each row's radio group: its first radio carries the group's id.
    expect(html).toContain(`id="f-v-${a?.id}-valid"`);
  });

  it('proposal: the first radio carries the id of the "kind" field', async () => {
    const html = await (await h.get(instructrice, `/instruction/dossiers/${ids[2]}`)).text();
    expect(html).toMatch(/<input type="radio" id="f-kind" name="kind" value="grant"/);
    expect(html).toContain('id="f-kind-refusal"');
  });

  it('notes: the summary links to the note field, not to the proposal text', async () => {
    const res = await h.post(instructrice, `/instruction/dossiers/${ids[2]}/notes`, { text: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#f-note-text"');
    expect(html).toMatch(/id="f-note-text"[^>]*aria-invalid="true"/);
  });

  it('Bureau decision: each dossier’s summary links to its own fields', async () => {
    const { id, sessionId } = await seedScheduled(h.ctx);
    const key = id.slice(0, 8);
    const res = await h.post('demo-bureau', `/bureau/seances/${sessionId}/decisions`, {
      dossierId: id,
      version: String((await getDossier(h.ctx, callerOf('demo-bureau'), id)).version),
      outcome: 'favourable',
      deliberationNumber: '',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`href="#f-${key}-deliberationNumber"`);
    expect(html).toMatch(new RegExp(`id="f-${key}-deliberationNumber"[^>]*aria-invalid="true"`));
    expect(html).toContain(`id="f-${key}-outcome"`);
  });
});
