import type { Caller } from '@aides/services/caller';
import { getDossier } from '@aides/services/dossiers/applications';
import { AppError } from '@aides/services/errors';
import {
  type AdvanceView,
  advancesOwedCsv,
  getRepayableAdvance,
  listRepayableAdvances,
  openRepayableAdvance,
  recordRepayment,
} from '@aides/services/finance/advances';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { euros, frDate, parseEuros } from '../../lib/format.ts';
import { ErrorSummary, Field, Notice } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';

/**
 * Repayable advances (avances remboursables) of TPE in development: the list with what is late,
 * the export of what is still owed, and per dossier the schedule, its opening on the day of
 * disbursement and the repayments finance records.
 */
export function advanceRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  app.get('/finances/avances', async (c) => {
    const caller = requireCaller(c, 'finance', 'admin');
    const items = await listRepayableAdvances(ctx, caller);
    const late = items.filter((a) => a.lateInstalments > 0);
    return render(
      c,
      'Avances remboursables',
      <>
        <h1>Avances remboursables</h1>
        <p>
          Les TPE qui se développent reçoivent une avance remboursable à taux zéro, pas une subvention : elle
          est suivie ici jusqu’à son remboursement, à part des subventions.
        </p>
        <p>
          <a href="/finances/avances.csv">Télécharger ce qui reste dû (CSV)</a>
        </p>
        <h2>Échéances en retard</h2>
        {late.length === 0 ? (
          <p>Aucune échéance en retard.</p>
        ) : (
          <ul>
            {late.map((a) => (
              <li>
                <a href={`/finances/avances/${a.dossierId}`}>{a.reference}</a> — {a.beneficiary} :{' '}
                {a.lateInstalments} échéance(s) en retard, {euros(a.overdueCents)} échus impayés
              </li>
            ))}
          </ul>
        )}
        <h2>Toutes les avances</h2>
        {items.length === 0 ? (
          <p>Aucune avance ouverte.</p>
        ) : (
          <table>
            <caption class="sr-only">Avances remboursables</caption>
            <thead>
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Bénéficiaire</th>
                <th scope="col">Versée le</th>
                <th scope="col">Montant</th>
                <th scope="col">Remboursé</th>
                <th scope="col">Reste dû</th>
                <th scope="col">Échu impayé</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr>
                  <td>
                    <a href={`/finances/avances/${a.dossierId}`}>{a.reference}</a>
                  </td>
                  <td>{a.beneficiary}</td>
                  <td>{frDate(a.disbursedOn)}</td>
                  <td>{euros(a.amountCents)}</td>
                  <td>{euros(a.repaidCents)}</td>
                  <td>{euros(a.outstandingCents)}</td>
                  <td>{euros(a.overdueCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    );
  });

  app.get('/finances/avances.csv', async (c) => {
    const caller = requireCaller(c, 'finance', 'admin');
    return c.body(await advancesOwedCsv(ctx, caller), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="avances-reste-du.csv"',
    });
  });

  async function advancePage(
    c: Context<WebEnv>,
    caller: Caller,
    forms: { open?: FormErrors; repay?: FormErrors },
    status: 200 | 400 = 200,
  ) {
    const id = c.req.param('id') ?? '';
    const d = await getDossier(ctx, caller, id);
    let a: AdvanceView | undefined;
    try {
      a = await getRepayableAdvance(ctx, caller, id);
    } catch (e) {
      if (!(e instanceof AppError && e.status === 404)) throw e;
    }
    const open = forms.open ?? noErrors;
    const repay = forms.repay ?? noErrors;
    const ok = c.req.query('ok');
    return render(
      c,
      `Avance ${d.reference ?? ''}`,
      <>
        <ErrorSummary errors={forms.repay ?? open} anchor={forms.repay ? 'remboursement' : 'ouverture'} />
        <p class="eyebrow">
          <a href="/finances/avances">Avances remboursables</a> ·{' '}
          <a href={`/finances/dossiers/${d.id}`}>Engagements du dossier</a>
        </p>
        <h1>
          Avance remboursable {d.reference} — {d.beneficiary}
        </h1>
        {ok === 'ouverte' ? <Notice>Avance ouverte : l’échéancier est établi.</Notice> : ''}
        {ok === 'rembourse' ? <Notice>Remboursement enregistré.</Notice> : ''}
        {a ? (
          <>
            <p>
              {euros(a.amountCents)} versés le {frDate(a.disbursedOn)} ; premier remboursement{' '}
              {a.deferralMonths} mois après, puis {a.instalments} échéances tous les {a.periodMonths} mois.
              Remboursé : {euros(a.repaidCents)}. <strong>Reste dû : {euros(a.outstandingCents)}</strong>
              {a.overdueCents > 0 ? `, dont ${euros(a.overdueCents)} échus impayés` : ''}.
            </p>
            <table>
              <caption>Échéancier</caption>
              <thead>
                <tr>
                  <th scope="col">Échéance</th>
                  <th scope="col">Date</th>
                  <th scope="col">Montant</th>
                  <th scope="col">Payé</th>
                  <th scope="col">Situation</th>
                </tr>
              </thead>
              <tbody>
                {a.instalmentStates.map((i) => (
                  <tr>
                    <td>{i.number}</td>
                    <td>{frDate(i.dueDate)}</td>
                    <td>{euros(i.amountCents)}</td>
                    <td>{euros(i.paidCents)}</td>
                    <td>
                      {i.paidCents >= i.amountCents
                        ? '✓ Payée'
                        : i.late
                          ? '⚠ En retard'
                          : i.paidCents > 0
                            ? 'Payée en partie'
                            : 'À venir'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {a.outstandingCents > 0 ? (
              <form method="post" action={`/finances/avances/${d.id}/remboursements`} class="card">
                <h2 id="remboursement">Enregistrer un remboursement</h2>
                <Field name="date" label="Date du remboursement" type="date" errors={repay} required />
                <Field name="amountCents" label="Montant (€)" errors={repay} inputmode="decimal" required />
                <button type="submit">Enregistrer le remboursement</button>
              </form>
            ) : (
              <p>Avance entièrement remboursée.</p>
            )}
          </>
        ) : (d.proposal?.computed ?? d.amounts)?.repayableAdvance ? (
          <form method="post" action={`/finances/avances/${d.id}/ouvrir`} class="card">
            <h2 id="ouverture">Ouvrir l’avance</h2>
            <p>
              Après la décision favorable du Bureau, indiquez le jour où l’avance a été versée : l’échéancier
              en découle.
            </p>
            <Field
              name="disbursedOn"
              label="Date de versement de l’avance"
              type="date"
              errors={open}
              required
            />
            <button type="submit">Ouvrir l’avance</button>
          </form>
        ) : (
          <p>Ce dossier n’est pas une avance remboursable.</p>
        )}
      </>,
      status,
    );
  }

  app.get('/finances/avances/:id', (c) => advancePage(c, requireCaller(c, 'finance', 'admin'), {}));

  app.post('/finances/avances/:id/ouvrir', async (c) => {
    const caller = requireCaller(c, 'finance', 'admin');
    const id = c.req.param('id');
    const form = await readForm(c);
    try {
      await openRepayableAdvance(ctx, caller, id, { disbursedOn: form.get('disbursedOn') });
      return seeOther(c, `/finances/avances/${id}?ok=ouverte`);
    } catch (e) {
      return advancePage(c, caller, { open: formErrors(e) }, 400);
    }
  });

  app.post('/finances/avances/:id/remboursements', async (c) => {
    const caller = requireCaller(c, 'finance', 'admin');
    const id = c.req.param('id');
    const form = await readForm(c);
    const cents = parseEuros(form.get('amountCents'));
    if (cents === null || cents === undefined)
      return advancePage(
        c,
        caller,
        {
          repay: {
            message: 'Montant illisible.',
            fields: { amountCents: 'Montant en euros attendu, par exemple 583,33' },
          },
        },
        400,
      );
    try {
      await recordRepayment(ctx, caller, id, { date: form.get('date'), amountCents: cents });
      return seeOther(c, `/finances/avances/${id}?ok=rembourse`);
    } catch (e) {
      return advancePage(c, caller, { repay: formErrors(e) }, 400);
    }
  });

  return app;
}
