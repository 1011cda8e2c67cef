import {
  checkQpvLines,
  loadAgglomerationCommunes,
  QPV_CSV_COLUMNS,
  QPV_GENERATIONS,
  type QpvGeneration,
  type QpvImportIssue,
  type QpvImportLine,
  type QpvList,
} from '@aides/domain';
import { getQpvLists, putQpvListTx } from '@aides/store';
import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { badRequest, parseOrThrow } from '../errors.ts';
import { type AuditChange, newAdminEvent, reasonField, writeAdminChange } from './events.ts';

/**
 * QPV lists by generation (issue 15.3): an admin imports each generation's official list for the
 * agglomeration, with a dry run that reports every line; the list in force on a dossier's filing
 * date is the one eligibility and the report use (services/rule-sets.ts).
 */
export const importQpvListInput = z.object({
  csv: z
    .string({ error: 'Contenu CSV attendu' })
    .min(1, 'Fichier vide')
    // The API takes request bodies of 256 KB at most (functions/src/http/area.ts): this limit is
    // the one a file sent through it can reach, and says so on the field.
    .max(200_000, 'Fichier trop volumineux (200 000 caractères au plus)'),
  source: z
    .string({ error: 'Source obligatoire' })
    .trim()
    .min(3, 'Source obligatoire (publication, fichier et date)')
    .max(500, 'Source trop longue'),
  reason: reasonField,
  /** Checks and reports, writes nothing. */
  dryRun: z.boolean({ error: 'Vrai ou faux attendu' }).default(false),
});

export interface QpvView {
  code: string;
  name: string;
  communes: { insee: string; name: string }[];
}

export interface QpvListView {
  generation: QpvGeneration;
  decree: string;
  validFrom: string;
  validTo: string | null;
  imported: boolean;
  demonstration: boolean;
  source: string;
  qpv: QpvView[];
}

export interface QpvImportReport {
  generation: QpvGeneration;
  dryRun: boolean;
  written: boolean;
  lines: number;
  qpv: QpvView[];
  issues: QpvImportIssue[];
}

const communeName = (insee: string) =>
  loadAgglomerationCommunes().find((c) => c.insee === insee)?.name ?? insee;
const viewOf = (q: { code: string; name: string; communes: readonly string[] }): QpvView => ({
  code: q.code,
  name: q.name,
  communes: q.communes.map((insee) => ({ insee, name: communeName(insee) })),
});

/** Each generation with its decree, validity and the list imported for it (if any). */
export async function listQpvLists(ctx: ServiceContext, caller: Caller): Promise<QpvListView[]> {
  requireRole(caller, 'admin');
  const lists = (await getQpvLists(ctx.store)) as QpvList[];
  return (Object.keys(QPV_GENERATIONS) as QpvGeneration[]).map((generation) => {
    const rule = QPV_GENERATIONS[generation];
    const list = lists.find((l) => l.generation === generation);
    return {
      generation,
      decree: rule.decree,
      validFrom: rule.validFrom,
      validTo: rule.validTo,
      imported: Boolean(list),
      demonstration: list?.demonstration ?? false,
      source: list?.source ?? '',
      qpv: (list?.qpv ?? []).map(viewOf),
    };
  });
}

/** Reads the official layout (see domain/reference/qpv-lists.ts) with the file's line numbers. */
function readCsv(text: string): { lines: QpvImportLine[]; issues: QpvImportIssue[] } {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: [';', ','],
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return {
      lines: [],
      issues: [{ line, column: '', message: 'Fichier CSV illisible à cette ligne (guillemets ?).' }],
    };
  }
  const header =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0]
      ?.toLowerCase() ?? '';
  const missing = Object.values(QPV_CSV_COLUMNS).filter(
    (c) =>
      !header
        .split(/[;,]/)
        .map((h) => h.trim())
        .includes(c),
  );
  if (missing.length > 0)
    return {
      lines: [],
      issues: missing.map((column) => ({
        line: 1,
        column,
        message: `Colonne « ${column} » absente de la ligne d’en-tête.`,
      })),
    };
  const lines = records.map(({ record, info }) => ({
    line: info.lines,
    code: (record[QPV_CSV_COLUMNS.code] ?? '').toUpperCase(),
    name: record[QPV_CSV_COLUMNS.name] ?? '',
    communeInsee: record[QPV_CSV_COLUMNS.commune] ?? '',
  }));
  return {
    lines,
    issues: lines.length
      ? []
      : [{ line: 2, column: '', message: 'Aucune ligne de quartier après l’en-tête.' }],
  };
}

function changesOf(before: QpvList | undefined, after: QpvList): AuditChange[] {
  const codes = (l: QpvList | undefined) => (l?.qpv ?? []).map((q) => `${q.code} ${q.name}`).sort();
  const out: AuditChange[] = [
    {
      field: 'Liste',
      before: before
        ? `${before.qpv.length} quartier(s)${before.demonstration ? ', démonstration' : ''}`
        : 'aucune',
      after: `${after.qpv.length} quartier(s)`,
    },
  ];
  const b = codes(before).join(' ; ');
  const a = codes(after).join(' ; ');
  if (b !== a) out.push({ field: 'Quartiers', before: b || '—', after: a });
  if ((before?.source ?? '') !== after.source)
    out.push({ field: 'Source', before: before?.source || '—', after: after.source });
  return out;
}

/**
 * Imports a generation's list: a dry run reports every line and writes nothing; a real run writes
 * the whole list (replacing the previous one of that generation, demonstration included) and its
 * audit event in one transaction, or nothing if any line is wrong.
 */
export async function importQpvList(
  ctx: ServiceContext,
  caller: Caller,
  rawGeneration: string,
  input: unknown,
): Promise<QpvImportReport> {
  requireRole(caller, 'admin');
  if (!(rawGeneration in QPV_GENERATIONS))
    throw badRequest('Génération inconnue.', [
      { pointer: '/generation', detail: 'Génération 2015 ou 2024 attendue' },
    ]);
  const generation = rawGeneration as QpvGeneration;
  const body = parseOrThrow(importQpvListInput, input);
  const read = readCsv(body.csv);
  const checked = checkQpvLines(generation, read.lines, loadAgglomerationCommunes());
  const issues = [...read.issues, ...checked.issues].sort((x, y) => x.line - y.line);
  const report: QpvImportReport = {
    generation,
    dryRun: body.dryRun,
    written: false,
    lines: read.lines.length,
    qpv: checked.qpv.map(viewOf),
    issues,
  };
  if (body.dryRun) return report;
  if (issues.length > 0)
    throw badRequest(
      `La liste n’a pas été importée : ${issues.length} ligne(s) à corriger.`,
      issues.map((i) => ({
        pointer: '/csv',
        detail: `Ligne ${i.line}${i.column ? ` (${i.column})` : ''} : ${i.message}`,
      })),
    );
  const before = ((await getQpvLists(ctx.store)) as QpvList[]).find((l) => l.generation === generation);
  const list: QpvList = { generation, qpv: checked.qpv, source: body.source, demonstration: false };
  await writeAdminChange(
    ctx,
    [putQpvListTx(ctx.store, { ...list, importedAt: ctx.now().toISOString(), importedBy: caller.sub })],
    newAdminEvent(ctx, caller, {
      type: 'qpv_list_imported',
      subject: `Quartiers prioritaires, génération ${generation} (${QPV_GENERATIONS[generation].decree})`,
      why: body.reason,
      changes: changesOf(before, list),
    }),
    () => 'Cette liste vient d’être modifiée par quelqu’un d’autre : rechargez la page.',
  );
  return { ...report, written: true };
}
