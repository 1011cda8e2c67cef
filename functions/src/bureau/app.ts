import { unscheduleDossier } from '@aides/services/bureau/agenda';
import { recordDecision } from '@aides/services/bureau/decisions';
import { createSession, getSession, listSessions, scheduleDossier } from '@aides/services/bureau/sessions';
import { dossierView } from '@aides/services/dossiers/views';
import { caller, defineArea, ifMatch, json, withVersion } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';
import { COMMITMENTS_METRIC } from '../observability/business-metrics.ts';
import { countMetric } from '../observability/powertools.ts';

export const makeBureauHandler = ({ ctx }: AreaDeps) =>
  defineArea('bureau', {
    'POST /api/sessions': async (req) => json(201, await createSession(ctx, caller(req), req.body)),
    'GET /api/sessions': async (req) => json(200, await listSessions(ctx, caller(req), req.query.cursor)),
    'GET /api/sessions/{sessionId}': async (req) =>
      json(200, await getSession(ctx, caller(req), req.params.sessionId ?? '')),
    'POST /api/sessions/{sessionId}/agenda': async (req) => {
      const d = await scheduleDossier(ctx, caller(req), req.params.sessionId ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'POST /api/sessions/{sessionId}/agenda/remove': async (req) => {
      const d = await unscheduleDossier(ctx, caller(req), req.params.sessionId ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'POST /api/sessions/{sessionId}/decisions': async (req) => {
      const d = await recordDecision(ctx, caller(req), req.params.sessionId ?? '', ifMatch(req), req.body);
      // An approval commits the amount on the scheme's envelope.
      if (d.status === 'approved') countMetric(COMMITMENTS_METRIC);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
  });
