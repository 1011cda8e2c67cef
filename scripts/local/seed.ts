import {
  builtInRuleSets,
  DOSSIER_STATES,
  type DossierState,
  essCall2024,
  type Funder,
  paymentLimitsOf,
  type RuleSet,
  type Scheme,
} from '@aides/domain';
import {
  addressIn,
  essApplication,
  fteApplication,
  habitatApplication,
  tpeApplication,
} from '@aides/domain/testing/fixtures';
import { listAttachments } from '@aides/services/attachments/attachments';
import { confirmUpload, requestUpload } from '@aides/services/attachments/files';
import { recordDecision } from '@aides/services/bureau/decisions';
import { createSession, scheduleDossier } from '@aides/services/bureau/sessions';
import type { Caller } from '@aides/services/caller';
import type { ServiceContext } from '@aides/services/context';
import { createDraft, withdraw } from '@aides/services/dossiers/applications';
import type { Dossier } from '@aides/services/dossiers/model';
import { submitDossier } from '@aides/services/dossiers/submit';
import { createEnvelope } from '@aides/services/finance/envelopes';
import { lapseCommitment, recordPayment } from '@aides/services/finance/payments';
import { assign, propose, recordVerdict, requestDocuments } from '@aides/services/instruction/instruction';
import { confirmTpeLocation } from '@aides/services/instruction/location';
import { getItem, keys, putQpvListTx, transact, tx } from '@aides/store';
import { objectKeys, s3Client } from '@aides/store/objects';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PERSONAS, type Persona } from './personas.ts';
import { seedRulesCases } from './seed-rules-2024.ts';
import { seedRepayableAdvance } from './seed-rules-ess-tpe.ts';

/**
 * Demo data for `npm start`: rule sets, envelopes, a QPV list, and dossiers of every scheme in
 * every state, built through the real use cases (so they obey every rule). Runs once per data
 * folder (a marker item records it).
 */
const SEED_MARKER = { pk: 'SEED#DEMO', sk: 'DONE' };

const asCaller = (p: Persona): Caller => ({ sub: p.sub, name: p.name, email: p.email, roles: [...p.groups] });
const persona = (sub: string) => asCaller(PERSONAS.find((p) => p.sub === sub) as Persona);

/** Demonstration QPV list: no open list of the agglomeration's QPV was available offline. */
const DEMO_QPV = [
  { code: 'QN06201M', name: 'Mont-Liébaut (démonstration)', communes: ['62119'] },
  { code: 'QN06202M', name: 'Quartier des Provinces (démonstration)', communes: ['62178'] },
];

const FUNDERS_BY_SCHEME: Record<Scheme, Funder[]> = {
  FTE: ['agglomeration'],
  TPE: ['agglomeration', 'region'],
  ESS: ['agglomeration'],
  // État: aides à la pierre (ERBM, Plan de relance credits of the 2022 report), an envelope of its own.
  HABITAT: ['anah', 'agglomeration', 'etat'],
};

function applicationFor(scheme: Scheme): Record<string, unknown> {
  const app = { FTE: fteApplication, TPE: tpeApplication, ESS: essApplication, HABITAT: habitatApplication }[
    scheme
  ]();
  const { filingDate: _f, ...rest } = app as Record<string, unknown>;
  return rest;
}

const ownerOf: Record<Scheme, string> = {
  FTE: 'demo-menage',
  HABITAT: 'demo-menage',
  TPE: 'demo-entreprise',
  ESS: 'demo-association',
};

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n% pièce de démonstration\n'), Buffer.alloc(400, 0x20)]);

async function uploadAll(ctx: ServiceContext, owner: Caller, d: Dossier, types: readonly string[]) {
  for (const documentType of types) {
    const { attachment } = await requestUpload(ctx, owner, d.id, {
      documentType,
      fileName: `${documentType}.pdf`,
      contentType: 'application/pdf',
      size: PDF.length,
    });
    await (await s3Client(ctx.store)).send(
      new PutObjectCommand({
        Bucket: ctx.store.config.bucketName,
        Key: objectKeys.attachment(d.id, attachment.id),
        Body: PDF,
        ContentType: 'application/pdf',
      }),
    );
    await confirmUpload(ctx, owner, d.id, attachment.id);
  }
}

