import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '@aides/services/context';
import { recordSignIn } from '@aides/services/people/directory';
import { importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Role, type RouteDefinition, routes } from '../../functions/src/routes.ts';
import { createApiGateway } from '../../scripts/local/api-gateway.ts';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER } from '../../scripts/local/dev-issuer.ts';
import { type Persona, personaBySub } from '../../scripts/local/personas.ts';
import { apiClient } from '../support/api-client.ts';
import { createTestStore } from '../support/store.ts';
import {
  HOUSEHOLD,
  listFirstAttachment,
  newSession,
  OTHER_APPLICANT,
  readyDraft,
  submittedDossier,
} from './fixtures.ts';

/**
 * Every route × every role × (own / someone else's / missing object), checked against one policy:
 * 401 without a valid token, 403 for a role the route table does not list, 404 for an object the
 * caller may not see (someone else's, or missing — indistinguishable), anything but 401/403/404 and
 * never a 5xx for the caller's own object.
 */
const PERSONA_OF: Record<Role, string> = {
  applicant: HOUSEHOLD,
  instructor: 'demo-instructrice',
  bureau: 'demo-bureau',
  finance: 'demo-finances',
  admin: 'demo-admin',
};
const ROLES = Object.keys(PERSONA_OF) as Role[];
const MISSING = '00000000-0000-4000-8000-000000000000';

type Target = 'own' | 'other' | 'missing';
type Expectation = { status: number } | { notIn: number[] };

/** The policy table. */
function policy(route: RouteDefinition, role: Role | null, target: Target): Expectation {
  if (route.public) return { notIn: [401, 403, 404] };
  if (role === null) return { status: 401 };
  if (!route.roles.includes(role)) return { status: 403 };
  const hasObject = /\{(id|sessionId|envelopeId|attachmentId|importId|scheme|sub)\}/.test(route.path);
  if (hasObject && target !== 'own') return { status: 404 };
  // The own dossier (an FTE) has no repayable advance, only a TPE development has one: the 404 of
  // its advance routes names the missing advance, not the dossier (someone else's is 404 above).
  if (route.path.startsWith('/api/dossiers/{id}/advance')) return { notIn: [401, 403, 500] };
  // Likewise a notification to send again: the own dossier has none that failed (404 names it).
  if (route.path.includes('{notificationId}')) return { notIn: [401, 403, 500] };
  return { notIn: [401, 403, 404] };
}

