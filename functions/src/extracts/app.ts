import { caller, defineArea } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

// pdf-lib loads on the first request: a chunk of its own, kept out of the cold start
// (infra/src/lambda-bundling.ts).
const sessionExtractPdf: typeof import('@aides/services/bureau/extract-pdf').sessionExtractPdf = async (
  ...a
) => (await import('@aides/services/bureau/extract-pdf')).sessionExtractPdf(...a);

/** The deliberation extract of a Bureau session, rendered as a PDF and answered inline. */
export const makeExtractsHandler = ({ ctx }: AreaDeps) =>
  defineArea('extracts', {
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
