import { type DossierState, dossierStateLabel, funderLabels, schemeLabels } from '@aides/domain';
import { listAttachments } from '@aides/services/attachments/attachments';
import { applicantAttachmentView } from '@aides/services/attachments/views';
import type { Caller } from '@aides/services/caller';
import { answerRequest, getDossier, listMyDossiers, withdraw } from '@aides/services/dossiers/applications';
import type { Dossier } from '@aides/services/dossiers/model';
import { applicantDossierView, readApplicantTimeline } from '@aides/services/dossiers/views';
import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { euros, frDate } from '../../lib/format.ts';
import { ErrorSummary, Notice, TextArea, VersionField } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';
import { LettersSection } from '../letters/letters-section.tsx';
import { ApplicantPaymentDocuments, takesPaymentDocuments } from '../payment-documents/applicant-section.tsx';
import { ApplicationSummary, Timeline } from './components.tsx';
import { DocumentsPanel, docLabel } from './documents.tsx';
import { draftName } from './drafts.ts';
import { valuesFromApplication } from './form-model.ts';
import { RefusedDocuments } from './refused-documents.tsx';
import { STEPS } from './steps.ts';
import { stepHref } from './wizard.tsx';

const WITHDRAWABLE: readonly DossierState[] = ['submitted', 'in_review', 'awaiting_documents', 'proposed'];

