import { SCHEMES, type Scheme, schemeLabels } from '@aides/domain';
import type { Caller } from '@aides/services/caller';
import { createDraft, estimate, getDossier, updateDraft } from '@aides/services/dossiers/applications';
import { estimateDraft } from '@aides/services/dossiers/estimate-draft';
import type { Dossier } from '@aides/services/dossiers/model';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { frDate } from '../../lib/format.ts';
import { ErrorSummary, RadioGroup, VersionField } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';
import { EstimatePanel, StepFields } from './components.tsx';
import { draftName, myDrafts, prefillFromAccount, qpvChoices } from './drafts.ts';
import { applyStep, linesShown, normalizeEstimate, stepErrors, valuesFromApplication } from './form-model.ts';
import { STEP_FORM, StepLink, targetHref } from './step-nav.tsx';
import { labelledFields, STEPS, type StepDef } from './steps.ts';

const HINTS: Record<Scheme, string> = {
  FTE: 'Ménages aux revenus intermédiaires, travaux d’économie d’énergie dans leur logement.',
  TPE: 'Entreprises de moins de 10 salariés (artisanat, commerce, services) en commune rurale ou en QPV.',
  ESS: 'Associations, coopératives et structures de l’ESS qui créent des emplois.',
  HABITAT: 'Propriétaires : rénovation énergétique ou adaptation à la perte d’autonomie (Anah).',
};

export const stepHref = (id: string, i: number) => `/demandes/${id}/etape/${i + 1}`;

/** Steps shown in the progress list: the scheme's steps, then documents and review. */
function Progress(p: { id: string; steps: readonly StepDef[]; current: number; onForm?: boolean }) {
  const onForm = p.onForm ?? false;
  const item = (i: number, to: string, title: string) => (
    <li {...(i === p.current ? { 'aria-current': 'step', class: 'current' } : {})}>
      <StepLink id={p.id} to={to} onForm={onForm}>
        {title}
      </StepLink>
    </li>
  );
  return (
    <nav aria-label="Étapes de la demande">
      <ol class="steps">
        {p.steps.map((s, i) => item(i, String(i + 1), s.title))}
        {item(p.steps.length, 'pieces', 'Pièces justificatives')}
        {item(p.steps.length + 1, 'recapitulatif', 'Vérification et dépôt')}
      </ol>
    </nav>
  );
}

export { Progress };