let tmp: string;
let keyFile: string;
let env: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const store = await createTestStore();
  const ctx = createContext(store);
  const issuer = await createDevIssuer(keyFile);
  const app = createApiGateway({ deps: { ctx }, issuer });
  const tokens = new Map<string, string>();
  const tokenFor = async (sub: string) => {
    if (!tokens.has(sub)) tokens.set(sub, await issuer.sign(personaBySub(sub) as Persona));
    return tokens.get(sub) as string;
  };
  const client = apiClient({ app, tokenFor });
  // Objects: the applicant's own filed dossier (staff may see it too), someone else's dossier
  // (for the applicant: another applicant's filed dossier; for staff: a draft, which staff never see).
  const own = await submittedDossier(ctx, HOUSEHOLD);
  const othersFiled = await submittedDossier(ctx, OTHER_APPLICANT);
  const othersDraft = await readyDraft(ctx, OTHER_APPLICANT);
  const ownAttachment = await listFirstAttachment(ctx, own.id);
  const othersFiledAttachment = await listFirstAttachment(ctx, othersFiled.id);
  const othersDraftAttachment = await listFirstAttachment(ctx, othersDraft.id);
  const session = await newSession(ctx);
  // A colleague in the staff directory, for the administration's staff routes.
  const colleague = personaBySub('demo-instructeur') as Persona;
  await recordSignIn(ctx, {
    sub: colleague.sub,
    name: colleague.name,
    email: colleague.email,
    roles: colleague.groups,
  });
  await client.call('demo-finances', 'POST', '/api/envelopes', {
    scheme: 'FTE',
    year: 2030,
    funder: 'agglomeration',
    amountCents: 1000,
  });
  // The objects of the administration routes: a staff profile and an import of earlier dossiers.
  const instructor = personaBySub('demo-instructrice') as Persona;
  await recordSignIn(ctx, {
    sub: instructor.sub,
    name: instructor.name,
    email: instructor.email,
    roles: instructor.groups,
  });
  const created = await client.call('demo-admin', 'POST', '/api/imports', {
    scheme: 'FTE',
    fileName: 'fte.csv',
    size: 10,
  });
  const anImport = created.body.import.id as string;
  return {
    anImport,
    store,
    ctx,
    issuer,
    app,
    client,
    tokenFor,
    own,
    othersFiled,
    othersDraft,
    ownAttachment,
    othersFiledAttachment,
    othersDraftAttachment,
    session,
  };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'aides-auth-'));
  keyFile = join(tmp, 'key.json');
  env = await setup();
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A valid body per write route, so that the object check (not validation) answers. */
const validBody = (route: RouteDefinition): unknown => {
  const bodies: Record<string, unknown> = {
    'POST /api/dossiers': { scheme: 'FTE' },
    'PUT /api/dossiers/{id}': { application: {} },
    'POST /api/dossiers/{id}/answer': { message: 'Réponse.' },
    'POST /api/dossiers/{id}/withdraw': { reason: 'Motif.' },
    'POST /api/dossiers/{id}/attachments': {
      documentType: 'quote',
      fileName: 'devis.pdf',
      contentType: 'application/pdf',
      size: 2048,
    },
    'PUT /api/dossiers/{id}/attachments/{attachmentId}/verdict': { valid: true },
    'POST /api/dossiers/{id}/request-documents': { message: 'Merci.', documentTypes: [] },
    'POST /api/dossiers/{id}/notes': { text: 'Note.' },
    'POST /api/dossiers/{id}/propose': { kind: 'grant', text: 'Avis.' },
    'POST /api/sessions/{sessionId}/agenda': { dossierId: env.own.id },
    'POST /api/sessions/{sessionId}/agenda/remove': { dossierId: env.own.id },
    'POST /api/sessions/{sessionId}/decisions': {
      dossierId: env.own.id,
      outcome: 'adjourned',
      motivation: 'Motif.',
    },
    'POST /api/envelopes/{envelopeId}/raise': { amountCents: 1 },
    'POST /api/dossiers/{id}/payments': { funder: 'agglomeration', kind: 'advance', amountCents: 1 },
    'POST /api/dossiers/{id}/lapse': { motivation: 'Motif.' },
    'POST /api/dossiers/{id}/advance': { disbursedOn: '2030-01-15' },
    'POST /api/dossiers/{id}/location': { classification: 'rural' },
    'POST /api/dossiers/{id}/advance/repayments': { date: '2030-02-15', amountCents: 100 },
    'POST /api/admin/rule-sets/{scheme}/preview': {
      effectiveFrom: '2030-01-01',
      deliberation: { reference: 'DEL-2029-1', date: '2029-12-01' },
      figures: {},
    },
    'POST /api/admin/rule-sets/{scheme}': {
      effectiveFrom: '2030-01-01',
      deliberation: { reference: 'DEL-2029-1', date: '2029-12-01' },
      figures: {},
      reason: 'Matrice des droits.',
    },
    'PUT /api/admin/anah-ceilings/{year}': {
      rows: [1, 2, 3, 4, 5, 'extra'].map((size, i) => ({
        householdSize: size,
        veryModestMax: size === 'extra' ? 5000 : 17000 + i * 5000,
        modestMax: size === 'extra' ? 6000 : 22000 + i * 6000,
        intermediateMax: size === 'extra' ? 9000 : 31000 + i * 9000,
      })),
      source: 'Valeurs de test',
      reason: 'Matrice des droits.',
    },
    'POST /api/admin/anah-ceilings/import': {
      csv: 'annee,nb_personnes,tres_modestes_max,modestes_max,intermediaires_max,superieurs_au_dela_de,source\n2031,1,1,2,3,3,test\n',
      reason: 'Matrice des droits.',
    },
    'POST /api/admin/staff/{sub}/deactivate': { reason: 'Matrice des droits.' },
    'POST /api/admin/staff/{sub}/reactivate': { reason: 'Matrice des droits.' },
  };
  const key = `${route.method} ${route.path}`;
  return key in bodies ? bodies[key] : route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
};

function pathFor(route: RouteDefinition, role: Role | null, target: Target): string {
  const staff = role !== null && role !== 'applicant';
  const dossier =
    target === 'own'
      ? env.own.id
      : target === 'missing'
        ? MISSING
        : staff
          ? env.othersDraft.id
          : env.othersFiled.id;
  const attachment =
    target === 'own'
      ? env.ownAttachment
      : target === 'missing'
        ? MISSING
        : staff
          ? env.othersDraftAttachment
          : env.othersFiledAttachment;
  return (
    route.path
      .replace('{id}', dossier)
      .replace('{attachmentId}', attachment)
      .replace('{sessionId}', target === 'missing' ? MISSING : env.session.id)
      .replace('{envelopeId}', target === 'missing' ? 'FTE-1999-agglomeration' : 'FTE-2030-agglomeration')
      .replace('{year}', '2030')
      .replace('{scheme}', target === 'missing' ? 'INCONNU' : 'FTE')
      .replace('{sub}', target === 'missing' ? 'personne-inconnue' : 'demo-instructeur')
      .replace('{generation}', '2024')
      // Every filed dossier has its acknowledgement of receipt (issue 13§3).
      .replace('{letterId}', 'accuse-reception')
      .replace('{importId}', target === 'missing' ? MISSING : env.anImport)
  );
}

