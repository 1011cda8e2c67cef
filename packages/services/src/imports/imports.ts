import type { Readable } from 'node:stream';
import {
  checkDossierRows,
  groupDossierRows,
  type ImportedDossier,
  type ImportIssue,
  type RowGroup,
  type RuleSet,
  readHeader,
  type SourceRow,
} from '@aides/domain';
import { readReferenceClaims, saveImportJob } from '@aides/store';
import { copyObject, getObjectStream, headObject, objectKeys } from '@aides/store/objects';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { conflict, unprocessable } from '../errors.ts';
import { loadRuleSets } from '../rule-sets.ts';
import { csvRecordsFrom } from './csv-offsets.ts';
import { MAX_IMPORT_BYTES } from './import-input.ts';
import { getImport } from './jobs.ts';
import { type ImportCheck, type ImportJob, type ImportRun, MAX_ISSUES_KEPT } from './model.ts';
import { readRecords, toSourceRows, UnreadableFileError } from './source-rows.ts';
import {
  type DossierToWrite,
  type EnvelopeCache,
  itemsOfDossier,
  MAX_TRANSACTION_ITEMS,
  type SessionCache,
  sessionFor,
  writeImportedDossiers,
} from './write-dossier.ts';

/**
 * Import of earlier years' dossiers (issue 16.1), for admins only: an import writes dossiers,
 * Bureau decisions, commitments, payments and envelopes at once, past the instruction and the
 * Bureau, which no other role may do. Finance reads the result (reports, exports, envelopes).
 *
 * 1. `createImport` (API and web page: a presigned POST, for files up to 50 MB) or
 *    `uploadImportFile` (scripts and tests: the file streamed by the caller) puts the file in the bucket;
 * 2. `checkImport` (dry run) copies it to a key no grant names, reads it as a stream, checks every
 *    row and reports each problem (row, column, French message): nothing else is written;
 * 3. `runImport` writes each valid dossier in its own transaction, skipping those already there;
 *    it works for a time budget (an API request: 20 s) and says where it stopped: calling it
 *    again goes on from there. A second run of the same file adds nothing.
 */

/** The time one request may spend importing (API Gateway answers after 30 s at most). */
export const RUN_BUDGET_MS = 20_000;

// Creating, uploading, reading and listing imports: their own module (./jobs.ts), which the web's
// pages import without the file readers (csv-parse, yauzl, saxes); checks and runs go through the API.
export { getImport, listImports } from './jobs.ts';
export { createImport, uploadImportFile } from './uploads.ts';

/** Keeps the first problems, counts them all. */
function issueSink(into: { issues: ImportIssue[]; issuesTotal: number }) {
  return (issue: ImportIssue) => {
    into.issuesTotal += 1;
    if (into.issues.length < MAX_ISSUES_KEPT) into.issues.push(issue);
  };
}

/** The file's dossiers, checked, a hundred at a time (one BatchGet of their reference claims each). */
async function* checkedBatches(
  ctx: ServiceContext,
  job: ImportJob,
  report: (i: ImportIssue) => void,
  afterRow: number,
  source?: RunSource,
) {
  if (source) {
    yield* checkedRecords(ctx, job, report, afterRow, source.records, source.firstRow);
    return job.sha256;
  }
  const body = await getObjectStream(ctx.store, objectKeys.importChecked(job.id));
  if (!body) throw unprocessable('Fichier introuvable dans le stockage.');
  const { records, sha256, close } = readRecords(body as Readable, job.format);
  try {
    yield* checkedRecords(ctx, job, report, afterRow, records);
    return sha256();
  } finally {
    close();
  }
}

