import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/api.ts';
import {
  BUREAU,
  ensureEnvelope,
  FINANCE,
  HOUSEHOLD,
  INSTRUCTOR,
  listFirstAttachment,
  newSession,
  pool,
  readyDraft,
  scanAll,
  submittedDossier,
} from './fixtures.ts';

/**
 * 10,000 generated bodies across the write routes, called in-process through the API Gateway
 * emulation: wrong types, huge strings, deep nesting, `__proto__` / `constructor` keys, broken
 * JSON, empty / prototype-named / non-ASCII keys, overflowing and unsafe numbers written as raw
 * JSON text (`1e400`, `1e308`, a 40-digit integer, `-0`). Every body is invalid on purpose (one required field broken, or not an object at all), so
 * the answer must be a 4xx problem+json — never a 5xx, never a 2xx — and the table must not change.
 */
const RUNS = 10_000;

type Kind = 'string' | 'enum' | 'int' | 'record' | 'bool' | 'array';
interface FuzzRoute {
  readonly method: string;
  readonly path: string;
  readonly as: string;
  readonly ifMatch?: number;
  readonly template: Record<string, unknown>;
  readonly fields: Record<string, Kind>;
  readonly enums?: Record<string, readonly string[]>;
}

let api: Awaited<ReturnType<typeof createTestApi>>;
let routes: FuzzRoute[];

beforeAll(async () => {
  api = await createTestApi();
  const { ctx } = api;
  const draft = await readyDraft(ctx);
  const filed = await submittedDossier(ctx);
  const attachment = await listFirstAttachment(ctx, filed.id);
  const session = await newSession(ctx);
  const envelope = await ensureEnvelope(ctx, 1_000_000);
  const SCHEMES = ['FTE', 'TPE', 'ESS', 'HABITAT'];
  const FUNDERS = ['agglomeration', 'anah', 'region'];
  routes = [
    {
      method: 'POST',
      path: '/api/dossiers',
      as: HOUSEHOLD,
      template: { scheme: 'FTE', application: {} },
      fields: { scheme: 'enum', application: 'record' },
      enums: { scheme: SCHEMES },
    },
    {
      method: 'PUT',
      path: `/api/dossiers/${draft.id}`,
      as: HOUSEHOLD,
      ifMatch: draft.version,
      template: { application: {} },
      fields: { application: 'record' },
    },
    {
      method: 'POST',
      path: `/api/dossiers/${draft.id}/answer`,
      as: HOUSEHOLD,
      ifMatch: draft.version,
      template: { message: 'Voici.' },
      fields: { message: 'string' },
    },
    {
      method: 'POST',
      path: `/api/dossiers/${draft.id}/withdraw`,
      as: HOUSEHOLD,
      ifMatch: draft.version,
      template: { reason: 'Motif.' },
      fields: { reason: 'string' },
    },
    {
      method: 'POST',
      path: `/api/dossiers/${draft.id}/attachments`,
      as: HOUSEHOLD,
      template: { documentType: 'quote', fileName: 'devis.pdf', contentType: 'application/pdf', size: 2048 },
      fields: { documentType: 'string', fileName: 'string', contentType: 'enum', size: 'int' },
      enums: { contentType: ['application/pdf', 'image/png', 'image/jpeg'] },
    },
    {
      method: 'PUT',
      path: `/api/dossiers/${filed.id}/attachments/${attachment}/verdict`,
      as: INSTRUCTOR,
      template: { valid: true },
      fields: { valid: 'bool' },
    },
    {
      method: 'POST',
      path: `/api/dossiers/${filed.id}/request-documents`,
      as: INSTRUCTOR,
      ifMatch: filed.version,
      template: { message: 'Merci.', documentTypes: [] },
      fields: { message: 'string', documentTypes: 'array' },
    },
    {
      method: 'POST',
      path: `/api/dossiers/${filed.id}/notes`,
      as: INSTRUCTOR,
      template: { text: 'Note.' },
      fields: { text: 'string' },
    },
    {
      method: 'POST',
      path: `/api/dossiers/${filed.id}/propose`,
      as: INSTRUCTOR,
      ifMatch: filed.version,
      template: { kind: 'grant', text: 'Avis.' },
      fields: { kind: 'enum' },
      enums: { kind: ['grant', 'refusal'] },
    },
    {
      method: 'POST',
      path: '/api/sessions',
      as: BUREAU,
      template: { number: '2031-01', date: '2031-01-15' },
      fields: { number: 'string', date: 'string' },
    },
    {
      method: 'POST',
      path: `/api/sessions/${session.id}/agenda`,
      as: BUREAU,
      ifMatch: filed.version,
      template: { dossierId: filed.id },
      fields: { dossierId: 'string' },
    },
    {
      method: 'POST',
      path: `/api/sessions/${session.id}/decisions`,
      as: BUREAU,
      ifMatch: filed.version,
      template: { dossierId: filed.id, outcome: 'adjourned', motivation: 'Motif.' },
      fields: { outcome: 'enum', motivation: 'string' },
      enums: { outcome: ['favourable', 'unfavourable', 'adjourned'] },
    },
    {
      method: 'POST',
      path: '/api/envelopes',
      as: FINANCE,
      template: { scheme: 'TPE', year: 2031, funder: 'region', amountCents: 1000 },
      fields: { scheme: 'enum', year: 'int', funder: 'enum', amountCents: 'int' },
      enums: { scheme: SCHEMES, funder: FUNDERS },
    },
    {
      method: 'POST',
      path: `/api/envelopes/${envelope.id}/raise`,
      as: FINANCE,
      template: { amountCents: 100 },
      fields: { amountCents: 'int' },
    },
    {
      method: 'POST',
      path: `/api/dossiers/${filed.id}/payments`,
      as: FINANCE,
      ifMatch: filed.version,
      template: { funder: 'agglomeration', kind: 'advance', amountCents: 100 },
      fields: { funder: 'enum', kind: 'enum', amountCents: 'int' },
      enums: { funder: FUNDERS, kind: ['advance', 'instalment', 'balance'] },
    },
    {
      method: 'POST',
      path: `/api/dossiers/${filed.id}/lapse`,
      as: FINANCE,
      ifMatch: filed.version,
      template: { motivation: 'Motif.' },
      fields: { motivation: 'string' },
    },
  ];
}, 120_000);

