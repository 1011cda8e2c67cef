/**
 * An import's file arrives (issue 16.1): a new job record and the presigned POST its file is sent
 * with (the API, and the web page forwarding its form's file), or the file streamed to the bucket
 * by the caller (scripts and tests).
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Scheme } from '@aides/domain';
import { saveImportJob } from '@aides/store';
import { objectKeys, presignUpload, uploadStream } from '@aides/store/objects';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { parseOrThrow } from '../errors.ts';
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

/** For scripts and tests (the import bench): the file streamed to the bucket by the caller. */
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