describe('authorisation matrix', () => {
  it('every route × every role × own / other / missing object follows the policy table', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const hasObject = /\{(id|sessionId|envelopeId|attachmentId|scheme|sub)\}/.test(route.path);
      const targets: Target[] = hasObject ? ['own', 'other', 'missing'] : ['own'];
      for (const role of [null, ...ROLES] as (Role | null)[]) {
        for (const target of targets) {
          // Sessions and envelopes belong to nobody in particular: only own / missing.
          if (target === 'other' && !/\{id\}/.test(route.path)) continue;
          const path = pathFor(route, role, target);
          // A valid body but no If-Match: the access checks answer, state changes stop at 428.
          const r = await env.client.callRoute(
            role ? PERSONA_OF[role] : null,
            route.method,
            path,
            validBody(route),
          );
          const want = policy(route, role, target);
          checked++;
          const label = `${route.method} ${route.path} as ${role ?? 'anonymous'} on ${target}: ${r.status}`;
          if (r.status >= 500) failures.push(`${label} (5xx)`);
          else if ('status' in want && r.status !== want.status)
            failures.push(`${label}, expected ${want.status}`);
          else if ('notIn' in want && want.notIn.includes(r.status))
            failures.push(`${label}, expected none of ${want.notIn}`);
          if (r.status >= 400 && !(r.headers.get('content-type') ?? '').includes('application/problem+json'))
            failures.push(`${label} not problem+json`);
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
    expect(failures).toEqual([]);
  }, 120_000);

  it('someone else’s dossier and a missing one answer the same 404', async () => {
    const other = await env.client.call(HOUSEHOLD, 'GET', `/api/dossiers/${env.othersFiled.id}`);
    const missing = await env.client.call(HOUSEHOLD, 'GET', `/api/dossiers/${MISSING}`);
    expect(other.status).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, correlationId: undefined });
    expect(strip(other.body)).toEqual(strip(missing.body));
  });

  describe('invalid tokens answer 401 on every protected route', () => {
    const persona = () => personaBySub('demo-admin') as Persona;
    const saved = () => JSON.parse(readFileSync(keyFile, 'utf8')) as { private: JWK };
    const claims = () => ({
      name: persona().name,
      email: persona().email,
      'cognito:groups': ['admin'],
      token_use: 'id',
    });
    const signWith = async (o: { iss?: string; aud?: string; exp?: number; alg?: string }) => {
      const key = await importJWK(saved().private, 'ES256');
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims())
        .setProtectedHeader({ alg: 'ES256', kid: 'dev' })
        .setSubject(persona().sub)
        .setIssuer(o.iss ?? DEV_ISSUER)
        .setAudience(o.aud ?? DEV_AUDIENCE)
        .setIssuedAt(now - 7200)
        .setExpirationTime(o.exp ?? now + 3600)
        .sign(key);
    };
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const cases: Record<string, () => Promise<string>> = {
      'alg none': async () => {
        const now = Math.floor(Date.now() / 1000);
        return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(), sub: persona().sub, iss: DEV_ISSUER, aud: DEV_AUDIENCE, iat: now, exp: now + 3600 })}.`;
      },
      'wrong issuer': () => signWith({ iss: 'https://evil.example' }),
      'wrong audience': () => signWith({ aud: 'another-client' }),
      expired: () => signWith({ exp: Math.floor(Date.now() / 1000) - 60 }),
      tampered: async () => {
        const t = await env.issuer.sign(personaBySub(HOUSEHOLD) as Persona);
        const [h, p, s] = t.split('.') as [string, string, string];
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
        return `${h}.${b64({ ...payload, 'cognito:groups': ['admin'] })}.${s}`;
      },
      'foreign key': async () => {
        const other = await createDevIssuer(null);
        return other.sign(persona());
      },
      garbage: async () => 'not-a-jwt',
    };

    it('a correctly signed admin token is accepted (control)', async () => {
      const t = await signWith({});
      const res = await env.app.request('http://localhost/api/me', {
        headers: { authorization: `Bearer ${t}` },
      });
      expect(res.status).toBe(200);
    });

    for (const [name, make] of Object.entries(cases)) {
      it(name, async () => {
        const token = await make();
        const bad: string[] = [];
        for (const route of routes.filter((r) => !r.public)) {
          const path = pathFor(route, 'admin', 'own');
          const res = await env.app.request(`http://localhost${path}`, {
            method: route.method,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: '{}' }),
          });
          if (res.status !== 401 || !(res.headers.get('content-type') ?? '').includes('problem+json'))
            bad.push(`${route.method} ${route.path}: ${res.status}`);
        }
        expect(bad).toEqual([]);
      });
    }
  });
});
