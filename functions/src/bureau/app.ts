import { caller, defineArea, ifMatch, json, withVersion } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';
import { COMMITMENTS_METRIC } from '../observability/business-metrics.ts';
import { countMetric } from '../observability/powertools.ts';

// Each route imports its use cases on first use (chunks of their own, infra/src/lambda-bundling.ts):
// a cold start that lists sessions does not parse the decision rules and schemas.
const sessions = () => import('@aides/services/bureau/sessions');
const views = () => import('@aides/services/dossiers/views');

export const makeBureauHandler = ({ ctx }: AreaDeps) =>
  defineArea('bureau', {
    'POST /api/sessions': async (req) => {
      const { createSession } = await sessions();
      return json(201, await createSession(ctx, caller(req), req.body));
    },
    'GET /api/sessions': async (req) => {
      const { listSessions } = await sessions();
      return json(200, await listSessions(ctx, caller(req), req.query.cursor));
    },
    'GET /api/sessions/{sessionId}': async (req) => {
      const { getSession } = await sessions();
      return json(200, await getSession(ctx, caller(req), req.params.sessionId ?? ''));
    },
    'POST /api/sessions/{sessionId}/agenda': async (req) => {
      const [{ scheduleDossier }, { dossierView }] = await Promise.all([sessions(), views()]);
      const d = await scheduleDossier(ctx, caller(req), req.params.sessionId ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'POST /api/sessions/{sessionId}/agenda/remove': async (req) => {
      const [{ unscheduleDossier }, { dossierView }] = await Promise.all([
        import('@aides/services/bureau/agenda'),
        views(),
      ]);
      const d = await unscheduleDossier(ctx, caller(req), req.params.sessionId ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'PUT /api/sessions/{sessionId}/minutes': async (req) => {
      const { recordSessionMinutes } = await import('@aides/services/bureau/session-record');
      return json(200, await recordSessionMinutes(ctx, caller(req), req.params.sessionId ?? '', req.body));
    },
    'POST /api/sessions/{sessionId}/decisions': async (req) => {
      const [{ recordDecision }, { dossierView }] = await Promise.all([
        import('@aides/services/bureau/decisions'),
        views(),
      ]);
      const d = await recordDecision(ctx, caller(req), req.params.sessionId ?? '', ifMatch(req), req.body);
      // An approval commits the amount on the scheme's envelope.
      if (d.status === 'approved') countMetric(COMMITMENTS_METRIC);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
  });
