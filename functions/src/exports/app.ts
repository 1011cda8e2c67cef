import { caller, defineArea } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

// The writers (CSV, XLSX and its zip) load on the first request: a chunk of their own, kept out of
// the cold start (infra/src/lambda-bundling.ts).
const exportToObject: typeof import('@aides/services/finance/exports').exportToObject = async (...a) =>
  (await import('@aides/services/finance/exports')).exportToObject(...a);
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
  });
