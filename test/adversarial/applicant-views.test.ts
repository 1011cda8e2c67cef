/**
 * Every route an applicant can reach (read from the route table, so a new route is walked
 * automatically), called through the local API gateway against DynamoDB Local and s3rver, on
 * dossiers that staff have worked on: reassigned, documents requested with a verdict, a private
 * note, a refusal and an adjusted grant proposed with internal motivations, Bureau decisions.
 * No answer may carry a storage key, a staff identifier or name, or an internal text; the public
 * texts (the document request's message, a refused document's reason, the Bureau's motivation)
 * must be there.
 */
import { randomUUID } from 'node:crypto';
import { listAttachments } from '@aides/services/attachments/attachments';
import { requestUpload } from '@aides/services/attachments/files';
import { recordDecision } from '@aides/services/bureau/decisions';
import { scheduleDossier } from '@aides/services/bureau/sessions';
import { answerRequest, createDraft } from '@aides/services/dossiers/applications';
import type { Dossier } from '@aides/services/dossiers/model';
import {
  addNote,
  assign,
  propose,
  recordVerdict,
  requestDocuments,
} from '@aides/services/instruction/instruction';
import { recordSignIn } from '@aides/services/people/directory';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RouteDefinition, routeKey, routes } from '../../functions/src/routes.ts';
import { PERSONAS } from '../../scripts/local/personas.ts';
import { createTestApi } from '../support/api.ts';
import {
  asCaller,
  BUREAU,
  ensureEnvelope,
  FTE_RULES,
  fteDraftInput,
  HOUSEHOLD,
  INSTRUCTOR,
  newSession,
  PDF,
  postToS3,
  readyDraft,
  reload,
  submittedDossier,
  uploadAll,
} from './fixtures.ts';

/** Texts that only staff may read. */
const INTERNAL = {
  refusalMotivation: 'MOTIF-INTERNE-REFUS : revenus à vérifier, avis défavorable du service',
  refusalText: 'TEXTE-INTERNE-PROPOSITION-REFUS',
  adjustmentMotivation: 'MOTIF-INTERNE-AJUSTEMENT : devis surévalué selon le service',
  grantText: 'TEXTE-INTERNE-PROPOSITION-ACCORD',
  note: 'NOTE-PRIVEE : appeler le conseiller France Rénov’',
};
/** Texts written for the applicant. */
const PUBLIC = {
  request: 'Merci de nous transmettre votre dernier avis d’impôt.',
  answer: 'Voici l’avis demandé.',
  bureauRefusal: 'Le Bureau constate que les travaux ont commencé avant le dépôt.',
  /**
   * A refused document's verdict and reason are addressed to the applicant (the instructor's form
   * says « Motif communiqué au demandeur »): they read it, without who gave it or when.
   */
  verdictReason: 'Avis d’impôt illisible : envoyez une copie nette des deux pages.',
};

const STAFF = PERSONAS.filter((p) => !p.groups.includes('applicant'));
const STORAGE_KEY_NAME = /"(pk|sk|gsi\d+(pk|sk))"\s*:/;
const STORAGE_KEY_VALUE =
  /\b(DOSSIER|ASSIGNEE|OWNER|EVENT|NOTE|MESSAGE|ATTACHMENT|SCHEME|SESSIONS?|AGENDA|COMMITMENTS?|PAYMENTS?|COUNTER|REFERENCE|IDEMPOTENCY|USER|DIRECTORY|ENVELOPES?|RULESET|CONFIG)#/;

/** What must never be in an answer to an applicant. */
function leaksIn(text: string): string[] {
  const found: string[] = [];
  const name = STORAGE_KEY_NAME.exec(text);
  if (name) found.push(`storage key ${name[0]}`);
  const value = STORAGE_KEY_VALUE.exec(text);
  if (value) found.push(`storage key value ${text.slice(value.index, value.index + 40)}`);
  for (const p of STAFF) {
    if (text.includes(p.sub)) found.push(`staff sub ${p.sub}`);
    if (text.includes(p.name)) found.push(`staff name ${p.name}`);
  }
  for (const [what, secret] of Object.entries(INTERNAL))
    if (text.includes(secret)) found.push(`internal ${what}`);
  if (text.includes('Assigné à')) found.push('assignment detail');
  return found;
}

