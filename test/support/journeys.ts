import { builtInRuleSets, type Funder, type Scheme } from '@aides/domain';
import {
  essApplication,
  fteApplication,
  habitatApplication,
  tpeApplication,
} from '@aides/domain/testing/fixtures';
import { expect } from 'vitest';
import type { createTestApi } from './api.ts';
import { raw } from './api-client.ts';

type Api = Awaited<ReturnType<typeof createTestApi>>;

export const OWNER: Record<Scheme, string> = {
  FTE: 'demo-menage',
  HABITAT: 'demo-menage',
  TPE: 'demo-entreprise',
  ESS: 'demo-association',
};
export const FUNDERS: Record<Scheme, Funder[]> = {
  FTE: ['agglomeration'],
  TPE: ['agglomeration', 'region'],
  ESS: ['agglomeration'],
  HABITAT: ['anah', 'agglomeration'],
};
export const INSTRUCTOR = 'demo-instructrice';
export const BUREAU = 'demo-bureau';
export const FINANCE = 'demo-finances';

const fixtures = {
  FTE: fteApplication,
  TPE: tpeApplication,
  ESS: essApplication,
  HABITAT: habitatApplication,
};
export const ruleSetOf = (scheme: Scheme) => builtInRuleSets.filter((r) => r.scheme === scheme).at(-1)!;

export function applicationOf(scheme: Scheme) {
  const { filingDate: _f, ...application } = fixtures[scheme]() as Record<string, unknown>;
  return application;
}

/** Draft + the documents required before decision + submit: returns the dossier id. */
export async function fileDossier(api: Api, scheme: Scheme): Promise<string> {
  const owner = OWNER[scheme];
  const created = await api.call(owner, 'POST', '/api/dossiers', {
    scheme,
    application: applicationOf(scheme),
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const t of ruleSetOf(scheme).documents.beforeDecision) {
    const { confirm } = await api.upload(owner, id, t);
    expect(confirm?.status, `pièce ${t}`).toBe(200);
  }
  const submit = await api.call(
    owner,
    'POST',
    `/api/dossiers/${id}/submit`,
    undefined,
    await api.withMatch(owner, id),
  );
  expect(submit.status, JSON.stringify(submit.body)).toBe(201);
  return id;
}

/** Take, verify every document, propose (grant or refusal): the dossier is `proposed`. */
export async function instructAndPropose(api: Api, id: string, kind: 'grant' | 'refusal' = 'grant') {
  await api.call(INSTRUCTOR, 'POST', `/api/dossiers/${id}/assign`, {}, await api.withMatch(INSTRUCTOR, id));
  const atts = await api.call(INSTRUCTOR, 'GET', `/api/dossiers/${id}/attachments`);
  for (const a of atts.body.items)
    await api.call(INSTRUCTOR, 'PUT', `/api/dossiers/${id}/attachments/${a.id}/verdict`, { valid: true });
  // Issue 14: a TPE grant needs its rural / QPV classification confirmed first (as the file declares it).
  const d = (await api.call(INSTRUCTOR, 'GET', `/api/dossiers/${id}`)).body;
  if (kind === 'grant' && d.scheme === 'TPE') {
    const qpvCode = d.application?.qpvCode as string | undefined;
    const confirmed = await api.call(
      INSTRUCTOR,
      'POST',
      `/api/dossiers/${id}/location`,
      { classification: qpvCode ? 'qpv' : 'rural', ...(qpvCode ? { qpvCode } : {}) },
      await api.withMatch(INSTRUCTOR, id),
    );
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  }
  const body =
    kind === 'grant'
      ? { kind, text: 'Avis favorable de l’instruction.' }
      : { kind, text: '', motivation: 'Conditions du règlement non remplies.' };
  const res = await api.call(
    INSTRUCTOR,
    'POST',
    `/api/dossiers/${id}/propose`,
    body,
    await api.withMatch(INSTRUCTOR, id),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export async function createEnvelopes(api: Api, scheme: Scheme, year: number, amountCents: number) {
  for (const funder of FUNDERS[scheme]) {
    const r = await api.call(FINANCE, 'POST', '/api/envelopes', { scheme, year, funder, amountCents });
    expect([201, 409]).toContain(r.status);
  }
}

export async function createSession(api: Api, number: string, date: string): Promise<string> {
  const r = await api.call(BUREAU, 'POST', '/api/sessions', { number, date });
  expect(r.status).toBe(201);
  return r.body.id;
}

export async function schedule(api: Api, sessionId: string, id: string) {
  const r = await api.call(
    BUREAU,
    'POST',
    `/api/sessions/${sessionId}/agenda`,
    { dossierId: id },
    await api.withMatch(BUREAU, id),
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** A decision as journeys write it; some leave a required field out on purpose, so it is sent raw. */
export interface DecisionBody {
  outcome: 'favourable' | 'unfavourable' | 'adjourned';
  deliberationNumber?: string;
  motivation?: string;
}

export async function decide(api: Api, sessionId: string, id: string, decision: DecisionBody) {
  return api.call(
    BUREAU,
    'POST',
    `/api/sessions/${sessionId}/decisions`,
    raw({ dossierId: id, ...decision }),
    await api.withMatch(BUREAU, id),
  );
}

/** Uploads and verifies the payment documents (bank details, invoices) once the aid is granted. */
export async function providePaymentDocuments(api: Api, scheme: Scheme, id: string) {
  const rs = ruleSetOf(scheme);
  const owner = OWNER[scheme];
  const present = new Set(
    (await api.call(owner, 'GET', `/api/dossiers/${id}/attachments`)).body.items.map(
      (a: { documentType: string }) => a.documentType,
    ),
  );
  for (const t of new Set([...rs.documents.beforeAdvance, ...rs.documents.beforePayment])) {
    if (present.has(t)) continue;
    const { confirm } = await api.upload(owner, id, t);
    expect(confirm?.status).toBe(200);
  }
  const atts = await api.call(INSTRUCTOR, 'GET', `/api/dossiers/${id}/attachments`);
  for (const a of atts.body.items) {
    if (!a.verdict)
      await api.call(INSTRUCTOR, 'PUT', `/api/dossiers/${id}/attachments/${a.id}/verdict`, { valid: true });
  }
}

export async function pay(
  api: Api,
  id: string,
  funder: Funder,
  kind: 'advance' | 'instalment' | 'balance',
  amountCents: number,
) {
  return api.call(
    FINANCE,
    'POST',
    `/api/dossiers/${id}/payments`,
    { funder, kind, amountCents },
    await api.withMatch(FINANCE, id),
  );
}
