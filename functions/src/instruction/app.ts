import type { Caller } from '@aides/services/caller';
import type { Dossier } from '@aides/services/dossiers/model';
import type { dossierView as DossierView } from '@aides/services/dossiers/views';
import { caller, defineArea, ifMatch, json, withVersion } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

// Each route imports its use cases on first use (chunks of their own, infra/src/lambda-bundling.ts):
// a cold start that lists a queue does not parse the instruction schemas and rule sets.
const instruction = () => import('@aides/services/instruction/instruction');
const queues = () => import('@aides/services/instruction/queues');
const views = () => import('@aides/services/dossiers/views');
const notifications = () => import('@aides/services/notifications/staff');

const viewPage = (
  page: { items: Dossier[]; cursor?: string | undefined },
  who: Caller,
  dossierView: typeof DossierView,
) => ({
  items: page.items.map((d) => dossierView(d, who)),
  ...(page.cursor ? { cursor: page.cursor } : {}),
});

export const makeInstructionHandler = ({ ctx }: AreaDeps) =>
  defineArea('instruction', {
    // A queue page answers the staff view of each dossier, as every other dossier answer does.
    'GET /api/queues': async (req) => {
      const [{ queue }, { dossierView }] = await Promise.all([queues(), views()]);
      return json(200, viewPage(await queue(ctx, caller(req), req.query), caller(req), dossierView));
    },
    'GET /api/queues/mine': async (req) => {
      const [{ myQueue }, { dossierView }] = await Promise.all([queues(), views()]);
      return json(200, viewPage(await myQueue(ctx, caller(req), req.query), caller(req), dossierView));
    },
    'GET /api/queues/counts': async (req) => {
      const { queueCounts } = await queues();
      return json(200, await queueCounts(ctx, caller(req), req.query.scheme));
    },
    // Notifications by e-mail (issue 13 §2)
    'GET /api/me/notifications': async (req) => {
      const { getMyNotificationPreferences } = await notifications();
      return json(200, await getMyNotificationPreferences(ctx, caller(req)));
    },
    'PUT /api/me/notifications': async (req) => {
      const { setMyNotificationPreferences } = await notifications();
      return json(200, await setMyNotificationPreferences(ctx, caller(req), req.body));
    },
    'GET /api/notifications/failed': async (req) => {
      const { listFailedNotificationsFor } = await notifications();
      const page = await listFailedNotificationsFor(ctx, caller(req), req.query.cursor);
      return json(200, { items: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) });
    },
    'POST /api/dossiers/{id}/notifications/{notificationId}/retry': async (req) => {
      const { retryFailedNotification } = await notifications();
      await retryFailedNotification(ctx, caller(req), req.params.id ?? '', req.params.notificationId ?? '');
      return { statusCode: 204 };
    },
    'GET /api/instructors': async (req) => {
      const { listInstructors } = await import('@aides/services/people/directory');
      return json(200, { items: await listInstructors(ctx, caller(req)) });
    },
    'POST /api/dossiers/{id}/assign': async (req) => {
      const [{ assign }, { dossierView }] = await Promise.all([instruction(), views()]);
      const d = await assign(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'PUT /api/dossiers/{id}/attachments/{attachmentId}/verdict': async (req) => {
      const [{ recordVerdict }, { staffAttachmentView }] = await Promise.all([
        instruction(),
        import('@aides/services/attachments/views'),
      ]);
      return json(
        200,
        staffAttachmentView(
          await recordVerdict(ctx, caller(req), req.params.id ?? '', req.params.attachmentId ?? '', req.body),
        ),
      );
    },
    'POST /api/dossiers/{id}/request-documents': async (req) => {
      const [{ requestDocuments }, { dossierView }] = await Promise.all([instruction(), views()]);
      const d = await requestDocuments(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'GET /api/dossiers/{id}/notes': async (req) => {
      const [{ listNotes }, { noteView }] = await Promise.all([instruction(), views()]);
      return json(200, { items: (await listNotes(ctx, caller(req), req.params.id ?? '')).map(noteView) });
    },
    'POST /api/dossiers/{id}/notes': async (req) => {
      const [{ addNote }, { noteView }] = await Promise.all([instruction(), views()]);
      return json(201, noteView(await addNote(ctx, caller(req), req.params.id ?? '', req.body)));
    },
    'POST /api/dossiers/{id}/location': async (req) => {
      const [{ confirmTpeLocation }, { dossierView }] = await Promise.all([
        import('@aides/services/instruction/location'),
        views(),
      ]);
      const d = await confirmTpeLocation(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'POST /api/dossiers/{id}/propose': async (req) => {
      const [{ propose }, { dossierView }] = await Promise.all([instruction(), views()]);
      const d = await propose(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
  });
