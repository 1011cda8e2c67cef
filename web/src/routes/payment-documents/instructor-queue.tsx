import { schemeLabels } from '@aides/domain';
import { type PaymentQueueItem, paymentDocumentQueue } from '@aides/services/attachments/payment-documents';
import type { Caller } from '@aides/services/caller';
import { recordVerdict } from '@aides/services/instruction/instruction';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { frDate } from '../../lib/format.ts';
import { ErrorSummary, Field, Notice, RadioGroup } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';

export const PAYMENT_QUEUE_PATH = '/instruction/pieces-de-paiement';

/**
 * « Pièces de paiement à vérifier »: the RIB and invoices households uploaded on granted dossiers,
 * oldest first, each with its verdict form; once judged, a document leaves the list.
 */
export function paymentQueueRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  async function queuePage(
    c: Context<WebEnv>,
    caller: Caller,
    refused?: { attachmentId: string; errors: FormErrors },
  ) {
    const cursor = c.req.query('suite');
    let result: { items: PaymentQueueItem[]; cursor?: string | undefined } = { items: [] };
    let pageErrors: FormErrors = noErrors;
    try {
      result = await paymentDocumentQueue(ctx, caller, cursor ? { cursor } : {});
    } catch (e) {
      // A damaged "page suivante" link has no field to point at: the message alone says it.
      pageErrors = { ...formErrors(e), fields: {} };
    }
    const done = c.req.query('ok');
    return render(
      c,
      'Pièces de paiement à vérifier',
      <>
        <h1>Pièces de paiement à vérifier</h1>
        <p>
          Pièces déposées par les bénéficiaires d’aides accordées (relevé d’identité bancaire, factures…), les
          plus anciennes d’abord. Le service des finances ne peut verser qu’après votre avis « conforme ».
        </p>
        {done ? <Notice>Avis enregistré.</Notice> : ''}
        <ErrorSummary errors={pageErrors} />
        {result.items.length === 0 ? (
          <p>Aucune pièce de paiement en attente de vérification.</p>
        ) : (
          <table class="stack">
            <caption class="sr-only">Pièces de paiement à vérifier</caption>
            <thead>
              <tr>
                <th scope="col">Dossier</th>
                <th scope="col">Pièce</th>
                <th scope="col">Avis</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map(({ document: a, dossier: d }) => {
                const prefix = `q-${a.id}-`;
                const errors = refused?.attachmentId === a.id ? refused.errors : noErrors;
                return (
                  <tr>
                    <td data-label="Dossier">
                      <a href={`/instruction/dossiers/${d.id}`}>{d.reference}</a>
                      <br />
                      <small>
                        {schemeLabels[d.scheme]} · {d.beneficiary}
                      </small>
                    </td>
                    <td data-label="Pièce">
                      {a.documentTypeLabel} :{' '}
                      <a href={`/dossiers/${d.id}/pieces/${a.id}`}>
                        {a.fileName}
                        <span class="sr-only"> (ouvrir)</span>
                      </a>
                      <br />
                      <small>
                        Déposée le {frDate(a.confirmedAt)} · {a.scanStatusLabel}
                      </small>
                    </td>
                    <td data-label="Avis">
                      <form
                        method="post"
                        action={`${PAYMENT_QUEUE_PATH}/${d.id}/${a.id}`}
                        class="verdict"
                        aria-label={`Avis sur ${a.documentTypeLabel} du dossier ${d.reference ?? ''}`}
                      >
                        <ErrorSummary errors={errors} idPrefix={prefix} />
                        <RadioGroup
                          name="valid"
                          idPrefix={prefix}
                          legend={`Avis sur ${a.documentTypeLabel} (${d.reference ?? ''})`}
                          legendClass="sr-only"
                          value="oui"
                          errors={errors}
                          options={[
                            ['oui', 'Conforme'],
                            ['non', 'Non conforme'],
                          ]}
                        />
                        <Field
                          idPrefix={prefix}
                          name="reason"
                          label="Motif (si non conforme), lu par le bénéficiaire"
                          errors={errors}
                        />
                        <button type="submit" class="small">
                          Enregistrer l’avis
                          <span class="sr-only">
                            {' '}
                            sur {a.documentTypeLabel} du dossier {d.reference}
                          </span>
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {result.cursor ? (
          <p>
            <a href={`${PAYMENT_QUEUE_PATH}?${new URLSearchParams({ suite: result.cursor })}`}>
              Page suivante
            </a>
          </p>
        ) : (
          ''
        )}
      </>,
      refused ? 400 : 200,
    );
  }

  app.get(PAYMENT_QUEUE_PATH, (c) => queuePage(c, requireCaller(c, 'instructor', 'admin')));

  app.post(`${PAYMENT_QUEUE_PATH}/:id/:aid`, async (c) => {
    const caller = requireCaller(c, 'instructor', 'admin');
    const form = await readForm(c);
    const aid = c.req.param('aid');
    try {
      await recordVerdict(
        ctx,
        caller,
        c.req.param('id'),
        aid,
        form.get('valid') === 'non' ? { valid: false, reason: form.get('reason') } : { valid: true },
      );
      return seeOther(c, `${PAYMENT_QUEUE_PATH}?ok=1`);
    } catch (e) {
      return queuePage(c, caller, { attachmentId: aid, errors: formErrors(e) });
    }
  });

  return app;
}
