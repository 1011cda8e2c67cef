import { caller, defineArea, ifMatch, json, withVersion } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

// Each route imports its use cases on first use (chunks of their own, infra/src/lambda-bundling.ts):
// a cold start that reads a dossier does not parse the draft schemas, rule sets and communes.
const applications = () => import('@aides/services/dossiers/applications');
const views = () => import('@aides/services/dossiers/views');

export const makeApplicationsHandler = ({ ctx }: AreaDeps) =>
  defineArea('applications', {
    'POST /api/dossiers': async (req) => {
      const [{ createDraft }, { dossierView }] = await Promise.all([applications(), views()]);
      const d = await createDraft(ctx, caller(req), req.body);
      return withVersion(201, d, dossierView(d, caller(req)));
    },
    'GET /api/dossiers': async (req) => {
      const [{ listMyDossiers }, { dossierView }] = await Promise.all([applications(), views()]);
      const page = await listMyDossiers(ctx, caller(req), req.query.cursor);
      return json(200, { items: page.items.map((d) => dossierView(d, caller(req))), cursor: page.cursor });
    },
    'GET /api/dossiers/{id}': async (req) => {
      const [{ getDossier }, { dossierView, timelineFor }] = await Promise.all([applications(), views()]);
      const d = await getDossier(ctx, caller(req), req.params.id ?? '');
      return withVersion(200, d, {
        ...dossierView(d, caller(req)),
        timeline: await timelineFor(ctx, caller(req), d),
      });
    },
    'PUT /api/dossiers/{id}': async (req) => {
      const [{ updateDraft }, { dossierView }] = await Promise.all([applications(), views()]);
      const d = await updateDraft(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'POST /api/dossiers/{id}/estimate': async (req) => {
      const [{ estimate }, { estimateView }] = await Promise.all([applications(), views()]);
      return json(200, estimateView(await estimate(ctx, caller(req), req.params.id ?? '')));
    },
    'POST /api/dossiers/{id}/submit': async (req) => {
      const { submitDossier } = await import('@aides/services/dossiers/submit');
      const r = await submitDossier(
        ctx,
        caller(req),
        req.params.id ?? '',
        ifMatch(req),
        req.header('idempotency-key'),
        req.body,
      );
      const version = (r.body as { dossier: { version: number } }).dossier.version;
      return json(r.status, r.body, { etag: `"${version}"` });
    },
    'POST /api/dossiers/{id}/answer': async (req) => {
      const [{ answerRequest }, { dossierView }] = await Promise.all([applications(), views()]);
      const d = await answerRequest(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
    'POST /api/dossiers/{id}/withdraw': async (req) => {
      const [{ withdraw }, { dossierView }] = await Promise.all([applications(), views()]);
      const d = await withdraw(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
  });
