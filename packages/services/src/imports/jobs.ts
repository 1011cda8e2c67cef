/**
 * An import's job records (issue 16.1), read and listed. Kept apart from the file's arrival
 * (./uploads.ts, which needs S3) and from the check and the run (./imports.ts, which read files),
 * so that the web function, which calls those through the API, carries no S3 client and no file
 * reader (csv-parse, yauzl, saxes).
 */
import { getImportJob, listImportJobs } from '@aides/store';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import { notFound } from '../errors.ts';
import { orBadCursor } from '../paging.ts';
import type { ImportJob } from './model.ts';

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
