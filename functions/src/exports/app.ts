import { sessionExtractPdf } from '@aides/services/bureau/extract-pdf';
import { exportToObject } from '@aides/services/finance/exports';
import { caller, defineArea } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

export const makeExportsHandler = ({ ctx }: AreaDeps) =>
  defineArea('exports', {
    // Exports are streamed page by page into an object, then handed out as a short-lived link:
    // a Lambda's response cannot stream through API Gateway, and memory stays flat.
    'GET /api/exports/commitments': async (req) => {
      const { url } = await exportToObject(ctx, caller(req), 'commitments', req.query);
      return { statusCode: 303, headers: { location: url, 'cache-control': 'no-store' } };
    },
    'GET /api/exports/payments': async (req) => {
      const { url } = await exportToObject(ctx, caller(req), 'payments', req.query);
      return { statusCode: 303, headers: { location: url, 'cache-control': 'no-store' } };
    },
    'GET /api/sessions/{sessionId}/extract.pdf': async (req) => {
      const { bytes, fileName } = await sessionExtractPdf(ctx, caller(req), req.params.sessionId ?? '');
      return {
        statusCode: 200,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${fileName}"`,
        },
        body: Buffer.from(bytes).toString('base64'),
        isBase64Encoded: true,
      };
    },
  });