export function wizardRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  app.get('/demandes/nouvelle', async (c) => {
    const caller = requireCaller(c, 'applicant');
    const drafts = await myDrafts(ctx, caller);
    return render(c, 'Déposer une demande', <ChooseScheme errors={noErrors} drafts={drafts} />);
  });

  app.post('/demandes/nouvelle', async (c) => {
    const caller = requireCaller(c, 'applicant');
    const form = await readForm(c);
    const scheme = form.get('scheme');
    if (!(SCHEMES as readonly string[]).includes(scheme)) {
      const errors = { message: 'Choisissez un dispositif.', fields: { scheme: 'Choisissez un dispositif' } };
      const drafts = await myDrafts(ctx, caller);
      return render(c, 'Déposer une demande', <ChooseScheme errors={errors} drafts={drafts} />, 400);
    }
    // A draft of this scheme already under way: offer to resume it rather than start another.
    const same = (await myDrafts(ctx, caller)).filter((d) => d.scheme === scheme);
    if (same.length && form.get('nouveau') !== '1')
      return render(c, 'Reprendre un brouillon', <ResumeOffer scheme={scheme as Scheme} drafts={same} />);
    const d = await createDraft(ctx, caller, { scheme, application: prefillFromAccount(caller) });
    return seeOther(c, stepHref(d.id, 0));
  });

  /** The stored draft's estimate, its missing values said as the form marks them. */
  const estimateOf = async (caller: Caller, d: Dossier) =>
    normalizeEstimate(STEPS[d.scheme], d.application, await estimate(ctx, caller, d.id));

  /** Loads the caller's own draft (anything else goes to the dossier page) and the step. */
  async function load(c: Context<WebEnv>) {
    const caller = requireCaller(c, 'applicant');
    const d = await getDossier(ctx, caller, c.req.param('id') ?? '');
    const steps = STEPS[d.scheme];
    const n = Number(c.req.param('n') ?? '1') - 1;
    return { caller, d, steps, n, step: steps[n] };
  }

  async function page(
    c: Context<WebEnv>,
    d: Dossier,
    n: number,
    values: Record<string, string>,
    errors: FormErrors,
    est: Awaited<ReturnType<typeof estimate>>,
    status: 200 | 400 | 409 = 200,
  ) {
    const steps = STEPS[d.scheme];
    const step = steps[n] as StepDef;
    const added = c.req.method === 'GET' ? c.req.query('ajout') : undefined;
    const qpvOptions = step.fields.some((x) => x.kind === 'qpv') ? await qpvChoices(ctx) : undefined;
    const labels = Object.fromEntries(labelledFields(step).map((x) => [x.name, x.label]));
    return render(
      c,
      `${step.title} — demande ${d.scheme}`,
      <>
        <p class="eyebrow">
          Demande {d.scheme} — {schemeLabels[d.scheme]}
        </p>
        <h1>
          Étape {n + 1} sur {steps.length + 2} : {step.title}
        </h1>
        {/* Enter in a field means « Suivant »: the form's default button is its first submit
            button in the page, and the step buttons of the progress list come before the form. */}
        <button type="submit" form={STEP_FORM} name="action" value="suivant" hidden />
        <Progress id={d.id} steps={steps} current={n} onForm />
        <div class="two-col">
          <div>
            <ErrorSummary errors={errors} labels={labels} />
            {step.intro ? <p>{step.intro}</p> : ''}
            <p class="hint">Les champs marqués d’un astérisque (*) sont obligatoires pour le dépôt.</p>
            <form
              id={STEP_FORM}
              method="post"
              action={stepHref(d.id, n)}
              data-estimate={`/demandes/${d.id}/estimation/${n + 1}`}
              novalidate
            >
              <VersionField version={d.version} />
              <StepFields
                step={step}
                values={values}
                errors={errors}
                rowsOf={(g) => linesShown(g, values, g.path === added)}
                qpvOptions={qpvOptions}
              />
              <div class="actions">
                {n > 0 ? (
                  <StepLink id={d.id} to={String(n)} onForm class="secondary">
                    Précédent
                  </StepLink>
                ) : (
                  ''
                )}
                <button type="submit" name="action" value="suivant">
                  Suivant
                </button>
                <button type="submit" name="action" value="enregistrer" class="secondary">
                  Enregistrer le brouillon
                </button>
              </div>
            </form>
          </div>
          <aside aria-label="Estimation de l’aide" class="card">
            <EstimatePanel
              estimate={est}
              version={d.version}
              steps={steps}
              current={n}
              hrefOf={(i) => stepHref(d.id, i)}
              formOf={d.id}
            />
          </aside>
        </div>
      </>,
      status,
    );
  }

  app.get('/demandes/:id/etape/:n', async (c) => {
    const { caller, d, n, step } = await load(c);
    if (d.status !== 'draft') return seeOther(c, `/mes-dossiers/${d.id}`);
    if (!step) return c.notFound();
    return page(c, d, n, valuesFromApplication(step, d.application), noErrors, await estimateOf(caller, d));
  });

  app.post('/demandes/:id/etape/:n', async (c) => {
    const { caller, d, steps, n, step } = await load(c);
    if (d.status !== 'draft') return seeOther(c, `/mes-dossiers/${d.id}`);
    if (!step) return c.notFound();
    const form = await readForm(c);
    const submitted = Object.fromEntries(labelledFields(step).map((x) => [x.name, form.get(x.name)]));
    for (const x of labelledFields(step))
      if (x.def.kind === 'bool') submitted[x.name] = form.get(x.name) ? 'on' : '';
    const { application, errors: unreadable } = applyStep(step, d.application, form.get);
    if (Object.keys(unreadable).length) {
      const errors = { message: 'Certaines valeurs ne peuvent pas être lues.', fields: unreadable };
      return page(c, d, n, submitted, errors, await estimateOf(caller, d), 400);
    }
    let saved: Dossier;
    try {
      saved = await updateDraft(ctx, caller, d.id, form.version(), { application });
    } catch (e) {
      const errors = formErrors(e, {}, '/application');
      const fresh = await getDossier(ctx, caller, d.id);
      return page(
        c,
        fresh,
        n,
        valuesFromApplication(step, fresh.application),
        errors,
        await estimateOf(caller, fresh),
        409,
      );
    }
    // A step button (progress list, « Précédent », estimate): saved, then wherever it leads,
    // complete or not (what is missing is listed at the review).
    const aller = form.get('aller');
    if (aller) return seeOther(c, targetHref(d.id, aller));
    // « Ajouter une ligne »: saved, then the same step with one more line, scrolled to it.
    const group = step.groups?.find((g) => g.path === form.get('ajouter'));
    if (group) {
      const next = linesShown(group, valuesFromApplication(step, saved.application));
      return seeOther(c, `${stepHref(d.id, n)}?ajout=${group.path}#ligne-${group.path}-${next}`);
    }
    const est = await estimateOf(caller, saved);
    const fields = est.complete ? {} : stepErrors(step, est.missing);
    if (Object.keys(fields).length && form.get('action') !== 'enregistrer') {
      const errors = {
        message: 'Brouillon enregistré. Corrigez ou complétez les champs signalés pour continuer.',
        fields,
      };
      return page(c, saved, n, valuesFromApplication(step, saved.application), errors, est, 400);
    }
    if (form.get('action') === 'enregistrer') return seeOther(c, `${stepHref(d.id, n)}?enregistre=1`);
    return seeOther(c, n + 1 < steps.length ? stepHref(d.id, n + 1) : `/demandes/${d.id}/pieces`);
  });

  /**
   * Progressive enhancement: the estimate of the step as typed, as a fragment. Nothing is saved
   * (the form's « Suivant », « Enregistrer » and step buttons do that), so refreshes sent while
   * someone types never collide with each other.
   */
  app.post('/demandes/:id/estimation/:n', async (c) => {
    const { caller, d, steps, n, step } = await load(c);
    if (d.status !== 'draft' || !step) return c.text('Brouillon introuvable', 404);
    const form = await readForm(c);
    const { application } = applyStep(step, d.application, form.get);
    return c.html(
      <EstimatePanel
        estimate={normalizeEstimate(steps, application, await estimateDraft(ctx, caller, d.id, application))}
        steps={steps}
        current={n}
        hrefOf={(i) => stepHref(d.id, i)}
        formOf={d.id}
      />,
    );
  });

  return app;
}

