/**
 * Which successful API calls count as a business event, by route key. The middleware in
 * `http/area.ts` counts them (namespace `Aides`, no extra dimension) next to the 4xx/5xx counts by
 * route; the dashboard (infra/src/monitoring.ts) reads the same names. Commitments are made by an
 * approving Bureau decision: `bureau/app.ts` counts them from the decision's outcome.
 * (No route sends notifications yet: there is no notifications metric to count.)
 */
export const BUSINESS_METRICS = {
  'POST /api/dossiers/{id}/submit': 'Filings',
  'POST /api/sessions/{sessionId}/decisions': 'Decisions',
  'POST /api/dossiers/{id}/payments': 'Payments',
  'GET /api/exports/commitments': 'Exports',
  'GET /api/exports/payments': 'Exports',
  'GET /api/sessions/{sessionId}/extract.pdf': 'Extracts',
  'GET /api/dossiers/{id}/letters/{letterId}': 'Letters',
} as const satisfies Record<string, string>;

export const COMMITMENTS_METRIC = 'Commitments';

/** Every business metric name, for the dashboard. */
export const BUSINESS_METRIC_NAMES = [...new Set(Object.values(BUSINESS_METRICS)), COMMITMENTS_METRIC];

export const businessMetricOf = (routeKey: string): string | undefined =>
  (BUSINESS_METRICS as Record<string, string>)[routeKey];