export function mineRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  app.get('/mes-dossiers', async (c) => {
    const caller = requireCaller(c, 'applicant');
    const { items } = await listMyDossiers(ctx, caller, c.req.query('suite') || undefined);
    return render(
      c,
      'Mes dossiers',
      <>
        <h1>Mes dossiers</h1>
        <p>
          <a class="button" href="/demandes/nouvelle">
            Déposer une demande
          </a>
        </p>
        {items.length === 0 ? (
          <p>Vous n’avez encore aucun dossier.</p>
        ) : (
          <table class="stack">
            <caption class="sr-only">Mes dossiers</caption>
            <thead>
              <tr>
                <th scope="col">Dossier</th>
                <th scope="col">Dispositif</th>
                <th scope="col">État</th>
                <th scope="col">Mis à jour</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr>
                  <td>
                    <a href={d.status === 'draft' ? stepHref(d.id, 0) : `/mes-dossiers/${d.id}`}>
                      {d.reference ?? draftName(d)}
                    </a>
                  </td>
                  <td data-label="Dispositif">{schemeLabels[d.scheme]}</td>
                  <td data-label="État">
                    <span class="status">{dossierStateLabel(d.status, d.lastPaymentKind)}</span>
                  </td>
                  <td data-label="Mis à jour">{frDate(d.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    );
  });

  async function dossierPage(
    caller: Caller,
    stored: Dossier,
    flash: string | undefined,
    answerErrors: FormErrors,
    withdrawErrors: FormErrors,
    uploadOk: boolean,
  ) {
    // The page reads the applicant's views only: no proposal, staff name or internal motivation.
    const d = applicantDossierView(stored);
    const timeline = await readApplicantTimeline(ctx, d.id);
    const attachments = (await listAttachments(ctx, caller, d.id)).map(applicantAttachmentView);
    const steps = STEPS[d.scheme];
    return (
      <>
        <p class="eyebrow">{schemeLabels[d.scheme]}</p>
        <h1>Dossier {d.reference ?? 'brouillon'}</h1>
        {flash === 'depose' ? (
          <Notice>
            <h2>Demande déposée</h2>
            <p>
              Votre demande <strong>{d.reference}</strong> a bien été déposée le {frDate(d.filedAt)}.
              Conservez cette référence : elle vous sera demandée pour tout échange. Vous suivrez ici son
              instruction, la décision du Bureau communautaire et les versements.
            </p>
          </Notice>
        ) : flash ? (
          <Notice>{flash}</Notice>
        ) : (
          ''
        )}
        <p>
          État : <span class="status">{d.statusLabel}</span>
          {d.filedAt ? ` — déposé le ${frDate(d.filedAt)}` : ''}
        </p>
        <RefusedDocuments
          attachments={attachments}
          uploadHere={
            d.status === 'awaiting_documents' ? 'request' : takesPaymentDocuments(d) ? 'payment' : null
          }
        />
        {d.status === 'awaiting_documents' && d.documentRequest ? (
          <section class="card" aria-labelledby="demande-titre">
            <h2 id="demande-titre">Demande de pièces de l’instructeur</h2>
            <blockquote>{d.documentRequest.message}</blockquote>
            {d.documentRequest.documentTypes.length ? (
              <p>Pièces demandées : {d.documentRequest.documentTypes.map(docLabel).join(', ')}.</p>
            ) : (
              ''
            )}
            {uploadOk ? <Notice>Pièce déposée.</Notice> : ''}
            <DocumentsPanel
              d={d}
              attachments={attachments}
              required={[]}
              returnTo={`/mes-dossiers/${d.id}`}
              errors={noErrors}
              canUpload={true}
              requested={d.documentRequest.documentTypes}
            />
            <form method="post" action={`/mes-dossiers/${d.id}/reponse`}>
              <h3>Répondre à l’instructeur</h3>
              <ErrorSummary errors={answerErrors} />
              <VersionField version={d.version} />
              <TextArea
                name="message"
                label="Votre message"
                errors={answerErrors}
                hint="Par exemple : voici l’avis d’imposition demandé."
              />
              <button type="submit">Envoyer la réponse</button>
            </form>
          </section>
        ) : (
          ''
        )}
        {d.decision ? (
          <section aria-labelledby="decision-titre">
            <h2 id="decision-titre">Décision du Bureau communautaire</h2>
            <p>
              {d.decision.outcome === 'favourable'
                ? `Aide accordée (délibération n° ${d.decision.deliberationNumber ?? ''}).`
                : d.decision.outcome === 'unfavourable'
                  ? 'Aide refusée.'
                  : 'Décision ajournée.'}
              {d.decision.motivation ? ` Motif : ${d.decision.motivation}` : ''}
            </p>
            {d.committedByFunder ? (
              <ul>
                {Object.entries(d.committedByFunder).map(([f, cents]) => (
                  <li>
                    {funderLabels[f as keyof typeof funderLabels]} : {euros(cents)} accordés,{' '}
                    {euros(d.paidByFunder?.[f as keyof typeof funderLabels] ?? 0)} versés
                  </li>
                ))}
              </ul>
            ) : (
              ''
            )}
          </section>
        ) : (
          ''
        )}
        {await ApplicantPaymentDocuments({ ctx, caller, d, uploaded: uploadOk })}
        {await LettersSection({ ctx, d: stored })}
        <section aria-labelledby="suivi-titre">
          <h2 id="suivi-titre">Suivi du dossier</h2>
          <Timeline items={timeline} />
        </section>
        <details>
          <summary>Votre demande</summary>
          <ApplicationSummary steps={steps} values={(s) => valuesFromApplication(s, d.application)} />
          <ul>
            {attachments
              .filter((a) => a.status === 'available')
              .map((a) => (
                <li>
                  {docLabel(a.documentType)} : <a href={`/dossiers/${d.id}/pieces/${a.id}`}>{a.fileName}</a>
                </li>
              ))}
          </ul>
        </details>
        {WITHDRAWABLE.includes(d.status) ? (
          <section aria-labelledby="retrait-titre">
            <h2 id="retrait-titre">Retirer ma demande</h2>
            <form method="post" action={`/mes-dossiers/${d.id}/retrait`}>
              <ErrorSummary errors={withdrawErrors} />
              <VersionField version={d.version} />
              <TextArea name="reason" label="Motif du retrait" errors={withdrawErrors} />
              <button type="submit" class="secondary">
                Retirer ma demande
              </button>
            </form>
          </section>
        ) : (
          ''
        )}
      </>
    );
  }

  app.get('/mes-dossiers/:id', async (c) => {
    const caller = requireCaller(c, 'applicant');
    const d = await getDossier(ctx, caller, c.req.param('id'));
    if (d.status === 'draft') return seeOther(c, stepHref(d.id, 0));
    const flash = c.req.query('depose')
      ? 'depose'
      : c.req.query('ok')
        ? 'Votre réponse a été transmise.'
        : undefined;
    return render(
      c,
      `Dossier ${d.reference ?? ''}`,
      await dossierPage(caller, d, flash, noErrors, noErrors, Boolean(c.req.query('piece'))),
    );
  });

  app.post('/mes-dossiers/:id/reponse', async (c) => {
    const caller = requireCaller(c, 'applicant');
    const id = c.req.param('id');
    const form = await readForm(c);
    try {
      await answerRequest(ctx, caller, id, form.version(), { message: form.get('message') });
      return seeOther(c, `/mes-dossiers/${id}?ok=1`);
    } catch (e) {
      const errors = formErrors(e);
      const d = await getDossier(ctx, caller, id);
      return render(c, 'Répondre', await dossierPage(caller, d, undefined, errors, noErrors, false), 400);
    }
  });

  app.post('/mes-dossiers/:id/retrait', async (c) => {
    const caller = requireCaller(c, 'applicant');
    const id = c.req.param('id');
    const form = await readForm(c);
    try {
      await withdraw(ctx, caller, id, form.version(), { reason: form.get('reason') });
      return seeOther(c, `/mes-dossiers/${id}`);
    } catch (e) {
      const errors = formErrors(e);
      const d = await getDossier(ctx, caller, id);
      return render(
        c,
        'Retirer ma demande',
        await dossierPage(caller, d, undefined, noErrors, errors, false),
        400,
      );
    }
  });

  return app;
}
