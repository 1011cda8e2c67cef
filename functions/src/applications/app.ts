import {
  answerRequest,
  createDraft,
  estimate,
  getDossier,
  listMyDossiers,
  updateDraft,
  withdraw,
} from '@aides/services/dossiers/applications';
import { submitDossier } from '@aides/services/dossiers/submit';
import { dossierView, estimateView, timelineFor } from '@aides/services/dossiers/views';
import { caller, defineArea, ifMatch, json, withVersion } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

export const makeApplicationsHandler = ({ ctx }: AreaDeps) =>
  defineArea('applications', {
    'POST /api/dossiers': async (req) => {
      const d = await createDraft(ctx, caller(req), req.body);
      return withVersion(201, d, dossierView(d, caller(req)));
    },
    'GET /api/dossiers': async (req) => {
      const page = await listMyDossiers(ctx, caller(req), req.query.cursor);
      return json(200, { items: page.items.map((d) => dossierView(d, caller(req))), cursor: page.cursor });
    },
    'GET /api/dossiers/{id}': async (req) => {
      const d = await getDossier(ctx, caller(req), req.params.id ?? '');
      return withVersion(200, d, {
        ...dossierView(d, caller(req)),
        timeline: await timelineFor(ctx, caller(req), d),
      });
    },
    'PUT /api/dossiers/{id}': async (req) => {
      const d = await updateDraft(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'POST /api/dossiers/{id}/estimate': async (req) =>
      json(200, estimateView(await estimate(ctx, caller(req), req.params.id ?? ''))),
    'POST /api/dossiers/{id}/submit': async (req) => {
      const r = await submitDossier(
        ctx,
        caller(req),
        req.params.id ?? '',
        ifMatch(req),
        req.header('idempotency-key'),
      );
      const version = (r.body as { dossier: { version: number } }).dossier.version;
      return json(r.status, r.body, { etag: `"${version}"` });
    },
    'POST /api/dossiers/{id}/answer': async (req) => {
      const d = await answerRequest(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'POST /api/dossiers/{id}/withdraw': async (req) => {
      const d = await withdraw(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
  });
