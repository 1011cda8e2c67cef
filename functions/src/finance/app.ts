import { dossierView } from '@aides/services/dossiers/views';
import { createEnvelope, listEnvelopes, raiseEnvelope } from '@aides/services/finance/envelopes';
import { lapseCommitment, listDossierCommitments, recordPayment } from '@aides/services/finance/payments';
import { caller, defineArea, ifMatch, json, withVersion } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

export const makeFinanceHandler = ({ ctx }: AreaDeps) =>
  defineArea('finance', {
    'POST /api/envelopes': async (req) => json(201, await createEnvelope(ctx, caller(req), req.body)),
    'GET /api/envelopes': async (req) => {
      const year = req.query.year && /^\d{4}$/.test(req.query.year) ? Number(req.query.year) : undefined;
      return json(200, { items: await listEnvelopes(ctx, caller(req), year) });
    },
    'POST /api/envelopes/{envelopeId}/raise': async (req) =>
      json(200, await raiseEnvelope(ctx, caller(req), req.params.envelopeId ?? '', req.body)),
    'GET /api/dossiers/{id}/commitments': async (req) =>
      json(200, { items: await listDossierCommitments(ctx, caller(req), req.params.id ?? '') }),
    'POST /api/dossiers/{id}/payments': async (req) => {
      const r = await recordPayment(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(201, r.dossier, { ...r, dossier: dossierView(r.dossier, caller(req)) });
    },
    'POST /api/dossiers/{id}/lapse': async (req) => {
      const d = await lapseCommitment(ctx, caller(req), req.params.id ?? '', ifMatch(req), req.body);
      return withVersion(200, d, dossierView(d, caller(req)));
    },
  });
