import { caller, defineArea, json } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

// The use cases (and with them csv-parse and exceljs) load with the first request that needs them.
const imports = () => import('@aides/services/imports/imports');

export const makeImportsHandler = ({ ctx }: AreaDeps) =>
  defineArea('imports', {
    'POST /api/imports': async (req) => {
      const { createImport } = await imports();
      return json(201, await createImport(ctx, caller(req), req.body));
    },
    'GET /api/imports': async (req) => {
      const { listImports } = await imports();
      return json(200, await listImports(ctx, caller(req), req.query.cursor));
    },
    'GET /api/imports/{importId}': async (req) => {
      const { getImport } = await imports();
      return json(200, await getImport(ctx, caller(req), req.params.importId ?? ''));
    },
    'POST /api/imports/{importId}/check': async (req) => {
      const { checkImport } = await imports();
      return json(200, await checkImport(ctx, caller(req), req.params.importId ?? ''));
    },
    'POST /api/imports/{importId}/run': async (req) => {
      const { runImport } = await imports();
      return json(200, await runImport(ctx, caller(req), req.params.importId ?? ''));
    },
  });
