import { type ApiResult, caller, defineArea, json } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

// The official documents (acknowledgements, decision letters, payment notices, the deliberation
// extract) are made here and only here: pdfmake, pdfkit and fontkit load with the first request
// that renders one, in chunks of their own (infra/src/lambda-bundling.ts), and no other function
// carries them.
const extracts = () => import('@aides/services/bureau/extract-pdf');
const issue = () => import('@aides/services/letters/issue');
const list = () => import('@aides/services/letters/list');
// The personal-data export: a ZIP with a PDF of each dossier, for the web's « Mes données » and
// the admin's export for a named person (the web function renders no PDF).
const personal = () => import('@aides/services/privacy/personal-export');
const seeOther = (url: string): ApiResult => ({
  statusCode: 303,
  headers: { location: url, 'cache-control': 'no-store' },
});

/** A PDF answered as an attachment, by its name (ASCII fallback and UTF-8 name, RFC 6266). */
function pdf(bytes: Uint8Array, fileName: string, headers: Record<string, string> = {}): ApiResult {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'private, no-store',
      ...headers,
    },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
}

export const makeDocumentsHandler = ({ ctx }: AreaDeps) =>
  defineArea('documents', {
    'GET /api/sessions/{sessionId}/extract.pdf': async (req) => {
      const { sessionExtractPdf } = await extracts();
      const { bytes, fileName, final } = await sessionExtractPdf(
        ctx,
        caller(req),
        req.params.sessionId ?? '',
      );
      return pdf(bytes, fileName, { 'x-document-status': final ? 'final' : 'projet' });
    },
    'GET /api/dossiers/{id}/letters': async (req) => {
      const { listDossierLetters, letterListingView } = await list();
      const letters = await listDossierLetters(ctx, caller(req), req.params.id ?? '');
      return json(200, { items: letters.map(letterListingView) });
    },
    'GET /api/dossiers/{id}/letters/{letterId}': async (req) => {
      const { issueLetter } = await issue();
      const { record, bytes } = await issueLetter(
        ctx,
        caller(req),
        req.params.id ?? '',
        req.params.letterId ?? '',
      );
      return pdf(bytes, record.fileName, { etag: `"${record.sha256}"` });
    },
    'POST /api/me/personal-data-export': async (req) => {
      const { exportMyData } = await personal();
      return seeOther((await exportMyData(ctx, caller(req))).url);
    },
    'POST /api/admin/personal-data-exports': async (req) => {
      const { exportPersonData } = await personal();
      return seeOther((await exportPersonData(ctx, caller(req), req.body)).url);
    },
  });
