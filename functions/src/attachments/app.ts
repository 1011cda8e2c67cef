import {
  confirmUpload,
  deleteAttachment,
  downloadUrl,
  listAttachments,
  requestUpload,
} from '@aides/services/attachments/attachments';
import { caller, defineArea, json } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

export const makeAttachmentsHandler = ({ ctx }: AreaDeps) =>
  defineArea('attachments', {
    'POST /api/dossiers/{id}/attachments': async (req) =>
      json(201, await requestUpload(ctx, caller(req), req.params.id ?? '', req.body)),
    'GET /api/dossiers/{id}/attachments': async (req) =>
      json(200, { items: await listAttachments(ctx, caller(req), req.params.id ?? '') }),
    'POST /api/dossiers/{id}/attachments/{attachmentId}/confirm': async (req) =>
      json(200, await confirmUpload(ctx, caller(req), req.params.id ?? '', req.params.attachmentId ?? '')),
    'GET /api/dossiers/{id}/attachments/{attachmentId}/download': async (req) =>
      json(200, await downloadUrl(ctx, caller(req), req.params.id ?? '', req.params.attachmentId ?? '')),
    'DELETE /api/dossiers/{id}/attachments/{attachmentId}': async (req) => {
      await deleteAttachment(ctx, caller(req), req.params.id ?? '', req.params.attachmentId ?? '');
      return { statusCode: 204 };
    },
  });