function ChooseScheme(p: { errors: FormErrors; drafts: readonly Dossier[] }) {
  return (
    <>
      <h1>Déposer une demande</h1>
      <ErrorSummary errors={p.errors} />
      {p.drafts.length ? (
        <section class="card" aria-labelledby="brouillons-titre">
          <h2 id="brouillons-titre">Reprendre une demande commencée</h2>
          <DraftList drafts={p.drafts} />
        </section>
      ) : (
        ''
      )}
      <form method="post" action="/demandes/nouvelle">
        <RadioGroup
          name="scheme"
          legend="Quel dispositif demandez-vous ?"
          errors={p.errors}
          block
          options={SCHEMES.map(
            (s) =>
              [
                s,
                <>
                  {schemeLabels[s]} ({s})<span class="hint"> — {HINTS[s]}</span>
                </>,
              ] as const,
          )}
        />
        <button type="submit">Commencer</button>
      </form>
    </>
  );
}

function DraftList(p: { drafts: readonly Dossier[] }) {
  return (
    <ul>
      {p.drafts.map((d) => (
        <li>
          <a href={stepHref(d.id, 0)}>{draftName(d)}</a> (modifié le {frDate(d.updatedAt)})
        </li>
      ))}
    </ul>
  );
}

function ResumeOffer(p: { scheme: Scheme; drafts: readonly Dossier[] }) {
  return (
    <>
      <h1>Vous avez déjà commencé une demande {p.scheme}</h1>
      <p>Reprenez-la pour ne pas ressaisir ce qui est déjà enregistré :</p>
      <DraftList drafts={p.drafts} />
      <form method="post" action="/demandes/nouvelle">
        <input type="hidden" name="scheme" value={p.scheme} />
        <input type="hidden" name="nouveau" value="1" />
        <p>Ou commencez une autre demande {schemeLabels[p.scheme]} :</p>
        <button type="submit" class="secondary">
          Commencer un nouveau brouillon
        </button>
      </form>
    </>
  );
}