// ---- generators ----------------------------------------------------------------------------

const deep = fc.tuple(fc.integer({ min: 20, max: 3000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 'fond';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});
const huge = fc
  .tuple(fc.integer({ min: 6_000, max: 450_000 }), fc.constantFrom('x', 'é', '🙂', '\u0000', '<script>'))
  .map(([n, c]) => c.repeat(Math.max(6_000, Math.ceil(n / c.length))));
const protoObject = fc.constant(
  JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
);
/**
 * Numbers JSON.stringify cannot write (Infinity, -0) or that DynamoDB refuses: generated as a
 * marker string, then written into the body's text as the raw literal (see `rawNumbers`).
 */
const RAW = '\u0000raw:';
const raw = (n: string) => `${RAW}${n}`;
/** Never a valid value: infinite, beyond safe integers, or not an integer (every number here is one). */
const unsafeNumber = fc
  .constantFrom('1e400', '-1e400', '1e308', '-1e308', '1234567890123456789012345678901234567890', '5e-324')
  .map(raw);
const rawNumbers = (json: string) => json.replace(/"\\u0000raw:([^"]+)"/g, '$1');
/** Keys that broke drafts or could reach a prototype: empty, prototype names, non-ASCII, controls. */
const hostileKey = fc.constantFrom(
  '',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'clé',
  '🙂',
  '\u202e',
  'ключ',
  '\u0000',
  ' ',
  'a/b~c',
);
/** An application object with one hostile key or one unsafe number where a known number goes. */
const hostileApplication = fc.oneof(
  fc.tuple(hostileKey, fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({ [k]: v })),
  fc.tuple(hostileKey, fc.jsonValue({ maxDepth: 1 })).map(([k, v]) => ({ household: { size: 2, [k]: v } })),
  unsafeNumber.map((n) => ({ household: { size: n } })),
  unsafeNumber.map((n) => ({ works: [{ type: 'vmc', amountHtCents: n }] })),
  // -0 is a fine integer: it rides along with a hostile key, which makes the body invalid.
  hostileKey.map((k) => ({ household: { size: raw('-0') }, [k]: raw('-0') })),
);
const notString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  deep,
  protoObject,
);

function wrongValue(kind: Kind, allowed: readonly string[] = []) {
  switch (kind) {
    case 'string':
      return fc.oneof(
        { weight: 6, arbitrary: notString },
        { weight: 1, arbitrary: huge },
        { weight: 1, arbitrary: fc.constantFrom('', '   ', '\t\n') },
      );
    case 'enum':
      return fc.oneof(
        notString,
        huge,
        fc.string({ maxLength: 30 }).filter((s) => !allowed.includes(s)),
        fc.constantFrom('__proto__', 'constructor', 'toString'),
      );
    case 'int':
      return fc.oneof(
        fc.integer({ min: -1e9, max: 0 }),
        unsafeNumber,
        fc.double({ min: 0.001, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x)),
        fc.integer().map(String),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.integer(), { maxLength: 3 }),
        protoObject,
        deep,
        huge,
      );
    case 'record':
      return fc.oneof(
        { weight: 4, arbitrary: hostileApplication },
        fc.string({ maxLength: 20 }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
        huge,
        deep.filter(Array.isArray),
      );
    case 'bool':
      return fc.oneof(
        fc.string({ maxLength: 10 }),
        fc.integer(),
        fc.constant(null),
        protoObject,
        deep,
        fc.constant('true'),
      );
    case 'array':
      return fc.oneof(
        fc.string({ maxLength: 10 }),
        fc.integer(),
        protoObject,
        fc.array(fc.string(), { minLength: 21, maxLength: 40 }),
        fc.array(huge, { minLength: 1, maxLength: 2 }),
        fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
      );
  }
}

