import { schemeLabels } from '@aides/domain';
import { listAttachments } from '@aides/services/attachments/attachments';
import { estimate, getDossier } from '@aides/services/dossiers/applications';
import type { Dossier } from '@aides/services/dossiers/model';
import { submitDossier } from '@aides/services/dossiers/submit';
import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { Checkbox, VersionField } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';
import { ApplicationSummary, EstimatePanel } from './components.tsx';
import { docLabel, requiredDocuments } from './documents.tsx';
import { normalizeEstimate, stepOf, valuesFromApplication } from './form-model.ts';
import { labelledFields, STEPS } from './steps.ts';
import { Progress, stepHref } from './wizard.tsx';

/** Review of the whole application, then filing with acknowledgement and reference. */
export function reviewRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  async function page(caller: Parameters<typeof getDossier>[1], d: Dossier, errors: FormErrors) {
    const steps = STEPS[d.scheme];
    const est = normalizeEstimate(steps, d.application, await estimate(ctx, caller, d.id));
    const attachments = await listAttachments(ctx, caller, d.id);
    const present = new Set(attachments.filter((a) => a.status === 'available').map((a) => a.documentType));
    const missingDocs = (await requiredDocuments(ctx, d)).filter((t) => !present.has(t));
    const ineligible = est.complete && est.eligibility.outcome === 'not_eligible';
    const problems = [
      ...(est.complete ? [] : est.missing),
      ...Object.entries(errors.fields).map(([k, detail]) => ({
        pointer: `/${k.replaceAll('.', '/')}`,
        detail,
      })),
    ];
    const labelOf = (pointer: string) => {
      const name = pointer.replace(/^\/(application\/)?/, '').replaceAll('/', '.');
      return steps.flatMap(labelledFields).find((x) => x.name === name)?.label;
    };
    return (
      <>
        <p class="eyebrow">
          Demande {d.scheme} — {schemeLabels[d.scheme]}
        </p>
        <h1>Vérification et dépôt</h1>
        <Progress id={d.id} steps={steps} current={steps.length + 1} />
        {errors.message || problems.length || missingDocs.length ? (
          <div class="alert error-summary" role="alert">
            <h2>Avant de déposer</h2>
            {errors.message ? <p>{errors.message}</p> : ''}
            <ul>
              {problems
                .filter((x) => !x.pointer.startsWith('/documents/'))
                .map((x) => {
                  const i = stepOf(steps, x.pointer);
                  return (
                    <li>
                      {i >= 0 ? (
                        <a href={stepHref(d.id, i)}>{labelOf(x.pointer) ?? steps[i]?.title}</a>
                      ) : (
                        'Demande'
                      )}{' '}
                      : {x.detail}
                    </li>
                  );
                })}
              {missingDocs.map((t) => (
                <li>
                  <a href={`/demandes/${d.id}/pieces`}>Pièce manquante</a> : {docLabel(t)}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          ''
        )}
        <div class="two-col">
          <div>
            <h2>Votre demande</h2>
            <ApplicationSummary
              steps={steps}
              values={(s) => valuesFromApplication(s, d.application)}
              editHref={(i) => stepHref(d.id, i)}
            />
            <h3>Pièces</h3>
            <ul>
              {attachments
                .filter((a) => a.status === 'available')
                .map((a) => (
                  <li>
                    {docLabel(a.documentType)} : {a.fileName}
                  </li>
                ))}
            </ul>
            <p>
              <a href={`/demandes/${d.id}/pieces`}>Modifier les pièces</a>
            </p>
            <form method="post" action={`/demandes/${d.id}/deposer`}>
              <VersionField version={d.version} />
              <input type="hidden" name="cle" value={`depot-${crypto.randomUUID()}`} />
              {ineligible ? (
                <div class="alert" role="note">
                  <p>
                    <strong>Votre demande ne remplit pas les conditions du règlement</strong> (voir «
                    Estimation »). Vous pouvez la déposer quand même : l’instructeur l’examinera, mais elle
                    sera très probablement refusée.
                  </p>
                  <Checkbox
                    name="connaissance"
                    label="J’ai pris connaissance des conditions non remplies et je dépose ma demande quand même."
                    checked={false}
                  />
                </div>
              ) : (
                ''
              )}
              <p>En déposant, vous certifiez l’exactitude des informations fournies.</p>
              <button type="submit">{ineligible ? 'Déposer quand même' : 'Déposer ma demande'}</button>
            </form>
          </div>
          <aside class="card" aria-label="Estimation de l’aide">
            <EstimatePanel estimate={est} steps={steps} hrefOf={(i) => stepHref(d.id, i)} />
          </aside>
        </div>
      </>
    );
  }

  app.get('/demandes/:id/recapitulatif', async (c) => {
    const caller = requireCaller(c, 'applicant');
    const d = await getDossier(ctx, caller, c.req.param('id'));
    if (d.status !== 'draft') return seeOther(c, `/mes-dossiers/${d.id}`);
    return render(c, 'Vérification et dépôt', await page(caller, d, noErrors));
  });

  app.post('/demandes/:id/deposer', async (c) => {
    const caller = requireCaller(c, 'applicant');
    const id = c.req.param('id');
    const form = await readForm(c);
    try {
      await submitDossier(ctx, caller, id, form.version(), form.get('cle') || undefined, {
        acknowledgeIneligible: form.get('connaissance') === 'on',
      });
      return seeOther(c, `/mes-dossiers/${id}?depose=1`);
    } catch (e) {
      const errors = formErrors(e, {}, '/application');
      const d = await getDossier(ctx, caller, id);
      if (d.status !== 'draft') return seeOther(c, `/mes-dossiers/${id}`);
      return render(c, 'Vérification et dépôt', await page(caller, d, errors), 400);
    }
  });

  return app;
}
