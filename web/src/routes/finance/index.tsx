import {
  commitmentFigures,
  dossierStateLabel,
  FUNDERS,
  funderLabels,
  PAYMENT_KINDS,
  paymentKindLabels,
  SCHEMES,
  schemeLabels,
} from '@aides/domain';
import type { Caller } from '@aides/services/caller';
import { getDossier } from '@aides/services/dossiers/applications';
import type { Dossier } from '@aides/services/dossiers/model';
import { advanceCommitmentsOfYear } from '@aides/services/finance/advances';
import { createEnvelope, listEnvelopes, raiseEnvelope } from '@aides/services/finance/envelopes';
import { lapseCommitment, listDossierCommitments, recordPayment } from '@aides/services/finance/payments';
import { queue } from '@aides/services/instruction/queues';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { euros, frDate, parseEuros } from '../../lib/format.ts';
import { ErrorSummary, Field, Notice, SelectField, TextArea, VersionField } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';
import { TpeLocationLine } from '../instructor/location-section.tsx';
import { LettersSection } from '../letters/letters-section.tsx';
import { FinancePaymentDocuments } from '../payment-documents/finance-panel.tsx';
import { advanceRoutes } from './advances.tsx';
import { EnvelopeBars } from './bars.tsx';
import { FiguresTable } from './commitment-figures.tsx';
import { referenceGapRoutes } from './reference-gaps.tsx';
import { reportRoutes } from './reports.tsx';

const badAmount = (name: string): FormErrors => ({
  message: 'Montant illisible.',
  fields: { [name]: 'Montant en euros attendu, par exemple 15 000 ou 1 250,50' },
});