async function* checkedRecords(
  ctx: ServiceContext,
  job: ImportJob,
  report: (i: ImportIssue) => void,
  afterRow: number,
  records: AsyncGenerator<string[]>,
  firstRow = 2,
) {
  const head = await records.next();
  const header = readHeader(job.scheme, head.done ? [] : head.value);
  if (!header.ok) {
    for (const i of header.issues) report(i);
    // Read to the end all the same: the checksum covers the file.
    for await (const _ of records) {
      // skipped
    }
    return;
  }
  const today = ctx.now().toISOString().slice(0, 10);
  let batch: { group: RowGroup & { rows: SourceRow[] }; dossier?: ImportedDossier; issues: ImportIssue[] }[] =
    [];
  const flush = async () => {
    const refs = batch.flatMap((b) => (b.dossier ? [b.dossier.reference] : []));
    const claims = refs.length ? await readReferenceClaims(ctx.store, refs) : new Map();
    const out = batch.map((b) => ({ ...b, present: b.dossier ? claims.has(b.dossier.reference) : false }));
    batch = [];
    return out;
  };
  for await (const g of groupDossierRows(toSourceRows(records, header.columns, firstRow))) {
    if ('issue' in g) {
      if (g.issue.row > afterRow) report(g.issue);
      continue;
    }
    // A slice that resumes skips what earlier slices did without checking it again.
    if ((g.rows.at(-1)?.row ?? 0) <= afterRow) continue;
    const checked = checkDossierRows(job.scheme, g.rows, today);
    batch.push(
      checked.ok ? { group: g, dossier: checked.dossier, issues: [] } : { group: g, issues: checked.issues },
    );
    if (batch.length >= 100) yield await flush();
  }
  if (batch.length) yield await flush();
}

async function runBatches(
  ctx: ServiceContext,
  job: ImportJob,
  report: (i: ImportIssue) => void,
  each: (b: {
    group: { rows: SourceRow[] };
    dossier?: ImportedDossier;
    issues: ImportIssue[];
    present: boolean;
  }) => Promise<boolean>,
  afterRow = 1,
  source?: RunSource,
): Promise<string | undefined> {
  const gen = checkedBatches(ctx, job, report, afterRow, source);
  try {
    for (;;) {
      const next = await gen.next();
      if (next.done) return next.value;
      for (const b of next.value) if (!(await each(b))) return undefined;
    }
  } catch (e) {
    if (e instanceof UnreadableFileError) {
      report({ row: 0, message: e.message });
      return undefined;
    }
    throw e;
  } finally {
    await gen.return(undefined);
  }
}

/** The header, then the rows from `firstRow` on (a slice that resumes). */
interface RunSource {
  readonly records: AsyncGenerator<string[]>;
  readonly firstRow: number;
}

/**
 * The real run's CSV rows: the header (the file's first record), then the rows after the cursor,
 * read from the byte where the last slice stopped (a ranged GET; csv-offsets.ts) rather than from
 * the top. `rowEnds` learns where each row read ends, for the cursor. XLSX, a zip, cannot be read
 * from the middle: its slices read it again from the top and skip what is done.
 */
function csvRunSource(
  ctx: ServiceContext,
  job: ImportJob,
  run: ImportRun,
  rowEnds: Map<number, number>,
): RunSource {
  const key = objectKeys.importChecked(job.id);
  const resume = run.cursorByte !== undefined && run.cursorRow > 1;
  const records = (async function* () {
    const head = await getObjectStream(ctx.store, key);
    if (!head) throw unprocessable('Fichier introuvable dans le stockage.');
    let headerEnd = 0;
    for await (const r of csvRecordsFrom(head as Readable, {
      startByte: 0,
      ...(run.encoding ? { encoding: run.encoding } : {}),
      onEncoding: (e) => {
        run.encoding = e;
      },
    })) {
      yield r.cells;
      headerEnd = r.endByte;
      break; // the header only: the stream is let go
    }
    rowEnds.set(1, headerEnd);
    const from = resume ? (run.cursorByte as number) : headerEnd;
    if (headerEnd === 0 || from >= (job.sizeBytes ?? Number.POSITIVE_INFINITY)) return;
    const body = await getObjectStream(ctx.store, key, from);
    if (!body) throw unprocessable('Fichier introuvable dans le stockage.');
    let row = resume ? run.cursorRow + 1 : 2;
    for await (const r of csvRecordsFrom(body as Readable, {
      startByte: from,
      ...(run.encoding ? { encoding: run.encoding } : {}),
    })) {
      rowEnds.set(row, r.endByte);
      row += 1;
      yield r.cells;
    }
  })();
  return { records, firstRow: resume ? run.cursorRow + 1 : 2 };
}

