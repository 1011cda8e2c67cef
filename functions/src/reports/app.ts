import { indicatorsCsv, yearlyIndicators } from '@aides/services/reports/indicators';
import { referenceGaps } from '@aides/services/reports/reference-gaps';
import { caller, defineArea, json } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

export const makeReportsHandler = ({ ctx }: AreaDeps) =>
  defineArea('reports', {
    'GET /api/reports/{year}': async (req) => {
      const report = await yearlyIndicators(ctx, caller(req), req.params.year ?? '');
      if (req.query.format === 'csv') {
        return {
          statusCode: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="indicateurs-${report.year}.csv"`,
          },
          body: indicatorsCsv(report),
        };
      }
      return json(200, report);
    },
    'GET /api/references/gaps': async (req) => json(200, await referenceGaps(ctx, caller(req), req.query)),
  });
