import {
  type Application,
  builtInRuleSets,
  computeAmounts,
  type DossierState,
  type RuleSet,
  type RuleSetTrack,
  ruleSetTrack,
  SCHEMES,
  type Scheme,
  stateLabels,
} from '@aides/domain';
import {
  buildNewVersion,
  type FigureField,
  figureFields,
  formatFigure,
} from '@aides/domain/admin/rule-set-form';
import { listPublishedRuleSetRecords, putPublishedRuleSetTx, queueByStatus } from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { badRequest, notFound, parseOrThrow } from '../errors.ts';
import { loadReferenceData, loadRuleSets } from '../rule-sets.ts';
import { newAdminEvent, reasonField, writeAdminChange } from './events.ts';

const isoDay = z
  .string({ error: 'Date attendue (AAAA-MM-JJ)' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue (AAAA-MM-JJ)');

/** A new version: the deliberation, the effective date, the figures changed (as stored: cents, basis points). */
export const newVersionInput = z.object({
  effectiveFrom: isoDay,
  label: z.string().trim().max(200, 'Intitulé trop long').optional(),
  deliberation: z.object(
    {
      reference: z
        .string({ error: 'Référence de la délibération obligatoire' })
        .trim()
        .max(100, 'Référence trop longue'),
      date: isoDay,
      source: z.string().trim().max(500, 'Source trop longue').optional(),
    },
    { error: 'Délibération obligatoire (référence et date)' },
  ),
  figures: z
    .record(
      z.string(),
      z.object(
        {
          value: z.number({ error: 'Nombre attendu' }),
          source: z.string().trim().max(500, 'Source trop longue').optional(),
        },
        { error: 'Chiffre attendu : { value, source }' },
      ),
    )
    .default({}),
  confirmDefaults: z.boolean().optional(),
  /** ESS runs two aids, each with its versions: the jobs aid (`default`) and the call for projects. */
  track: z.enum(['default', 'call_for_projects'], { error: 'Type d’aide inconnu' }).optional(),
});
export const draftQuery = z.object({
  track: z.enum(['default', 'call_for_projects'], { error: 'Type d’aide inconnu' }).optional(),
});
export const publishRuleSetInput = newVersionInput.extend({ reason: reasonField });

export function schemeOf(raw: string): Scheme {
  const s = raw.toUpperCase();
  if (!(SCHEMES as readonly string[]).includes(s)) throw notFound('Dispositif inconnu.');
  return s as Scheme;
}

export interface RuleSetVersionView {
  scheme: Scheme;
  version: string;
  label: string;
  effectiveFrom: string;
  deliberation: { reference: string; date: string; source: string };
  /** The aid the version belongs to (ESS: jobs aid or call for projects; else `default`). */
  track: RuleSetTrack;
  origin: 'built_in' | 'published';
  publishedAt?: string;
  publishedBy?: string;
  /** In force today (the one a filing today gets). */
  inForce: boolean;
  defaultCount: number;
  figures: FigureField[];
}

/** The latest version of a scheme (the one a new version starts from, and whose date it cannot precede). */
const latestOf = (sets: readonly RuleSet[]) =>
  sets.reduce<RuleSet | undefined>(
    (best, r) => (!best || r.effectiveFrom >= best.effectiveFrom ? r : best),
    undefined,
  );

/** Every version of a scheme, built-in and published, oldest first, with each figure and its source. */
export async function listRuleSetVersions(ctx: ServiceContext, caller: Caller, rawScheme: string) {
  requireRole(caller, 'admin');
  const scheme = schemeOf(rawScheme);
  const [sets, records] = await Promise.all([
    loadRuleSets(ctx, scheme),
    listPublishedRuleSetRecords(ctx.store, scheme),
  ]);
  const meta = new Map(
    records.map((r) => [
      (r.ruleSet as { version?: string }).version,
      { at: r.publishedAt, by: r.publishedBy },
    ]),
  );
  const today = ctx.now().toISOString().slice(0, 10);
  const inForce = new Set(
    (['default', 'call_for_projects'] as const).map((t) =>
      latestOf(sets.filter((r) => r.effectiveFrom <= today && ruleSetTrack(r) === t)),
    ),
  );
  const builtIn = new Set(builtInRuleSets.filter((r) => r.scheme === scheme).map((r) => r.version));
  const items: RuleSetVersionView[] = [...sets]
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    .map((r) => {
      const figures = figureFields(r);
      const m = meta.get(r.version);
      const published = !!m?.at || !builtIn.has(r.version);
      return {
        scheme,
        version: r.version,
        label: r.label,
        effectiveFrom: r.effectiveFrom,
        deliberation: r.deliberation,
        track: ruleSetTrack(r),
        origin: published ? 'published' : 'built_in',
        ...(m?.at ? { publishedAt: m.at } : {}),
        ...(m?.by ? { publishedBy: m.by } : {}),
        inForce: inForce.has(r),
        defaultCount: figures.filter((f) => f.isDefault).length,
        figures,
      };
    });
  return { scheme, items };
}

const trackOf = (raw: unknown): RuleSetTrack =>
  raw === 'call_for_projects' ? 'call_for_projects' : 'default';

/** What « Nouvelle version » starts from: the latest version (of the aid `track`) and its figures. */
export async function newVersionDraft(
  ctx: ServiceContext,
  caller: Caller,
  rawScheme: string,
  rawTrack?: unknown,
) {
  requireRole(caller, 'admin');
  const scheme = schemeOf(rawScheme);
  const track = trackOf(rawTrack);
  const base = latestOf((await loadRuleSets(ctx, scheme)).filter((r) => ruleSetTrack(r) === track));
  if (!base) throw notFound('Aucun règlement pour ce dispositif.');
  return {
    scheme,
    track,
    base: { version: base.version, label: base.label, effectiveFrom: base.effectiveFrom },
    figures: figureFields(base),
  };
}

async function candidateOf(ctx: ServiceContext, scheme: Scheme, input: z.output<typeof newVersionInput>) {
  const sets = await loadRuleSets(ctx, scheme);
  const base = latestOf(sets.filter((r) => ruleSetTrack(r) === trackOf(input.track)));
  if (!base) throw notFound('Aucun règlement pour ce dispositif.');
  const built = buildNewVersion(
    base,
    input,
    sets.map((r) => r.version),
  );
  if (!built.ok) {
    throw badRequest(
      'Le règlement n’a pas été publié : corrigez les chiffres signalés.',
      built.errors.map((e) => ({ pointer: e.pointer, detail: e.message })),
    );
  }
  return { base, ...built };
}

/** States of a dossier in instruction: filed, not yet decided. */
const IN_INSTRUCTION: readonly DossierState[] = [
  'submitted',
  'in_review',
  'awaiting_documents',
  'proposed',
  'scheduled',
];

export interface PreviewLine {
  id: string;
  reference: string;
  beneficiary: string;
  status: DossierState;
  statusLabel: string;
  ruleSetVersion: string;
  currentCents: number;
  newCents: number;
  differenceCents: number;
}

/**
 * What the new version would change for the dossiers in instruction (they keep the version they
 * were filed under: this is information for the Bureau), and which figures it changes.
 */
export async function previewRuleSet(ctx: ServiceContext, caller: Caller, rawScheme: string, input: unknown) {
  requireRole(caller, 'admin');
  const scheme = schemeOf(rawScheme);
  const body = parseOrThrow(newVersionInput, input);
  const { ruleSet, changes } = await candidateOf(ctx, scheme, body);
  const reference = await loadReferenceData(ctx);
  const dossiers: PreviewLine[] = [];
  for (const status of IN_INSTRUCTION) {
    let cursor: string | undefined;
    do {
      const page = await queueByStatus<Dossier>(ctx.store, scheme, status, { limit: 100, cursor });
      for (const d of page.items) {
        const current = d.proposal?.totalCents ?? d.amounts?.totalCents;
        if (current === undefined) continue;
        let next: number;
        try {
          next = computeAmounts({ ...d.application, scheme } as Application, ruleSet, reference, {
            ...(d.filedAt ? { filingDate: d.filedAt } : {}),
          }).totalCents;
        } catch {
          continue; // an application the new figures cannot compute is not a change of amount
        }
        if (next === current) continue;
        dossiers.push({
          id: d.id,
          reference: d.reference ?? d.id,
          beneficiary: d.beneficiary ?? d.ownerName,
          status: d.status,
          statusLabel: stateLabels[d.status],
          ruleSetVersion: d.ruleSetVersion ?? '',
          currentCents: current,
          newCents: next,
          differenceCents: next - current,
        });
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return {
    ruleSet: { version: ruleSet.version, label: ruleSet.label, effectiveFrom: ruleSet.effectiveFrom },
    changes: changes.map((c) => ({
      path: c.path,
      label: c.label,
      before: c.before,
      after: c.after,
    })),
    dossiers,
  };
}

/** Publishes a new version (deliberation required) with its audit event, in one transaction. */
export async function publishRuleSet(ctx: ServiceContext, caller: Caller, rawScheme: string, input: unknown) {
  requireRole(caller, 'admin');
  const scheme = schemeOf(rawScheme);
  const body = parseOrThrow(publishRuleSetInput, input);
  const { base, ruleSet, changes } = await candidateOf(ctx, scheme, body);
  const units = new Map(figureFields(ruleSet).map((f) => [f.path, f.unit]));
  const show = (path: string, f: { value: number; source: string }) =>
    `${formatFigure(units.get(path) ?? 'count', f.value)} (source : ${f.source})`;
  const now = ctx.now().toISOString();
  const event = newAdminEvent(ctx, caller, {
    type: 'rule_set_published',
    subject: `Règlement ${scheme}, version ${ruleSet.version} (délibération ${ruleSet.deliberation.reference} du ${ruleSet.deliberation.date})`,
    why: body.reason,
    changes: [
      {
        field: 'Version de départ',
        before: `${base.version} — ${base.label}`,
        after: `${ruleSet.version} — ${ruleSet.label}`,
      },
      { field: 'Date d’effet', before: base.effectiveFrom, after: ruleSet.effectiveFrom },
      ...changes.map((c) => ({
        field: c.label,
        before: show(c.path, c.before),
        after: show(c.path, c.after),
      })),
    ],
  });
  await writeAdminChange(
    ctx,
    [putPublishedRuleSetTx(ctx.store, ruleSet, { publishedAt: now, publishedBy: event.actorName })],
    event,
    () => 'Une version de même nom vient d’être publiée : rechargez la page.',
  );
  return {
    scheme,
    version: ruleSet.version,
    label: ruleSet.label,
    effectiveFrom: ruleSet.effectiveFrom,
    deliberation: ruleSet.deliberation,
    changes: event.changes,
  };
}
