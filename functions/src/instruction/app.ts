import { staffAttachmentView } from '@aides/services/attachments/views';
import type { Caller } from '@aides/services/caller';
import type { Dossier } from '@aides/services/dossiers/model';
import { dossierView, noteView } from '@aides/services/dossiers/views';
import {
  addNote,
  assign,
  listNotes,
  propose,
  recordVerdict,
  requestDocuments,
} from '@aides/services/instruction/instruction';
import { myQueue, queue, queueCounts } from '@aides/services/instruction/queues';
import { listInstructors } from '@aides/services/people/directory';
import { caller, defineArea, ifMatch, json, withVersion } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

const viewPage = (page: { items: Dossier[]; cursor?: string | undefined }, who: Caller) => ({
  items: page.items.map((d) => dossierView(d, who)),
  ...(page.cursor ? { cursor: page.cursor } : {}),
});

export const makeInstructionHandler = ({ ctx }: AreaDeps) =>
  defineArea('instruction', {
    // A queue page answers the staff view of each dossier, as every other dossier answer does.
    'GET /api/queues': async (req) =>
      json(200, viewPage(await queue(ctx, caller(req), req.query), caller(req))),
    'GET /api/queues/mine': async (req) =>
      json(200, viewPage(await myQueue(ctx, caller(req), req.query), caller(req))),
    'GET /api/queues/counts': async (req) => json(200, await queueCounts(ctx, caller(req), req.query.scheme)),
    'GET /api/instructors': async (req) => json(200, { items: await listInstructors(ctx, caller(req)) }),
    'POST /api/dossiers/{id}/assign': async (req) => {
      const d = await assign(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'PUT /api/dossiers/{id}/attachments/{attachmentId}/verdict': async (req) =>
      json(
        200,
        staffAttachmentView(
          await recordVerdict(ctx, caller(req), req.params.id ?? '', req.params.attachmentId ?? '', req.body),
        ),
      ),
    'POST /api/dossiers/{id}/request-documents': async (req) => {
      const d = await requestDocuments(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'GET /api/dossiers/{id}/notes': async (req) =>
      json(200, { items: (await listNotes(ctx, caller(req), req.params.id ?? '')).map(noteView) }),
    'POST /api/dossiers/{id}/notes': async (req) =>
      json(201, noteView(await addNote(ctx, caller(req), req.params.id ?? '', req.body))),
    'POST /api/dossiers/{id}/propose': async (req) => {
      const d = await propose(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
  });