/** Finance: envelopes drawn as bars, commitments, the payment form, exports and indicators. */
export function financeRoutes(deps: WebDeps) {
  const { ctx } = deps;
  const app = new Hono<WebEnv>();
  const yearOf = (c: Context<WebEnv>) =>
    /^\d{4}$/.test(c.req.query('annee') ?? '') ? Number(c.req.query('annee')) : new Date().getFullYear();

  async function envelopesPage(
    c: Context<WebEnv>,
    caller: Caller,
    forms: { create?: FormErrors; raise?: FormErrors },
    status: 200 | 400 = 200,
  ) {
    const year = yearOf(c);
    const envelopes = await listEnvelopes(ctx, caller, year);
    const advances = await advanceCommitmentsOfYear(ctx, caller, year);
    const errors = forms.create ?? noErrors;
    const raise = forms.raise ?? noErrors;
    const done = c.req.query('ok');
    return render(
      c,
      'Enveloppes',
      <>
        <ErrorSummary
          errors={forms.raise ?? errors}
          anchor={forms.raise ? 'augmenter' : 'nouvelle-enveloppe'}
        />
        <h1>Enveloppes {year}</h1>
        {done === 'augmentee' ? (
          <Notice>Enveloppe augmentée.</Notice>
        ) : done ? (
          <Notice>Enveloppe créée.</Notice>
        ) : (
          ''
        )}
        <form method="get" action="/finances" class="filters">
          <Field name="annee" label="Année" value={String(year)} errors={noErrors} inputmode="numeric" />
          <button type="submit" class="secondary">
            Afficher
          </button>
        </form>
        <h2>État des enveloppes</h2>
        <EnvelopeBars envelopes={envelopes} />
        {advances.length ? (
          <p id="avances-engagees">
            Dont avances remboursables (TPE en développement), comptées à part des subventions :{' '}
            {advances
              .map(
                (a) => `${funderLabels[a.funder]} ${euros(a.netCents)} engagés nets (${a.files} dossier(s))`,
              )
              .join(' ; ')}
            . <a href="/finances/avances">Suivi des remboursements</a>
          </p>
        ) : (
          ''
        )}
        {envelopes.length ? (
          <>
            <h2 id="augmenter">Augmenter l’enveloppe</h2>
            <form
              method="post"
              action={`/finances/enveloppes/augmenter?annee=${year}`}
              class="card"
              aria-labelledby="augmenter"
            >
              <SelectField
                name="envelopeId"
                label="Enveloppe"
                value={c.req.query('enveloppe')}
                errors={raise}
                options={envelopes.map(
                  (x) =>
                    [
                      x.id,
                      `${x.scheme} ${x.year} — ${funderLabels[x.funder]} (disponible ${euros(x.availableCents)})`,
                    ] as const,
                )}
              />
              <Field
                name="raiseAmount"
                label="Montant à ajouter (€)"
                hint="Le disponible augmente d’autant."
                errors={raise}
                inputmode="decimal"
                required
              />
              <button type="submit">Augmenter l’enveloppe</button>
            </form>
          </>
        ) : (
          ''
        )}
        <h2 id="nouvelle-enveloppe">Nouvelle enveloppe</h2>
        <form method="post" action="/finances/enveloppes" class="card">
          <SelectField
            name="scheme"
            label="Dispositif"
            errors={errors}
            options={SCHEMES.map((s) => [s, `${s} — ${schemeLabels[s]}`] as const)}
          />
          <Field name="year" label="Année" value={String(year)} errors={errors} inputmode="numeric" />
          <SelectField
            name="funder"
            label="Financeur"
            errors={errors}
            options={FUNDERS.map((f) => [f, funderLabels[f]] as const)}
          />
          <Field name="amountCents" label="Montant (€)" errors={errors} inputmode="decimal" />
          <Field
            name="budgetLine"
            label="Ligne budgétaire (facultatif)"
            hint="Chapitre-article-fonction de la nomenclature M57, par exemple 204-20422-72 : engagements, versements et exports la reprennent telle quelle."
            errors={errors}
          />
          <button type="submit">Créer l’enveloppe</button>
        </form>
      </>,
      status,
    );
  }

  app.get('/finances', (c) => envelopesPage(c, requireCaller(c, 'finance', 'admin'), {}));
  app.post('/finances/enveloppes', async (c) => {
    const caller = requireCaller(c, 'finance', 'admin');
    const form = await readForm(c);
    const cents = parseEuros(form.get('amountCents'));
    if (cents === null) return envelopesPage(c, caller, { create: badAmount('amountCents') }, 400);
    try {
      const year = Number(form.get('year'));
      await createEnvelope(ctx, caller, {
        scheme: form.get('scheme'),
        year,
        funder: form.get('funder'),
        amountCents: cents,
        budgetLine: form.get('budgetLine'),
      });
      return seeOther(c, `/finances?annee=${year}&ok=1`);
    } catch (e) {
      return envelopesPage(c, caller, { create: formErrors(e) }, 400);
    }
  });

  app.post('/finances/enveloppes/augmenter', async (c) => {
    const caller = requireCaller(c, 'finance', 'admin');
    const form = await readForm(c);
    const envelopeId = form.get('envelopeId');
    const cents = parseEuros(form.get('raiseAmount'));
    if (cents === null) return envelopesPage(c, caller, { raise: badAmount('raiseAmount') }, 400);
    if (cents === undefined) {
      const missing = {
        message: 'Indiquez le montant à ajouter.',
        fields: { raiseAmount: 'Montant obligatoire' },
      };
      return envelopesPage(c, caller, { raise: missing }, 400);
    }
    try {
      const e = await raiseEnvelope(ctx, caller, envelopeId, { amountCents: cents });
      return seeOther(c, `/finances?annee=${e.year}&ok=augmentee`);
    } catch (e) {
      return envelopesPage(c, caller, { raise: formErrors(e, { amountCents: 'raiseAmount' }) }, 400);
    }
  });

  app.get('/finances/engagements', async (c) => {
    const caller = requireCaller(c, 'finance', 'admin');
    const rows: Dossier[] = [];
    for (const scheme of SCHEMES)
      for (const status of ['approved', 'partly_paid'] as const)
        rows.push(...(await queue(ctx, caller, { scheme, status, limit: 100 })).items);
    return render(
      c,
      'Engagements',
      <>
        <h1>Engagements à payer</h1>
        {rows.length === 0 ? (
          <p>Aucun dossier engagé en attente de paiement.</p>
        ) : (
          <table>
            <caption class="sr-only">Dossiers engagés</caption>
            <thead>
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Bénéficiaire</th>
                <th scope="col">État</th>
                <th scope="col">Engagement initial</th>
                <th scope="col">Versé</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => {
                const sum = (o?: Record<string, number | undefined>) =>
                  Object.values(o ?? {}).reduce<number>((s, v) => s + (v ?? 0), 0);
                return (
                  <tr>
                    <td>
                      <a href={`/finances/dossiers/${d.id}`}>{d.reference}</a>
                    </td>
                    <td>{d.beneficiary}</td>
                    <td>{dossierStateLabel(d.status, d.lastPaymentKind)}</td>
                    <td>{euros(sum(d.committedByFunder))}</td>
                    <td>{euros(sum(d.paidByFunder))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </>,
    );
  });

  async function dossierPage(
    c: Context<WebEnv>,
    caller: Caller,
    forms: { payment?: FormErrors; lapse?: FormErrors },
    status: 200 | 400 = 200,
  ) {
    const errors = forms.payment ?? noErrors;
    const lapse = forms.lapse ?? noErrors;
    const d = await getDossier(ctx, caller, c.req.param('id') ?? '');
    const commitments = await listDossierCommitments(ctx, caller, d.id);
    const open = commitments.filter((x) => x.status === 'active');
    return render(
      c,
      `Paiement ${d.reference}`,
      <>
        <ErrorSummary errors={forms.lapse ?? errors} anchor={forms.lapse ? 'caducite' : 'versement'} />
        <p class="eyebrow">
          <a href="/finances/engagements">Engagements</a>
        </p>
        <h1>
          Dossier {d.reference} — {d.beneficiary}
        </h1>
        {c.req.query('ok') === 'caduc' ? (
          <Notice>Dossier déclaré caduc : ce qui n’était pas versé revient aux enveloppes.</Notice>
        ) : c.req.query('ok') ? (
          <Notice>Versement enregistré.</Notice>
        ) : (
          ''
        )}
        <p>
          {schemeLabels[d.scheme]} ·{' '}
          <span class="status">{dossierStateLabel(d.status, d.lastPaymentKind)}</span>
          {d.decision?.deliberationNumber ? ` · délibération n° ${d.decision.deliberationNumber}` : ''}
          {d.decision?.date ? ` du ${frDate(d.decision.date)}` : ''}
        </p>
        <TpeLocationLine d={d} />
        <FiguresTable
          caption="Engagements : initial, désengagé, net, versé, reste à verser"
          head="Financeur"
          extraHeads={['Ligne budgétaire', 'Date de décision', 'Versements']}
          rows={commitments.map((x) => ({
            label: funderLabels[x.funder],
            figures: commitmentFigures(x),
            extra: [
              x.budgetLine,
              frDate(x.decisionDate ?? x.committedAt),
              x.payments
                .map((p) => `${paymentKindLabels[p.kind]} ${euros(p.amountCents)} le ${frDate(p.at)}`)
                .join(' ; ') || '—',
            ],
          }))}
        />
        {(d.proposal?.computed ?? d.amounts)?.repayableAdvance ? (
          <p>
            Cette aide est une avance remboursable :{' '}
            <a href={`/finances/avances/${d.id}`}>échéancier et remboursements</a>.
          </p>
        ) : (
          ''
        )}
        {await FinancePaymentDocuments({ ctx, caller, dossierId: d.id })}
        {await LettersSection({ ctx, d })}
        {open.length ? (
          <form method="post" action={`/finances/dossiers/${d.id}/versements`} class="card">
            <h2 id="versement">Enregistrer un versement</h2>
            <VersionField version={d.version} />
            <SelectField
              name="funder"
              label="Financeur"
              errors={errors}
              options={open.map(
                (x) => [x.funder, `${funderLabels[x.funder]} (reste ${euros(x.remainingCents)})`] as const,
              )}
            />
            <SelectField
              name="kind"
              label="Nature"
              errors={errors}
              hint="Un solde inférieur au reste engagé vaut désengagement du reliquat : la différence revient à l’enveloppe."
              options={PAYMENT_KINDS.map(
                (k) =>
                  [k, k === 'balance' ? 'Solde (désengagement du reliquat)' : paymentKindLabels[k]] as const,
              )}
            />
            <Field name="amountCents" label="Montant (€)" errors={errors} inputmode="decimal" />
            <Field
              name="iban"
              label="IBAN du compte versé (facultatif)"
              hint="Celui du RIB vérifié ; il figure dans l’export des versements, en clair pour le service financier seulement."
              errors={errors}
              autocomplete="off"
            />
            <button type="submit">Enregistrer le versement</button>
          </form>
        ) : (
          <p>Aucun engagement ouvert.</p>
        )}
        {d.status === 'approved' || d.status === 'partly_paid' ? (
          <form method="post" action={`/finances/dossiers/${d.id}/caducite`} class="card">
            <h2 id="caducite">Déclarer caduc</h2>
            <p>
              L’aide devient caduque (par exemple, travaux non réalisés dans les trois ans) : ce qui n’a pas
              été versé est rendu aux enveloppes. Cette décision est définitive.
            </p>
            <VersionField version={d.version} />
            <TextArea
              name="motivation"
              label="Motivation"
              hint="Elle figure dans l’historique du dossier, visible du bénéficiaire."
              errors={lapse}
              required
            />
            <button type="submit">Déclarer caduc</button>
          </form>
        ) : (
          ''
        )}
      </>,
      status,
    );
  }

  app.get('/finances/dossiers/:id', (c) => dossierPage(c, requireCaller(c, 'finance', 'admin'), {}));
  app.post('/finances/dossiers/:id/versements', async (c) => {
    const caller = requireCaller(c, 'finance', 'admin');
    const id = c.req.param('id');
    const form = await readForm(c);
    const cents = parseEuros(form.get('amountCents'));
    if (cents === null || cents === undefined)
      return dossierPage(c, caller, { payment: badAmount('amountCents') }, 400);
    try {
      await recordPayment(ctx, caller, id, form.version(), {
        funder: form.get('funder'),
        kind: form.get('kind'),
        amountCents: cents,
        iban: form.get('iban'),
      });
      return seeOther(c, `/finances/dossiers/${id}?ok=1`);
    } catch (e) {
      return dossierPage(c, caller, { payment: formErrors(e) }, 400);
    }
  });

  app.post('/finances/dossiers/:id/caducite', async (c) => {
    const caller = requireCaller(c, 'finance', 'admin');
    const id = c.req.param('id');
    const form = await readForm(c);
    try {
      await lapseCommitment(ctx, caller, id, form.version(), { motivation: form.get('motivation') });
      return seeOther(c, `/finances/dossiers/${id}?ok=caduc`);
    } catch (e) {
      return dossierPage(c, caller, { lapse: formErrors(e) }, 400);
    }
  });

  app.route('/', advanceRoutes(deps));
  app.route('/', reportRoutes(deps));
  app.route('/', referenceGapRoutes(deps));
  return app;
}