/**
 * The dry run: checks every row and says, per row and column, what is wrong, and how many dossiers
 * a run would write or skip. Writes nothing but the import's own report (and the checked copy).
 */
export async function checkImport(ctx: ServiceContext, caller: Caller, id: string): Promise<ImportJob> {
  const job = await getImport(ctx, caller, id);
  if (job.status === 'running') throw conflict('Import en cours : attendez qu’il se termine.');
  if (job.status === 'awaiting_file' || !job.sha256) {
    const uploaded = await headObject(ctx.store, objectKeys.importUpload(job.id));
    if (!uploaded) throw conflict('Le fichier n’a pas encore été déposé.');
    if (uploaded.size > MAX_IMPORT_BYTES) throw unprocessable('Fichier trop gros : 50 Mo au plus.');
    // From now on the run reads this copy, which no upload grant can replace.
    await copyObject(ctx.store, {
      from: objectKeys.importUpload(job.id),
      to: objectKeys.importChecked(job.id),
    });
    job.sizeBytes = uploaded.size;
  }
  const check: ImportCheck = {
    at: ctx.now().toISOString(),
    rows: 0,
    dossiers: 0,
    toImport: 0,
    alreadyPresent: 0,
    invalid: 0,
    issues: [],
    issuesTotal: 0,
  };
  const report = issueSink(check);
  const sha = await runBatches(ctx, job, report, async (b) => {
    check.rows += b.group.rows.length;
    check.dossiers += 1;
    if (b.issues.length) {
      check.invalid += 1;
      for (const i of b.issues) report(i);
    } else if (b.present) {
      check.alreadyPresent += 1;
      report({
        row: b.group.rows[0]?.row ?? 0,
        message: `Référence ${b.dossier?.reference} déjà présente (importée auparavant ou attribuée) : le dossier sera ignoré`,
      });
    } else check.toImport += 1;
    return true;
  });
  const checked: ImportJob = { ...job, check, status: job.status === 'done' ? 'done' : 'checked' };
  if (sha) checked.sha256 = sha;
  await saveImportJob(ctx.store, checked);
  return checked;
}

