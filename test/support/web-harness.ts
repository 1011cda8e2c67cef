import { fteApplication, tpeApplication } from '@aides/domain/testing/fixtures';
import { listAttachments } from '@aides/services/attachments/attachments';
import { confirmUpload, requestUpload } from '@aides/services/attachments/files';
import { recordDecision } from '@aides/services/bureau/decisions';
import { createSession, scheduleDossier } from '@aides/services/bureau/sessions';
import type { Caller } from '@aides/services/caller';
import { createContext, type ServiceContext } from '@aides/services/context';
import { createDraft, getDossier } from '@aides/services/dossiers/applications';
import { submitDossier } from '@aides/services/dossiers/submit';
import { createEnvelope } from '@aides/services/finance/envelopes';
import { assign, propose, recordVerdict } from '@aides/services/instruction/instruction';
import { confirmTpeLocation } from '@aides/services/instruction/location';
import { openWebSession } from '@aides/services/people/web-sessions';
import { apiInProcess, createApiGateway } from '../../scripts/local/api-gateway.ts';
import { createDevIssuer } from '../../scripts/local/dev-issuer.ts';
import { type Persona, personaBySub } from '../../scripts/local/personas.ts';

export { type Persona, personaBySub };

import { createWebApp } from '../../web/src/app.tsx';
import { createTestStore } from './stack.ts';

