import { makeAdminHandler } from './admin/app.ts';
import { makeApplicationsHandler } from './applications/app.ts';
import { makeAttachmentsHandler } from './attachments/app.ts';
import { makeBureauHandler } from './bureau/app.ts';
import { makeDocumentsHandler } from './documents/app.ts';
import { makeExportsHandler } from './exports/app.ts';
import { makeFinanceHandler } from './finance/app.ts';
import type { AreaHandler } from './http/area.ts';
import type { AreaDeps } from './http/deps.ts';
import { makeImportsHandler } from './imports/app.ts';
import { makeInstructionHandler } from './instruction/app.ts';
import { makeReportsHandler } from './reports/app.ts';
import type { Area } from './routes.ts';
import { makeSystemHandler } from './system/app.ts';

/** Area → handler factory, for the local server (on AWS each area is its own function). */
export const areaFactories: Record<Area, (deps: AreaDeps) => AreaHandler> = {
  system: makeSystemHandler,
  applications: makeApplicationsHandler,
  attachments: makeAttachmentsHandler,
  instruction: makeInstructionHandler,
  bureau: makeBureauHandler,
  finance: makeFinanceHandler,
  exports: makeExportsHandler,
  documents: makeDocumentsHandler,
  reports: makeReportsHandler,
  admin: makeAdminHandler,
  imports: makeImportsHandler,
};