async function buildDossier(
  ctx: ServiceContext,
  scheme: Scheme,
  target: DossierState,
  sessionId: string,
  ruleSet: RuleSet,
  n: number,
  /** Fields that differ from the scheme's demo application (a TPE in development…). */
  override: Record<string, unknown> = {},
): Promise<string | undefined> {
  const owner = persona(ownerOf[scheme]);
  const instructor = persona(n % 2 ? 'demo-instructeur' : 'demo-instructrice');
  const bureau = persona('demo-bureau');
  const finance = persona('demo-finances');
  let d = await createDraft(ctx, owner, { scheme, application: { ...applicationFor(scheme), ...override } });
  if (target === 'draft') return;
  await uploadAll(ctx, owner, d, ruleSet.documents.beforeDecision);
  await submitDossier(ctx, owner, d.id, d.version, undefined);
  const reload = async () => (await getItem(ctx.store, keys.dossier(d.id))) as unknown as Dossier;
  d = await reload();
  if (target === 'submitted') return;
  if (target === 'withdrawn') {
    await withdraw(ctx, owner, d.id, d.version, { reason: 'Travaux reportés à l’an prochain.' });
    return;
  }
  d = await assign(ctx, instructor, d.id, d.version, {});
  if (target === 'in_review') return;
  if (target === 'awaiting_documents') {
    await requestDocuments(ctx, instructor, d.id, d.version, {
      message: 'Merci de joindre un devis détaillé et daté.',
      documentTypes: ['quote'],
    });
    return;
  }
  for (const a of await listAttachments(ctx, instructor, d.id))
    await recordVerdict(ctx, instructor, d.id, a.id, { valid: true });
  d = await reload();
  // Issue 14: a TPE's rural / QPV classification is confirmed by the instructor before the proposal.
  if (scheme === 'TPE' && target !== 'rejected') {
    const qpvCode = (d.application as { qpvCode?: string }).qpvCode;
    d = await confirmTpeLocation(ctx, instructor, d.id, d.version, {
      classification: qpvCode ? 'qpv' : 'rural',
      ...(qpvCode ? { qpvCode } : {}),
    });
  }
  d =
    target === 'rejected'
      ? await propose(ctx, instructor, d.id, d.version, {
          kind: 'refusal',
          text: '',
          motivation: 'Le projet ne remplit pas les conditions du règlement.',
        })
      : await propose(ctx, instructor, d.id, d.version, {
          kind: 'grant',
          text: 'Dossier complet et conforme au règlement.',
        });
  if (target === 'proposed') return;
  d = await scheduleDossier(ctx, bureau, sessionId, d.version, { dossierId: d.id });
  if (target === 'scheduled') return;
  if (target === 'rejected') {
    await recordDecision(ctx, bureau, sessionId, d.version, {
      dossierId: d.id,
      outcome: 'unfavourable',
      motivation: 'Avis défavorable conforme à la proposition.',
    });
    return;
  }
  if (target === 'adjourned') {
    await recordDecision(ctx, bureau, sessionId, d.version, {
      dossierId: d.id,
      outcome: 'adjourned',
      motivation: 'Pièces complémentaires attendues par le Bureau.',
    });
    return;
  }
  d = await recordDecision(ctx, bureau, sessionId, d.version, {
    dossierId: d.id,
    outcome: 'favourable',
    deliberationNumber: `DEMO-${scheme}-${n}`,
  });
  if (target === 'approved') return d.id;
  if (target === 'lapsed') {
    await lapseCommitment(ctx, finance, d.id, d.version, {
      motivation: 'Travaux non réalisés dans le délai.',
    });
    return;
  }
  // Payment documents (bank details, invoices) arrive once the aid is granted.
  const present = new Set((await listAttachments(ctx, owner, d.id)).map((a) => a.documentType));
  const paymentDocs = [
    ...new Set([...ruleSet.documents.beforeAdvance, ...ruleSet.documents.beforePayment]),
  ].filter((t) => !present.has(t));
  await uploadAll(ctx, owner, d, paymentDocs);
  for (const a of await listAttachments(ctx, instructor, d.id))
    if (!a.verdict) await recordVerdict(ctx, instructor, d.id, a.id, { valid: true });
  d = await reload();
  for (const [funder, cents] of Object.entries(d.committedByFunder ?? {})) {
    const advance = Math.floor(
      (cents * paymentLimitsOf(ruleSet, d.application, d.filedAt).advanceMaxBp.value) / 10_000,
    );
    if (advance > 0)
      d = (
        await recordPayment(ctx, finance, d.id, d.version, { funder, kind: 'advance', amountCents: advance })
      ).dossier;
    if (target === 'paid')
      d = (
        await recordPayment(ctx, finance, d.id, d.version, {
          funder,
          kind: 'balance',
          amountCents: cents - advance,
        })
      ).dossier;
  }
}