let env: Awaited<ReturnType<typeof createTestApi>>;
/** Dossiers staff have worked on, by what they went through. */
let worked: Record<string, Dossier>;
let sessionId: string;

const instructor = asCaller(INSTRUCTOR);
const household = asCaller(HOUSEHOLD);

/** Submitted, taken by one instructor, handed to another, a document judged invalid, a private note. */
async function instructed(): Promise<Dossier> {
  const { ctx } = env;
  let d = await submittedDossier(ctx);
  d = await assign(ctx, instructor, d.id, d.version, {});
  d = await assign(ctx, instructor, d.id, d.version, {
    assigneeSub: 'demo-instructeur',
    assigneeName: 'Karim Haddad',
  });
  d = await assign(ctx, instructor, d.id, d.version, {});
  const [first, ...rest] = await listAttachments(ctx, instructor, d.id);
  if (!first) throw new Error('aucune pièce');
  await recordVerdict(ctx, instructor, d.id, first.id, { valid: false, reason: 'Pièce illisible' });
  await recordVerdict(ctx, instructor, d.id, first.id, { valid: true });
  for (const a of rest) await recordVerdict(ctx, instructor, d.id, a.id, { valid: true });
  await addNote(ctx, instructor, d.id, { text: INTERNAL.note });
  return reload(ctx.store, d.id);
}

/** Documents requested (public message), answered by the applicant: back in review. */
async function throughDocumentRequest(d: Dossier): Promise<Dossier> {
  const { ctx } = env;
  const asked = await requestDocuments(ctx, instructor, d.id, d.version, {
    message: PUBLIC.request,
    documentTypes: ['tax_notice'],
  });
  return answerRequest(ctx, household, d.id, asked.version, { message: PUBLIC.answer });
}

const proposeRefusal = (d: Dossier) =>
  propose(env.ctx, instructor, d.id, d.version, {
    kind: 'refusal',
    text: INTERNAL.refusalText,
    motivation: INTERNAL.refusalMotivation,
  });

async function proposeAdjustedGrant(d: Dossier): Promise<Dossier> {
  const agglomeration = d.amounts?.totalsByFunder.agglomeration ?? 0;
  return propose(env.ctx, instructor, d.id, d.version, {
    kind: 'grant',
    text: INTERNAL.grantText,
    adjustment: {
      amountsCents: { agglomeration: agglomeration - 100 },
      motivation: INTERNAL.adjustmentMotivation,
    },
  });
}

const schedule = (d: Dossier) =>
  scheduleDossier(env.ctx, asCaller(BUREAU), sessionId, d.version, { dossierId: d.id });

beforeAll(async () => {
  env = await createTestApi();
  const { ctx } = env;
  sessionId = (await newSession(ctx)).id;
  await ensureEnvelope(ctx, 100_000_000);

  const awaiting = await instructed();
  const taxNotice = (await listAttachments(ctx, instructor, awaiting.id)).find(
    (a) => a.documentType === 'tax_notice',
  );
  await recordVerdict(ctx, instructor, awaiting.id, taxNotice?.id ?? '', {
    valid: false,
    reason: PUBLIC.verdictReason,
  });
  await requestDocuments(ctx, instructor, awaiting.id, awaiting.version, {
    message: PUBLIC.request,
    documentTypes: ['tax_notice'],
  });
  const refusalProposed = await proposeRefusal(await throughDocumentRequest(await instructed()));
  const grantProposed = await proposeAdjustedGrant(await throughDocumentRequest(await instructed()));
  const toRefuse = await schedule(await proposeRefusal(await throughDocumentRequest(await instructed())));
  const rejected = await recordDecision(ctx, asCaller(BUREAU), sessionId, toRefuse.version, {
    dossierId: toRefuse.id,
    outcome: 'unfavourable',
    motivation: PUBLIC.bureauRefusal,
  });
  const toGrant = await schedule(
    await proposeAdjustedGrant(await throughDocumentRequest(await instructed())),
  );
  const approved = await recordDecision(ctx, asCaller(BUREAU), sessionId, toGrant.version, {
    dossierId: toGrant.id,
    outcome: 'favourable',
    deliberationNumber: `B-${toGrant.id.slice(0, 8)}`,
  });
  worked = { awaiting, refusalProposed, grantProposed, rejected, approved };
}, 180_000);

