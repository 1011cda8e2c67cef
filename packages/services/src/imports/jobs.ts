/**
 * An import's job record and its file's arrival (issue 16.1): creating one (the API's presigned
 * POST, or the web page streaming the file through the server), reading and listing them. Kept
 * apart from the check and the run (./imports.ts) so that the web function, which calls those
 * through the API, carries no file reader (csv-parse, yauzl, saxes).
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Scheme } from '@aides/domain';
import { getImportJob, listImportJobs, saveImportJob } from '@aides/store';
import { objectKeys, presignUpload, uploadStream } from '@aides/store/objects';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { notFound, parseOrThrow } from '../errors.ts';
import { orBadCursor } from '../paging.ts';
import { createImportInput } from './import-input.ts';
import type { ImportJob } from './model.ts';
import type { ImportFormat } from './source-rows.ts';

const UPLOAD_TTL_SECONDS = 15 * 60;
const CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const formatOf = (fileName: string): ImportFormat => (/\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv');
const cleanName = (s: string) => s.replace(/[\p{Cc}\p{Cf}/\\]/gu, '_');

function newJob(ctx: ServiceContext, caller: Caller, scheme: Scheme, fileName: string): ImportJob {
  return {
    id: randomUUID(),
    scheme,
    fileName: cleanName(fileName),
    format: formatOf(fileName),
    status: 'awaiting_file',
    createdAt: ctx.now().toISOString(),
    createdBy: caller.sub,
    createdByName: caller.name,
  };
}

/** A new import and the presigned POST that uploads its file straight to the bucket. */
export async function createImport(ctx: ServiceContext, caller: Caller, input: unknown) {
  requireRole(caller, 'admin');
  const body = parseOrThrow(createImportInput, input);
  const job = newJob(ctx, caller, body.scheme, body.fileName);
  const upload = await presignUpload(ctx.store, {
    key: objectKeys.importUpload(job.id),
    contentType: CONTENT_TYPES[job.format],
    minBytes: 1,
    maxBytes: body.size,
    expiresInSeconds: UPLOAD_TTL_SECONDS,
  });
  await saveImportJob(ctx.store, job);
  return { import: job, upload };
}

/** The web page's way: the file comes through the server, streamed to the bucket. */
export async function uploadImportFile(
  ctx: ServiceContext,
  caller: Caller,
  input: { scheme: unknown; fileName: unknown; body: Readable; size: number },
): Promise<ImportJob> {
  requireRole(caller, 'admin');
  const b = parseOrThrow(createImportInput, {
    scheme: input.scheme,
    fileName: input.fileName,
    size: input.size,
  });
  const job = newJob(ctx, caller, b.scheme, b.fileName);
  await uploadStream(ctx.store, {
    key: objectKeys.importUpload(job.id),
    body: input.body,
    contentType: CONTENT_TYPES[job.format],
  });
  await saveImportJob(ctx.store, job);
  return job;
}

export async function getImport(ctx: ServiceContext, caller: Caller, id: string): Promise<ImportJob> {
  requireRole(caller, 'admin');
  if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound('Import introuvable.');
  const job = await getImportJob<ImportJob>(ctx.store, id);
  if (!job) throw notFound('Import introuvable.');
  return job;
}

export async function listImports(ctx: ServiceContext, caller: Caller, cursor?: string) {
  requireRole(caller, 'admin');
  return orBadCursor(() => listImportJobs<ImportJob>(ctx.store, cursor));
}
