import { type AnahCeilingRow, anahCeilings } from '@aides/domain';
import {
  CATEGORY_COLUMNS,
  CEILING_SIZES,
  ceilingSizeLabels,
  checkCeilingTable,
  mergeCeilings,
  parseCeilingsCsv,
} from '@aides/domain/admin/ceilings';
import {
  type CeilingTableRecord,
  type LabelledItem,
  listPublishedCeilings,
  putAdminEventTx,
  putCeilingsTx,
} from '@aides/store';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { badRequest, parseOrThrow } from '../errors.ts';
import { type AdminEvent, type AuditChange, newAdminEvent, reasonField, writeAdminChange } from './events.ts';

const wholeEuros = z
  .number({ error: 'Montant en euros entiers attendu' })
  .int('Montant en euros entiers attendu')
  .positive('Montant strictement positif attendu')
  .max(10_000_000, 'Montant trop élevé');

export const ceilingsInput = z.object({
  rows: z
    .array(
      z.object({
        householdSize: z.union(
          [z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal('extra')],
          {
            error: 'Taille du foyer : 1 à 5, ou « extra » (par personne supplémentaire)',
          },
        ),
        veryModestMax: wholeEuros,
        modestMax: wholeEuros,
        intermediateMax: wholeEuros,
      }),
      { error: 'Lignes du barème attendues' },
    )
    .max(6, 'Six lignes au plus (1 à 5 personnes, et par personne supplémentaire)'),
  source: z
    .string({ error: 'Source obligatoire' })
    .trim()
    .min(3, 'Source obligatoire')
    .max(500, 'Source trop longue'),
  reason: reasonField,
});

export const importCeilingsInput = z.object({
  csv: z
    .string({ error: 'Contenu CSV attendu' })
    .min(1, 'Fichier vide')
    .max(200_000, 'Fichier trop volumineux'),
  reason: reasonField,
});

export interface CeilingTableView {
  year: number;
  origin: 'built_in' | 'published';
  source: string;
  publishedAt?: string;
  publishedByName?: string;
  rows: AnahCeilingRow[];
}

/** Every year's table in force (built-in years, replaced by published ones), newest first. */
export async function listCeilingTables(ctx: ServiceContext, caller: Caller): Promise<CeilingTableView[]> {
  requireRole(caller, 'admin');
  const published = await listPublishedCeilings(ctx.store);
  const merged = mergeCeilings(anahCeilings, published);
  const years = [...new Set(merged.map((r) => r.year))].sort((a, b) => b - a);
  return years.map((year) => {
    const p = published.find((t) => t.year === year);
    const rows = merged.filter((r) => r.year === year);
    return {
      year,
      origin: p ? 'published' : 'built_in',
      source: p?.source ?? rows[0]?.source ?? '',
      ...(p ? { publishedAt: p.publishedAt, publishedByName: p.publishedByName } : {}),
      rows,
    };
  });
}

const euros = (n: number | undefined) =>
  n === undefined ? '—' : `${new Intl.NumberFormat('fr-FR').format(n)} €`;

function changesOf(before: readonly AnahCeilingRow[], after: readonly AnahCeilingRow[]): AuditChange[] {
  const out: AuditChange[] = [];
  for (const size of CEILING_SIZES) {
    const b = before.find((r) => r.householdSize === size);
    const a = after.find((r) => r.householdSize === size);
    for (const [col, label] of CATEGORY_COLUMNS)
      if (b?.[col] !== a?.[col])
        out.push({
          field: `${ceilingSizeLabels[String(size)]}, ${label}`,
          before: euros(b?.[col]),
          after: euros(a?.[col]),
        });
  }
  const bs = before[0]?.source;
  const as = after[0]?.source;
  if (bs !== as) out.push({ field: 'Source', before: bs ?? '—', after: as ?? '—' });
  return out;
}

function throwIfInvalid(errors: { pointer: string; message: string }[], detail: string) {
  if (errors.length)
    throw badRequest(
      detail,
      errors.map((e) => ({ pointer: e.pointer, detail: e.message })),
    );
}

async function publishTables(
  ctx: ServiceContext,
  caller: Caller,
  tables: { year: number; rows: AnahCeilingRow[]; source: string }[],
  reason: string,
) {
  const published = await listPublishedCeilings(ctx.store);
  const inForce = mergeCeilings(anahCeilings, published);
  const items: LabelledItem[] = [];
  const events: AdminEvent[] = [];
  const done: number[] = [];
  const unchanged: number[] = [];
  for (const t of tables) {
    const before = inForce.filter((r) => r.year === t.year);
    const changes = changesOf(before, t.rows);
    if (changes.length === 0) {
      unchanged.push(t.year);
      continue;
    }
    const previous = published.find((p) => p.year === t.year);
    const record: CeilingTableRecord = {
      year: t.year,
      rows: t.rows,
      source: t.source,
      publishedAt: ctx.now().toISOString(),
      publishedBy: caller.sub,
      publishedByName: caller.name || caller.sub,
    };
    items.push(putCeilingsTx(ctx.store, record, previous?.publishedAt));
    events.push(
      newAdminEvent(ctx, caller, {
        type: 'anah_ceilings_published',
        subject: `Plafonds de ressources ANAH ${t.year} (hors Île-de-France)`,
        why: reason,
        changes,
      }),
    );
    done.push(t.year);
  }
  // One transaction for every year and its event (the last event is written by writeAdminChange).
  const last = events.pop();
  if (last) {
    await writeAdminChange(
      ctx,
      [...items, ...events.map((e) => putAdminEventTx(ctx.store, e))],
      last,
      () => 'Ce barème vient d’être modifié par quelqu’un d’autre : rechargez la page.',
    );
  }
  return { published: done, unchanged };
}

/** Enters (or corrects) one year's table, checked before anything is written. */
export async function publishCeilings(ctx: ServiceContext, caller: Caller, rawYear: string, input: unknown) {
  requireRole(caller, 'admin');
  const year = /^\d{4}$/.test(rawYear) ? Number(rawYear) : Number.NaN;
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw badRequest('Année invalide.', [{ pointer: '/year', detail: 'Année attendue (2000 à 2100)' }]);
  const body = parseOrThrow(ceilingsInput, input);
  const rows: AnahCeilingRow[] = body.rows.map((r) => ({ ...r, year, source: body.source }));
  throwIfInvalid(
    checkCeilingTable(year, rows),
    `Le barème ${year} n’a pas été publié : il contient des erreurs.`,
  );
  return publishTables(ctx, caller, [{ year, rows, source: body.source }], body.reason);
}

/** Imports a CSV in the reference file's layout: every year it holds, each checked; all or nothing. */
export async function importCeilings(ctx: ServiceContext, caller: Caller, input: unknown) {
  requireRole(caller, 'admin');
  const body = parseOrThrow(importCeilingsInput, input);
  const parsed = parseCeilingsCsv(body.csv);
  if (!parsed.ok) throwIfInvalid(parsed.errors, 'Le fichier n’a pas été importé : lignes illisibles.');
  const rows = parsed.ok ? parsed.rows : [];
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const tables = years.map((year) => {
    const of = rows.filter((r) => r.year === year);
    return { year, rows: of, source: of[0]?.source ?? '' };
  });
  const errors = tables.flatMap((t) =>
    checkCeilingTable(t.year, t.rows).map((e) => ({
      pointer: `/${t.year}${e.pointer}`,
      message: `${t.year} : ${e.message}`,
    })),
  );
  throwIfInvalid(errors, 'Le fichier n’a pas été importé : le barème contient des erreurs.');
  return publishTables(ctx, caller, tables, body.reason);
}
