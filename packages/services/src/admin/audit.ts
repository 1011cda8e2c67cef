import { type Action, actionLabels, type DossierState, stateLabels } from '@aides/domain';
import { dossierIdOfReference, getDossier, queryAudit } from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { badRequest, parseOrThrow } from '../errors.ts';
import { CSV_BOM, csvLine } from '../finance/csv.ts';
import { ADMIN_EVENT_TYPES, type AdminEventType, type AuditChange, adminEventTypeLabels } from './events.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue (AAAA-MM-JJ)');
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const auditQuery = z.object({
  reference: z.preprocess(blankToUndefined, z.string().trim().max(40, 'Référence trop longue').optional()),
  actor: z.preprocess(blankToUndefined, z.string().trim().max(128, 'Identifiant trop long').optional()),
  type: z.preprocess(blankToUndefined, z.string().trim().max(64, 'Type trop long').optional()),
  from: z.preprocess(blankToUndefined, day.optional()),
  to: z.preprocess(blankToUndefined, day.optional()),
});

/** Event types one can filter on, with their French labels (dossier actions, then administration). */
export const auditTypeLabels: Record<string, string> = {
  create: 'Création du brouillon',
  update: 'Modification',
  assign: 'Assignation',
  verdict: 'Verdict sur une pièce',
  schedule_agenda: 'Ordre du jour',
  payment: 'Versement',
  ...actionLabels,
  ...adminEventTypeLabels,
};

export interface AuditEntry {
  id: string;
  at: string;
  kind: 'dossier' | 'administration';
  type: string;
  typeLabel: string;
  actorSub: string;
  actorName: string;
  dossierId?: string;
  reference?: string;
  subject: string;
  why?: string;
  changes: AuditChange[];
}

const LIMIT = 500;

/**
 * The audit log, newest first, by dossier reference, person, event type and period (by default
 * the last 31 days; the whole history for a dossier). Each event shows what changed as values.
 */
export async function searchAudit(
  ctx: ServiceContext,
  caller: Caller,
  input: unknown,
): Promise<{ items: AuditEntry[]; truncated: boolean; from: string; to: string }> {
  requireRole(caller, 'admin');
  const q = parseOrThrow(auditQuery, input ?? {});
  const today = ctx.now().toISOString().slice(0, 10);
  const to = q.to ?? today;
  const from =
    q.from ??
    (q.reference ? '2000-01-01' : new Date(Date.parse(to) - 31 * 86_400_000).toISOString().slice(0, 10));
  if (from > to)
    throw badRequest('Période invalide.', [
      { pointer: '/from', detail: 'Le début suit la fin de la période' },
    ]);
  let dossierId: string | undefined;
  if (q.reference) {
    dossierId = await dossierIdOfReference(ctx.store, q.reference.toUpperCase());
    if (!dossierId) return { items: [], truncated: false, from, to };
  }
  const { items, truncated } = await queryAudit(ctx.store, {
    from,
    to,
    actorSub: q.actor,
    type: q.type,
    dossierId,
    limit: LIMIT,
  });
  const dossiers = new Map<string, Dossier | undefined>();
  const out: AuditEntry[] = [];
  for (const it of items) {
    if (it.type === 'admin-event') {
      const type = String(it.eventType) as AdminEventType;
      out.push({
        id: String(it.id),
        at: String(it.at),
        kind: 'administration',
        type,
        typeLabel: (ADMIN_EVENT_TYPES as readonly string[]).includes(type)
          ? adminEventTypeLabels[type]
          : type,
        actorSub: String(it.actorSub),
        actorName: String(it.actorName ?? ''),
        subject: String(it.subject ?? ''),
        why: String(it.why ?? ''),
        changes: Array.isArray(it.changes) ? (it.changes as AuditChange[]) : [],
      });
      continue;
    }
    const id = String(it.dossierId);
    if (!dossiers.has(id)) dossiers.set(id, await getDossier<Dossier>(ctx.store, id));
    const d = dossiers.get(id);
    const action = String(it.action);
    const from = it.from as DossierState | undefined;
    const toState = it.to as DossierState | undefined;
    const changes: AuditChange[] = [];
    if (from && toState && from !== toState)
      changes.push({
        field: 'Statut',
        before: stateLabels[from] ?? from,
        after: stateLabels[toState] ?? toState,
      });
    if (typeof it.detail === 'string' && it.detail)
      changes.push({ field: 'Détail', before: '', after: it.detail });
    out.push({
      id: String(it.id),
      at: String(it.at),
      kind: 'dossier',
      type: action,
      typeLabel: auditTypeLabels[action as Action] ?? action,
      actorSub: String(it.actorSub ?? ''),
      actorName: String(it.actorName ?? ''),
      dossierId: id,
      ...(d?.reference ? { reference: d.reference } : {}),
      subject: d ? `Dossier ${d.reference ?? '(brouillon)'} — ${d.beneficiary ?? d.ownerName}` : 'Dossier',
      ...(typeof it.why === 'string' && it.why ? { why: it.why } : {}),
      changes,
    });
  }
  return { items: out, truncated, from, to };
}

/** The same events as CSV (French spreadsheet conventions, one line per change). */
export function auditCsv(items: readonly AuditEntry[]): string {
  let out = CSV_BOM;
  out += csvLine(['Date', 'Type', 'Personne', 'Objet', 'Dossier', 'Motif', 'Élément', 'Avant', 'Après']);
  for (const e of items) {
    const base = [e.at, e.typeLabel, e.actorName, e.subject, e.reference ?? '', e.why ?? ''];
    if (e.changes.length === 0) out += csvLine([...base, '', '', '']);
    for (const c of e.changes) out += csvLine([...base, c.field, c.before, c.after]);
  }
  return out;
}
