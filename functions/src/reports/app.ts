import { caller, defineArea, json } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

// Each route imports its use case on first use (a chunk of its own, infra/src/lambda-bundling.ts).
export const makeReportsHandler = ({ ctx }: AreaDeps) =>
  defineArea('reports', {
    'GET /api/reports/{year}': async (req) => {
      const { indicatorsCsv, yearlyIndicators } = await import('@aides/services/reports/indicators');
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
    'GET /api/reports/{year}/comparison': async (req) => {
      const { comparisonCsv, yearComparison } = await import('@aides/services/reports/comparison');
      const {
        current: _c,
        previous: _p,
        ...comparison
      } = await yearComparison(ctx, caller(req), req.params.year ?? '');
      if (req.query.format === 'csv') {
        return {
          statusCode: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="indicateurs-${comparison.year}-${comparison.previousYear}.csv"`,
          },
          body: comparisonCsv(comparison),
        };
      }
      return json(200, comparison);
    },
    'GET /api/references/gaps': async (req) => {
      const { referenceGaps } = await import('@aides/services/reports/reference-gaps');
      return json(200, await referenceGaps(ctx, caller(req), req.query));
    },
  });