export async function seedDemoData(ctx: ServiceContext, log: (m: string) => void = () => {}): Promise<void> {
  if (await getItem(ctx.store, SEED_MARKER)) return;
  log('Création des données de démonstration (une seule fois)…');
  const year = ctx.now().getUTCFullYear();
  await transact(ctx.store, [
    {
      label: 'qpv',
      // Made up, and marked so: every screen that uses it says « liste de démonstration » until an
      // admin imports the official 2024 list (Administration → Quartiers prioritaires).
      item: putQpvListTx(ctx.store, {
        generation: '2024',
        qpv: DEMO_QPV,
        source: 'Liste de démonstration, à remplacer par la liste officielle (décret n° 2023-1314)',
        demonstration: true,
      }).item,
    },
  ]);
  // Rule sets, envelopes and the session are separate items: written at once.
  const finance = persona('demo-finances');
  const [session] = await Promise.all([
    createSession(ctx, persona('demo-bureau'), {
      number: `${year}-DEMO`,
      date: ctx.now().toISOString().slice(0, 10),
    }),
    ...builtInRuleSets.map((r) =>
      transact(ctx.store, [
        {
          label: 'ruleset',
          item: tx.put(ctx.store, {
            ...keys.ruleSet(r.scheme, r.effectiveFrom, r.version),
            type: 'ruleset',
            ruleSet: r,
          }),
        },
      ]),
    ),
    ...(Object.entries(FUNDERS_BY_SCHEME) as [Scheme, Funder[]][]).flatMap(([scheme, funders]) =>
      funders.map((funder) =>
        createEnvelope(ctx, finance, {
          scheme,
          year,
          funder,
          amountCents: 50_000_000,
          label: `Enveloppe ${scheme} ${year} (démonstration)`,
        }),
      ),
    ),
  ]);
  // The schemes at once (their numbers, envelopes and dossiers are apart; the shared session's
  // check is retried on a conflict like any concurrent use); each scheme's dossiers one after
  // the other, so each state keeps its reference number.
  await Promise.all(
    (Object.keys(FUNDERS_BY_SCHEME) as Scheme[]).map(async (scheme) => {
      const ruleSet = builtInRuleSets.filter((r) => r.scheme === scheme).at(-1) as RuleSet;
      let n = 0;
      for (const state of DOSSIER_STATES) await buildDossier(ctx, scheme, state, session.id, ruleSet, ++n);
    }),
  );
  // Issue 14 (TPE): a development granted as a repayable advance, opened and partly repaid.
  const tpe = builtInRuleSets.filter((r) => r.scheme === 'TPE').at(-1) as RuleSet;
  const development = await buildDossier(ctx, 'TPE', 'approved', session.id, tpe, 99, {
    project: 'development',
  });
  if (development) await seedRepayableAdvance(ctx, finance, development);
  // Issue 14: a laureate of the yearly ESS call for projects, granted its 7,500 € bourse.
  await buildDossier(ctx, 'ESS', 'approved', session.id, essCall2024, 97, {
    mode: 'call_for_projects',
    jobs: [],
    callForProjects: { projectTitle: 'Recyclerie solidaire « La Seconde Main »', requestedCents: 750_000 },
  });
  // Issue 14: a business in a QPV of Béthune (demonstration list), its classification confirmed
  // « QPV » by the instructor, granted; the other granted TPE are in Saint-Venant, confirmed rural.
  await buildDossier(ctx, 'TPE', 'approved', session.id, tpe, 98, {
    address: addressIn('62119', 'Béthune'),
    qpvCode: 'QN06201M',
  });
  // Issue 14: one filed dossier per new case of the 2024–2026 rules (seed-rules-2024.ts).
  await seedRulesCases(
    ctx,
    Object.fromEntries(Object.entries(ownerOf).map(([s, sub]) => [s, persona(sub)])) as Record<
      Scheme,
      Caller
    >,
    async (c, owner, d, scheme) => {
      const rs = builtInRuleSets.filter((r) => r.scheme === scheme).at(-1) as RuleSet;
      await uploadAll(c, owner, d, rs.documents.beforeDecision);
    },
  );
  await transact(ctx.store, [
    { label: 'seed', item: tx.put(ctx.store, { ...SEED_MARKER, type: 'seed', at: ctx.now().toISOString() }) },
  ]);
  log('Données de démonstration prêtes.');
}