const PROTO_TEXT =
  '"__proto__":{"polluted":"yes","isAdmin":true,"roles":["admin"]},"constructor":{"prototype":{"polluted":"yes"}}';
const withProto = (json: string) =>
  json === '{}' ? `{${PROTO_TEXT}}` : json.startsWith('{') ? `{${PROTO_TEXT},${json.slice(1)}` : json;

interface Case {
  readonly route: number;
  readonly text: string;
  readonly why: string;
}

const caseArb = (): fc.Arbitrary<Case> =>
  fc.integer({ min: 0, max: routes.length - 1 }).chain((i) => {
    const r = routes[i] as FuzzRoute;
    const names = Object.keys(r.fields);
    // One required field broken, plus optional hostile garnish.
    const mutated = fc
      .tuple(
        fc.constantFrom(...names),
        fc.boolean(),
        fc.boolean(),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }),
      )
      .chain(([field, proto, extra, junk]) =>
        wrongValue(r.fields[field] as Kind, r.enums?.[field]).map((v) => {
          const body = { ...(extra ? junk : {}), ...r.template, [field]: v };
          const json = rawNumbers(JSON.stringify(body));
          return {
            route: i,
            text: proto ? withProto(json) : json,
            why: `${field} ← ${String(JSON.stringify(v)).slice(0, 60)}${proto ? ' +__proto__' : ''}`,
          };
        }),
      );
    // Not an object at all, broken JSON, or only prototype keys.
    const whole = fc.oneof(
      fc
        .jsonValue({ maxDepth: 3 })
        .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
        .map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }).filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return s.trim() !== '';
        }
      }),
      fc.constant(`{${PROTO_TEXT}}`),
      deep.map((v) => JSON.stringify(v)),
    );
    return fc.oneof(
      { weight: 4, arbitrary: mutated },
      { weight: 1, arbitrary: whole.map((text) => ({ route: i, text, why: 'whole body' })) },
    );
  });

describe('fuzzed bodies', () => {
  it(`${RUNS} hostile bodies across the write routes: always 4xx problem+json, nothing stored`, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    const cases = fc.sample(caseArb(), { numRuns: RUNS, seed });
    const tokens = new Map<string, string>();
    for (const r of routes) if (!tokens.has(r.as)) tokens.set(r.as, await api.tokenFor(r.as));
    const before = await scanAll(api.store);

    const failures: string[] = [];
    await pool(cases, 16, async (c) => {
      const r = routes[c.route] as FuzzRoute;
      const res = await api.app.request(`http://localhost${r.path}`, {
        method: r.method,
        headers: {
          authorization: `Bearer ${tokens.get(r.as)}`,
          'content-type': 'application/json',
          ...(r.ifMatch !== undefined ? { 'if-match': `"${r.ifMatch}"` } : {}),
        },
        body: c.text,
      });
      const type = res.headers.get('content-type') ?? '';
      const text = await res.text();
      let problemOk = false;
      try {
        const p = JSON.parse(text);
        problemOk =
          typeof p.type === 'string' &&
          typeof p.title === 'string' &&
          p.status === res.status &&
          typeof p.detail === 'string' &&
          !/\bat .+:\d+:\d+/.test(text);
      } catch {}
      if (res.status < 400 || res.status >= 500 || !type.includes('application/problem+json') || !problemOk) {
        if (failures.length < 30)
          failures.push(
            `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id')} [${c.why}] → ${res.status} ${type} ${text.slice(0, 120)}`,
          );
        else if (failures.length === 30) failures.push('…');
      }
    });
    const after = await scanAll(api.store);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(failures, `seed ${seed}`).toEqual([]);
    const fingerprint = (items: Record<string, unknown>[]) =>
      items.map((i) => `${i.pk}|${i.sk}|${i.version ?? ''}|${i.updatedAt ?? ''}`).sort();
    expect(fingerprint(after)).toEqual(fingerprint(before));
  }, 400_000); // 180 s ran out at load 25 on two cores (a busy CI machine)

  it('a draft holding 40 levels of nesting or a 500 KB string is refused with a 4xx, not a 500', async () => {
    const d = await readyDraft(api.ctx);
    let nested: unknown = 'fond';
    for (let i = 0; i < 40; i++) nested = { a: nested };
    for (const application of [{ notes: nested }, { notes: 'x'.repeat(500_000) }]) {
      const version = (await api.call(HOUSEHOLD, 'GET', `/api/dossiers/${d.id}`)).body.version;
      const res = await api.call(
        HOUSEHOLD,
        'PUT',
        `/api/dossiers/${d.id}`,
        { application },
        { 'if-match': `"${version}"` },
      );
      expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
