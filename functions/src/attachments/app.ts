import { listAttachments } from '@aides/services/attachments/attachments';
import {
  confirmUpload,
  deleteAttachment,
  downloadUrl,
  requestUpload,
} from '@aides/services/attachments/files';
import { attachmentView, downloadView, uploadGrantView } from '@aides/services/attachments/views';
import { caller, defineArea, json } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

export const makeAttachmentsHandler = ({ ctx }: AreaDeps) =>
  defineArea('attachments', {
    'POST /api/dossiers/{id}/attachments': async (req) =>
      json(
        201,
        uploadGrantView(await requestUpload(ctx, caller(req), req.params.id ?? '', req.body), caller(req)),
      ),
    'GET /api/dossiers/{id}/attachments': async (req) => {
      const items = await listAttachments(ctx, caller(req), req.params.id ?? '');
      return json(200, { items: items.map((a) => attachmentView(a, caller(req))) });
    },
    'POST /api/dossiers/{id}/attachments/{attachmentId}/confirm': async (req) => {
      const a = await confirmUpload(ctx, caller(req), req.params.id ?? '', req.params.attachmentId ?? '');
      return json(200, attachmentView(a, caller(req)));
    },
    'GET /api/dossiers/{id}/attachments/{attachmentId}/download': async (req) =>
      json(
        200,
        downloadView(await downloadUrl(ctx, caller(req), req.params.id ?? '', req.params.attachmentId ?? '')),
      ),
    'DELETE /api/dossiers/{id}/attachments/{attachmentId}': async (req) => {
      await deleteAttachment(ctx, caller(req), req.params.id ?? '', req.params.attachmentId ?? '');
      return { statusCode: 204 };
    },
  });
