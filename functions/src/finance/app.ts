import { caller, defineArea, ifMatch, json, withVersion } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

// Each route imports its use cases on first use (chunks of their own, infra/src/lambda-bundling.ts):
// a cold start that lists envelopes does not parse the payment rules and rule sets.
const envelopes = () => import('@aides/services/finance/envelopes');
const payments = () => import('@aides/services/finance/payments');
const views = () => import('@aides/services/dossiers/views');

export const makeFinanceHandler = ({ ctx }: AreaDeps) =>
  defineArea('finance', {
    'POST /api/envelopes': async (req) => {
      const { createEnvelope } = await envelopes();
      return json(201, await createEnvelope(ctx, caller(req), req.body));
    },
    'GET /api/envelopes': async (req) => {
      const { listEnvelopes } = await envelopes();
      const year = req.query.year && /^\d{4}$/.test(req.query.year) ? Number(req.query.year) : undefined;
      return json(200, { items: await listEnvelopes(ctx, caller(req), year) });
    },
    'POST /api/envelopes/{envelopeId}/raise': async (req) => {
      const { raiseEnvelope } = await envelopes();
      return json(200, await raiseEnvelope(ctx, caller(req), req.params.envelopeId ?? '', req.body));
    },
    'GET /api/dossiers/{id}/commitments': async (req) => {
      const { listDossierCommitments } = await payments();
      return json(200, { items: await listDossierCommitments(ctx, caller(req), req.params.id ?? '') });
    },
    'POST /api/dossiers/{id}/payments': async (req) => {
      const [{ recordPayment }, { dossierView }] = await Promise.all([payments(), views()]);
      const r = await recordPayment(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(201, r.dossier, { ...r, dossier: dossierView(r.dossier, caller(req)) });
    },
    'POST /api/dossiers/{id}/lapse': async (req) => {
      const [{ lapseCommitment }, { dossierView }] = await Promise.all([payments(), views()]);
      const d = await lapseCommitment(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
  });