/** A small PDF whose first bytes are the real thing. */
export const samplePdf = (bytes = 2048) => {
  const head = Buffer.from('%PDF-1.7\n% pièce de test\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length), 0x20)]);
};

export const callerOf = (sub: string): Caller => {
  const p = personaBySub(sub) as Persona;
  return { sub: p.sub, name: p.name, email: p.email, roles: [...p.groups] };
};

/** The web app over a fresh store, with signed-in requests as any demo persona. */
export async function webHarness() {
  const store = await createTestStore();
  const ctx = createContext(store);
  const issuer = await createDevIssuer(null);
  const app = createWebApp({
    auth: { loginPath: '/connexion' },
    ctx,
    api: apiInProcess(createApiGateway({ deps: { ctx }, issuer })),
  });
  // A signed-in visitor's cookie: a server-side session opened as the dev login does, once per persona.
  const sessions = new Map<string, Promise<string>>();
  const openFor = async (as: string) => {
    const idToken = await issuer.sign(personaBySub(as) as Persona);
    const claims = (await issuer.verify(idToken)) as Record<string, unknown>;
    return (await openWebSession(ctx, { claims, idToken })).id;
  };
  const cookie = async (as: string | null): Promise<Record<string, string>> => {
    if (!as) return {};
    if (!sessions.has(as)) sessions.set(as, openFor(as));
    return { cookie: `session=${await sessions.get(as)}` };
  };
  const get = async (as: string | null, path: string) =>
    app.request(`http://localhost${path}`, { headers: await cookie(as) });
  const post = async (
    as: string | null,
    path: string,
    form: Record<string, string | string[]> | FormData,
    headers: Record<string, string> = {},
  ) => {
    let body: URLSearchParams | FormData;
    if (form instanceof FormData) body = form;
    else {
      body = new URLSearchParams();
      for (const [k, v] of Object.entries(form))
        for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    }
    return app.request(`http://localhost${path}`, {
      method: 'POST',
      body,
      headers: { ...(await cookie(as)), origin: 'http://localhost', ...headers },
    });
  };
  return { store, ctx, app, get, post, cookie };
}

/** Uploads one document the way a browser does: presigned POST straight to S3, then confirm. */
export async function uploadDoc(
  ctx: ServiceContext,
  caller: Caller,
  dossierId: string,
  documentType: string,
) {
  const file = samplePdf();
  const grant = await requestUpload(ctx, caller, dossierId, {
    documentType,
    fileName: `${documentType}.pdf`,
    contentType: 'application/pdf',
    size: file.length,
  });
  const form = new FormData();
  for (const [k, v] of Object.entries(grant.upload.fields)) form.append(k, v);
  form.append('file', new Blob([file], { type: 'application/pdf' }), `${documentType}.pdf`);
  const res = await fetch(grant.upload.url, { method: 'POST', body: form });
  if (res.status >= 300) throw new Error(`S3 ${res.status}`);
  return confirmUpload(ctx, caller, dossierId, grant.attachment.id);
}

const DOCS = {
  FTE: ['identity_document', 'tax_notice', 'property_proof', 'france_renov_certificate', 'quote', 'rib'],
  TPE: [
    'identity_document',
    'company_registration',
    'business_plan',
    'quote',
    'de_minimis_declaration',
    'premises_proof',
    'rib',
  ],
} as const;

/** A filed dossier (through the services, as a shortcut for staff-page tests). */
export async function seedSubmitted(
  ctx: ServiceContext,
  scheme: 'FTE' | 'TPE',
  documents: readonly string[] = DOCS[scheme],
) {
  const owner = callerOf(scheme === 'FTE' ? 'demo-menage' : 'demo-entreprise');
  const { filingDate: _f, ...application } = scheme === 'FTE' ? fteApplication() : tpeApplication();
  const d = await createDraft(ctx, owner, { scheme, application });
  for (const t of documents) await uploadDoc(ctx, owner, d.id, t);
  await submitDossier(ctx, owner, d.id, d.version, `seed-${d.id}`);
  return d.id;
}

/**
 * A filed dossier taken through instruction (assigned, every document found valid, a grant
 * proposed) onto the agenda of a new Bureau session, through the services.
 */
export async function scheduleFiled(ctx: ServiceContext, id: string) {
  const instructor = callerOf('demo-instructrice');
  const bureau = callerOf('demo-bureau');
  const year = ctx.now().getUTCFullYear();
  let d = await getDossier(ctx, instructor, id);
  await assign(ctx, instructor, id, d.version, {});
  for (const a of await listAttachments(ctx, instructor, id))
    await recordVerdict(ctx, instructor, id, a.id, { valid: true });
  d = await getDossier(ctx, instructor, id);
  // Issue 14: a TPE grant needs its rural / QPV classification confirmed first.
  if (d.scheme === 'TPE') {
    const qpvCode = (d.application as { qpvCode?: string }).qpvCode;
    d = await confirmTpeLocation(ctx, instructor, id, d.version, {
      classification: qpvCode ? 'qpv' : 'rural',
      ...(qpvCode ? { qpvCode } : {}),
    });
  }
  await propose(ctx, instructor, id, d.version, { kind: 'grant', text: 'Dossier complet.' });
  const session = await createSession(ctx, bureau, {
    number: `${year}-${id.slice(0, 6)}`,
    date: ctx.now().toISOString().slice(0, 10),
  });
  d = await getDossier(ctx, bureau, id);
  await scheduleDossier(ctx, bureau, session.id, d.version, { dossierId: id });
  return { id, sessionId: session.id };
}

/** The Bureau's favourable decision on a scheduled dossier (its amounts committed). */
export async function grantScheduled(ctx: ServiceContext, id: string, sessionId: string) {
  const bureau = callerOf('demo-bureau');
  const year = ctx.now().getUTCFullYear();
  const d = await getDossier(ctx, bureau, id);
  await recordDecision(ctx, bureau, sessionId, d.version, {
    dossierId: id,
    outcome: 'favourable',
    deliberationNumber: `B${year}-${id.slice(0, 6)}`,
  });
  return id;
}

/** An FTE dossier proposed for a grant and on the agenda of a new Bureau session. */
export async function seedScheduled(
  ctx: ServiceContext,
  envelopeCents = 10_000_000,
  documents: readonly string[] = DOCS.FTE,
) {
  const id = await seedSubmitted(ctx, 'FTE', documents);
  await createEnvelope(ctx, callerOf('demo-finances'), {
    scheme: 'FTE',
    year: ctx.now().getUTCFullYear(),
    funder: 'agglomeration',
    amountCents: envelopeCents,
  }).catch(() => undefined); // already there: one per scheme, year and funder
  return scheduleFiled(ctx, id);
}

/** The FTE documents needed before the decision, without the RIB (which is needed before the advance). */
export const FTE_DOCUMENTS_WITHOUT_RIB = DOCS.FTE.filter((t) => t !== 'rib');

/**
 * An FTE dossier granted by the Bureau (amount committed against the agglomeration envelope,
 * created with `envelopeCents` if missing), through the services, for the finance pages' tests.
 */
export async function seedApproved(
  ctx: ServiceContext,
  envelopeCents = 10_000_000,
  documents: readonly string[] = DOCS.FTE,
) {
  const { id, sessionId } = await seedScheduled(ctx, envelopeCents, documents);
  return grantScheduled(ctx, id, sessionId);
}

export const text = (res: Response) => res.text();