/** The rule set in force on the filing date (kept on the dossier, as a filing would). */
function ruleSetOn(ruleSets: RuleSet[], day: string): RuleSet | undefined {
  return ruleSets
    .filter((r) => r.effectiveFrom <= day)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/**
 * The real run, for at most `budgetMs`: each valid dossier not yet in the table is written in its
 * own transaction (all or nothing); invalid ones and those already present are skipped and
 * counted. Progress is saved with the import, so a call after a stop (budget spent, or a crash)
 * goes on after the last row handled.
 */
export async function runImport(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  options: { budgetMs?: number } = {},
): Promise<ImportJob> {
  const job = await getImport(ctx, caller, id);
  if (!job.check || !job.sha256) throw conflict('Faites d’abord l’essai (vérification) de ce fichier.');
  if (job.status === 'done') return job;
  const started = Date.now();
  // IMPORT_SLICE_MS: shorter slices (a browser test of the page chaining them), never longer.
  const budget =
    options.budgetMs ?? Math.min(RUN_BUDGET_MS, Number(process.env.IMPORT_SLICE_MS) || RUN_BUDGET_MS);
  const now = ctx.now().toISOString();
  const run: ImportRun = job.run ?? {
    startedAt: now,
    updatedAt: now,
    cursorRow: 1,
    created: 0,
    alreadyPresent: 0,
    invalid: 0,
    failed: 0,
    issues: [],
    issuesTotal: 0,
  };
  const report = issueSink(run);
  const sessions: SessionCache = new Map();
  const envelopes: EnvelopeCache = new Map();
  const counters = new Map<string, number>();
  /** Where each row read ends in the file (CSV): the cursor's byte, for the next slice. */
  const rowEnds = new Map<number, number>();
  const moveCursor = (row: number) => {
    run.cursorRow = row;
    if (job.format !== 'csv') return;
    const end = rowEnds.get(row);
    if (end !== undefined) run.cursorByte = end;
    for (const r of rowEnds.keys()) {
      if (r > row) break;
      rowEnds.delete(r);
    }
  };
  const ruleSets = await loadRuleSets(ctx, job.scheme);
  let sinceSave = 0;
  let handled = 0;
  const save = async (status: ImportJob['status']) => {
    run.updatedAt = ctx.now().toISOString();
    await saveImportJob(ctx.store, { ...job, status, run });
  };
  await save('running');
  const sha = job.sha256;
  /** Valid dossiers waiting for their group's transaction, and their first rows. */
  let group: { entry: DossierToWrite; first: number }[] = [];
  let groupItems = 0;
  /** The last row handled (its dossier written, skipped or counted): the cursor once written. */
  let lastHandled = run.cursorRow;
  /** The longest a group's transaction took: the slice stops early enough to write its last group. */
  let slowestWrite = 0;
  const writeGroup = async () => {
    const w0 = Date.now();
    const outcomes = await writeImportedDossiers(
      ctx,
      caller,
      group.map((g) => g.entry),
      { envelopes, counters },
    );
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'created') run.created += 1;
      else if (outcome.kind === 'present') run.alreadyPresent += 1;
      else {
        run.failed += 1;
        report({ row: group[i]?.first ?? 0, message: outcome.message });
      }
    });
    group = [];
    groupItems = 0;
    slowestWrite = Math.max(slowestWrite, Date.now() - w0);
    moveCursor(lastHandled);
    if (sinceSave >= 500) {
      sinceSave = 0;
      await save('running');
    }
  };
  let unreadable: string | undefined;
  const finished = await runBatches(
    ctx,
    job,
    (i) => {
      // Header problems were reported by the dry run; rows are reported below as they are met.
      // A file that cannot be read (row 0) stops the run with an error, not a silent « running »
      // that the page would send again and again.
      if (i.row === 0) unreadable = i.message;
    },
    async (b) => {
      const first = b.group.rows[0]?.row ?? 0;
      const last = b.group.rows.at(-1)?.row ?? first;
      if (last <= run.cursorRow) return true;
      // At least one dossier per call, so that every call moves on.
      // The group still to write counts against the budget (its transaction as long as the slowest).
      if (handled > 0 && Date.now() - started + (group.length > 0 ? slowestWrite : 0) > budget) return false;
      handled += 1;
      if (b.issues.length || !b.dossier) {
        run.invalid += 1;
        for (const i of b.issues) report(i);
      } else if (b.present) {
        run.alreadyPresent += 1;
      } else {
        const d = b.dossier;
        const session = await sessionFor(ctx, caller, sessions, d.session, true);
        if (session && session.date !== d.session.date) {
          run.failed += 1;
          report({
            row: first,
            column: 'Date de séance',
            message: `La séance n° ${d.session.number} existe déjà, datée du ${session.date.split('-').reverse().join('/')}`,
          });
        } else if (!session) {
          run.failed += 1;
          report({ row: first, column: 'N° de séance', message: 'Séance introuvable ni créée' });
        } else {
          const size = itemsOfDossier(d);
          // A dossier that would not fit goes into the next transaction.
          if (group.length > 0 && groupItems + size > MAX_TRANSACTION_ITEMS) await writeGroup();
          group.push({
            first,
            entry: {
              dossier: d,
              session,
              ruleSet: ruleSetOn(ruleSets, d.filingDate),
              from: {
                importId: job.id,
                fileName: job.fileName,
                sha256: sha,
                rows: [...d.rows],
                at: now,
                by: caller.sub,
              },
            },
          });
          groupItems += size;
        }
      }
      lastHandled = last;
      sinceSave += 1;
      if (group.length === 0) {
        moveCursor(last);
        if (sinceSave >= 500) {
          sinceSave = 0;
          await save('running');
        }
      }
      return true;
    },
    run.cursorRow,
    job.format === 'csv' ? csvRunSource(ctx, job, run, rowEnds) : undefined,
  );
  // What the last group holds is written before the cursor moves past it.
  if (group.length > 0) await writeGroup();
  if (finished !== undefined) run.finishedAt = ctx.now().toISOString();
  await save(finished !== undefined ? 'done' : 'running');
  if (unreadable) throw unprocessable(unreadable);
  return { ...job, status: finished !== undefined ? 'done' : 'running', run };
}