interface Call {
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

const ifMatch = (d: Pick<Dossier, 'version'>) => ({ 'if-match': `"${d.version}"` });
/**
 * A confirmed attachment of the dossier. Not simply the first listed: a scenario may have added a
 * pending upload to the same dossier, and a pending file is rightly not downloadable (409).
 */
const firstAttachment = async (id: string): Promise<string> => {
  const items: { id: string; status: string }[] = (
    await env.call(HOUSEHOLD, 'GET', `/api/dossiers/${id}/attachments`)
  ).body.items;
  const available = items.find((a) => a.status === 'available');
  if (!available) throw new Error(`aucune pièce confirmée sur ${id}`);
  return available.id;
};

/**
 * How to call each route that needs a particular dossier or body to succeed. A route not listed
 * is called on every worked dossier (and its first attachment) with no body: a new write route
 * then fails this test until it is given a scenario here.
 */
const SCENARIOS: Record<string, () => Promise<Call[]>> = {
  'POST /api/dossiers': async () => [{ path: '/api/dossiers', body: fteDraftInput() }],
  'PUT /api/dossiers/{id}': async () => {
    const d = await createDraft(env.ctx, household, fteDraftInput());
    return [
      {
        path: `/api/dossiers/${d.id}`,
        body: { application: fteDraftInput().application },
        headers: ifMatch(d),
      },
    ];
  },
  'POST /api/dossiers/{id}/submit': async () => {
    const d = await readyDraft(env.ctx);
    const headers = { ...ifMatch(d), 'idempotency-key': `vues-${randomUUID()}` };
    // Twice: the second answer is the stored one (the idempotent replay).
    const call = { path: `/api/dossiers/${d.id}/submit`, headers };
    return [call, call];
  },
  'POST /api/dossiers/{id}/answer': async () => {
    const d = await reload(env.ctx.store, worked.awaiting?.id ?? '');
    return [{ path: `/api/dossiers/${d.id}/answer`, body: { message: PUBLIC.answer }, headers: ifMatch(d) }];
  },
  'POST /api/dossiers/{id}/withdraw': async () => {
    const d = await proposeRefusal(await throughDocumentRequest(await instructed()));
    return [
      { path: `/api/dossiers/${d.id}/withdraw`, body: { reason: 'Projet reporté.' }, headers: ifMatch(d) },
    ];
  },
  'POST /api/dossiers/{id}/attachments': async () => [
    {
      path: `/api/dossiers/${worked.approved?.id}/attachments`,
      body: {
        documentType: 'invoice',
        fileName: 'facture.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
      },
    },
  ],
  'POST /api/dossiers/{id}/attachments/{attachmentId}/confirm': async () => {
    const id = worked.approved?.id ?? '';
    const grant = await requestUpload(env.ctx, household, id, {
      documentType: 'invoice',
      fileName: 'facture-2.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });
    await postToS3(grant.upload, PDF, 'application/pdf');
    return [{ path: `/api/dossiers/${id}/attachments/${grant.attachment.id}/confirm` }];
  },
  'DELETE /api/dossiers/{id}/attachments/{attachmentId}': async () => {
    const d = await createDraft(env.ctx, household, fteDraftInput());
    await uploadAll(env.ctx, household, d.id, FTE_RULES.documents.beforeDecision.slice(0, 1));
    return [{ path: `/api/dossiers/${d.id}/attachments/${await firstAttachment(d.id)}` }];
  },
};

/** Every worked dossier (and its first attachment) in the route's path. */
async function onEveryWorkedDossier(route: RouteDefinition): Promise<Call[]> {
  if (!route.path.includes('{id}')) return [{ path: route.path }];
  const calls: Call[] = [];
  for (const d of Object.values(worked)) {
    const attachment = route.path.includes('{attachmentId}') ? await firstAttachment(d.id) : '';
    // Every filed dossier has its acknowledgement of receipt (issue 13§3).
    calls.push({
      path: route.path
        .replace('{id}', d.id)
        .replace('{attachmentId}', attachment)
        .replace('{letterId}', 'accuse-reception'),
    });
  }
  return calls;
}

const bodyText = (body: unknown) =>
  typeof body === 'string'
    ? body
    : body instanceof Uint8Array
      ? Buffer.from(body).toString('utf8')
      : JSON.stringify(body ?? null);

describe('what an applicant can read', () => {
  it('no answer on any applicant route carries storage keys, staff identifiers or internal texts', async () => {
    const reachable = routes.filter((r) => r.public || r.roles.includes('applicant'));
    expect(reachable.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    const failed: string[] = [];
    for (const route of reachable) {
      const calls = await (SCENARIOS[routeKey(route)]?.() ?? onEveryWorkedDossier(route));
      for (const c of calls) {
        const r = await env.callRoute(
          route.public ? null : HOUSEHOLD,
          route.method,
          c.path,
          c.body,
          c.headers,
        );
        const label = `${routeKey(route)} (${c.path})`;
        // The personal-data export answers 303 to its presigned link (the ZIP is the applicant's own data).
        const redirect = r.status === 303 && routeKey(route) === 'POST /api/me/personal-data-export';
        if (r.status >= 300 && !redirect)
          failed.push(`${label} → ${r.status} ${bodyText(r.body).slice(0, 200)}`);
        for (const leak of leaksIn(bodyText(r.body))) leaks.push(`${label}: ${leak}`);
        for (const [name, value] of r.headers) {
          for (const leak of leaksIn(value)) leaks.push(`${label}: header ${name}: ${leak}`);
        }
      }
    }
    // Every route was reached with success, so its real answer was checked.
    expect(failed).toEqual([]);
    expect(leaks).toEqual([]);
  }, 180_000);

  it('the applicant reads the public texts: the document request before, the Bureau’s motivation after', async () => {
    const proposed = await env.call(HOUSEHOLD, 'GET', `/api/dossiers/${worked.refusalProposed?.id}`);
    expect(proposed.status).toBe(200);
    expect(proposed.body.status).toBe('proposed');
    const whys = proposed.body.timeline.map((t: { why?: string }) => t.why).filter(Boolean);
    expect(whys).toEqual([PUBLIC.request]);
    expect(proposed.body.timeline.map((t: { by: string }) => t.by)).toContain('Service instructeur');
    expect(proposed.body.proposal).toBeUndefined();

    const rejected = await env.call(HOUSEHOLD, 'GET', `/api/dossiers/${worked.rejected?.id}`);
    expect(rejected.body.decision).toMatchObject({
      outcome: 'unfavourable',
      motivation: PUBLIC.bureauRefusal,
    });
    expect(rejected.body.timeline.at(-1)).toMatchObject({
      event: 'refused',
      to: 'rejected',
      why: PUBLIC.bureauRefusal,
      by: 'Bureau communautaire',
    });
    expect(bodyText(rejected.body)).not.toContain(INTERNAL.refusalMotivation);
  });

  it('the applicant reads a refused document’s verdict and reason, not who gave it or when', async () => {
    const res = await env.call(HOUSEHOLD, 'GET', `/api/dossiers/${worked.awaiting?.id}/attachments`);
    expect(res.status).toBe(200);
    const refused = res.body.items.filter(
      (a: { verdict?: { valid: boolean } }) => a.verdict?.valid === false,
    );
    expect(refused).toHaveLength(1);
    expect(refused[0].verdict).toEqual({ valid: false, reason: PUBLIC.verdictReason });
    expect(refused[0].documentType).toBe('tax_notice');
  });

  it('staff still read everything, without storage keys', async () => {
    const staff = await env.call(INSTRUCTOR, 'GET', `/api/dossiers/${worked.refusalProposed?.id}`);
    expect(staff.body.proposal).toMatchObject({ motivation: INTERNAL.refusalMotivation, by: INSTRUCTOR });
    expect(staff.body.assigneeSub).toBe(INSTRUCTOR);
    const actions = staff.body.timeline.map((t: { action: string }) => t.action);
    expect(actions).toContain('assign');
    expect(actions).toContain('propose_refusal');
    expect(staff.body.timeline.find((t: { action: string }) => t.action === 'propose_refusal')).toMatchObject(
      {
        why: INTERNAL.refusalMotivation,
        actorSub: INSTRUCTOR,
      },
    );
    const attachments = await env.call(
      INSTRUCTOR,
      'GET',
      `/api/dossiers/${worked.refusalProposed?.id}/attachments`,
    );
    expect(attachments.body.items[0].verdict).toMatchObject({ valid: true, by: INSTRUCTOR });
    const notes = await env.call(INSTRUCTOR, 'GET', `/api/dossiers/${worked.refusalProposed?.id}/notes`);
    expect(notes.body.items[0].text).toBe(INTERNAL.note);
    for (const r of [staff, attachments, notes]) {
      expect(bodyText(r.body)).not.toMatch(STORAGE_KEY_NAME);
      expect(bodyText(r.body)).not.toMatch(STORAGE_KEY_VALUE);
    }
  });

  it('no staff answer carries a storage key either (every staff GET route, as a role it lists)', async () => {
    const year = String(env.ctx.now().getUTCFullYear());
    const leaks: string[] = [];
    const failed: string[] = [];
    // Objects the administration routes name: a staff profile and an import of earlier dossiers.
    const instructor = PERSONAS.find((p) => p.sub === INSTRUCTOR) as (typeof PERSONAS)[number];
    await recordSignIn(env.ctx, {
      sub: instructor.sub,
      name: instructor.name,
      email: instructor.email,
      roles: instructor.groups,
    });
    const anImport = await env.call('demo-admin', 'POST', '/api/imports', {
      scheme: 'FTE',
      fileName: 'fte.csv',
      size: 10,
    });
    expect(anImport.status).toBe(201);
    // A dossier may have no repayable advance (only a TPE development has one): 404 names the advance.
    const mayBeAbsent = new Set(['GET /api/dossiers/{id}/advance']);
    for (const route of routes.filter((r) => r.method === 'GET' && !r.public)) {
      const role = route.roles.find((x) => x !== 'applicant');
      if (!role) continue;
      const as = STAFF.find((p) => p.groups.includes(role))?.sub as string;
      const ids = route.path.includes('{id}') ? Object.values(worked).map((d) => d.id) : [''];
      for (const id of ids) {
        const attachment = route.path.includes('{attachmentId}') ? await firstAttachment(id) : '';
        const path = route.path
          .replace('{id}', id)
          .replace('{attachmentId}', attachment)
          .replace('{sessionId}', sessionId)
          .replace('{envelopeId}', `FTE-${year}-agglomeration`)
          .replace('{year}', year)
          .replace('{scheme}', 'FTE')
          .replace('{sub}', INSTRUCTOR)
          .replace('{importId}', anImport.body.import.id)
          .replace('{letterId}', 'accuse-reception');
        const query = route.path.startsWith('/api/exports/')
          ? `?format=csv&from=${year}-01-01&to=${year}-12-31`
          : route.path.startsWith('/api/queues')
            ? '?scheme=FTE'
            : '';
        const r = await env.callRoute(as, 'GET', `${path}${query}`);
        const label = `${routeKey(route)} as ${as} (${path})`;
        if (r.status >= 400 && !(r.status === 404 && mayBeAbsent.has(routeKey(route))))
          failed.push(`${label} → ${r.status} ${bodyText(r.body).slice(0, 200)}`);
        const text = bodyText(r.body);
        if (STORAGE_KEY_NAME.test(text) || STORAGE_KEY_VALUE.test(text))
          leaks.push(`${label}: ${text.slice(0, 300)}`);
      }
    }
    expect(failed).toEqual([]);
    expect(leaks).toEqual([]);
  }, 120_000);
});
