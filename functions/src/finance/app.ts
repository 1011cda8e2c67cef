import { caller, defineArea, ifMatch, json, withVersion } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

// Each route imports its use cases on first use (chunks of their own, infra/src/lambda-bundling.ts):
// a cold start that lists envelopes does not parse the payment rules and rule sets.
const envelopes = () => import('@aides/services/finance/envelopes');
const payments = () => import('@aides/services/finance/payments');
const views = () => import('@aides/services/dossiers/views');
const advances = () => import('@aides/services/finance/advances');

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
    'GET /api/advances': async (req) => {
      const { advancesOwedCsv, listRepayableAdvances, asOfQuery } = await advances();
      const { asOf } = asOfQuery(req.query);
      if (req.query.format === 'csv') {
        return {
          statusCode: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="avances-reste-du.csv"',
          },
          body: await advancesOwedCsv(ctx, caller(req), asOf),
        };
      }
      return json(200, { items: await listRepayableAdvances(ctx, caller(req), asOf) });
    },
    'POST /api/dossiers/{id}/advance': async (req) => {
      const { openRepayableAdvance } = await advances();
      return json(201, await openRepayableAdvance(ctx, caller(req), req.params.id ?? '', req.body));
    },
    'GET /api/dossiers/{id}/advance': async (req) => {
      const { getRepayableAdvance } = await advances();
      return json(200, await getRepayableAdvance(ctx, caller(req), req.params.id ?? ''));
    },
    'POST /api/dossiers/{id}/advance/repayments': async (req) => {
      const { recordRepayment } = await advances();
      return json(201, await recordRepayment(ctx, caller(req), req.params.id ?? '', req.body));
    },
    'POST /api/dossiers/{id}/lapse': async (req) => {
      const [{ lapseCommitment }, { dossierView }] = await Promise.all([payments(), views()]);
      const d = await lapseCommitment(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
  });
