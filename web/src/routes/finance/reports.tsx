import { addFigures, FUNDERS, funderLabels, noFigures, SCHEMES } from '@aides/domain';
import type { Caller } from '@aides/services/caller';
import { indicatorsCsv, yearlyIndicators } from '@aides/services/reports/indicators';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { passRedirect } from '../../lib/api.ts';
import { euros } from '../../lib/format.ts';
import { ErrorSummary, Field, SelectField } from '../../lib/forms.tsx';
import { type FormErrors, formErrors, noErrors, requireCaller, type WebDeps } from '../../lib/http.ts';
import { render } from '../../lib/render.tsx';
import { SchemeChart } from './chart.tsx';
import { FiguresTable } from './commitment-figures.tsx';
import { ComparisonTable, money, n } from './previous-year.tsx';

/** Export downloads (CSV, XLSX) and the yearly indicators with a chart per scheme. */
export function reportRoutes({ ctx, api }: WebDeps) {
  const app = new Hono<WebEnv>();

  function exportsPage(c: Context<WebEnv>, errors: FormErrors, status: 200 | 400 = 200) {
    const q = c.req.query();
    return render(
      c,
      'Exports',
      <>
        <h1>Exports des engagements et des versements</h1>
        <p>
          Fichiers CSV (tableur en français : séparateur « ; », virgule décimale) ou XLSX. Période par défaut
          : l’année en cours.
        </p>
        <form method="get" action="/finances/exports/telecharger" class="card">
          <ErrorSummary errors={errors} />
          <SelectField
            name="kind"
            label="Contenu"
            value={q.kind}
            errors={errors}
            options={[
              ['commitments', 'Engagements'],
              ['payments', 'Versements'],
            ]}
          />
          <SelectField
            name="format"
            label="Format"
            value={q.format}
            errors={errors}
            options={[
              ['csv', 'CSV'],
              ['xlsx', 'XLSX (Excel)'],
            ]}
          />
          <Field name="from" label="Du" type="date" value={q.from} errors={errors} />
          <Field name="to" label="Au" type="date" value={q.to} errors={errors} />
          <SelectField
            name="scheme"
            label="Dispositif"
            value={q.scheme}
            errors={errors}
            options={SCHEMES.map((s) => [s, s] as const)}
            blank="Tous"
          />
          <SelectField
            name="funder"
            label="Financeur"
            value={q.funder}
            errors={errors}
            options={FUNDERS.map((f) => [f, funderLabels[f]] as const)}
            blank="Tous"
          />
          <Field
            name="budgetLine"
            label="Ligne budgétaire"
            hint="Telle que saisie sur l’enveloppe, par exemple 204-20422-72 ; vide : toutes."
            value={q.budgetLine}
            errors={errors}
          />
          <SelectField
            name="view"
            label="Présentation"
            value={q.view}
            errors={errors}
            options={[
              ['lines', 'Une ligne par engagement ou versement'],
              [
                'summary',
                'Synthèse : sous-totaux par dispositif, financeur et ligne budgétaire, total général',
              ],
            ]}
          />
          <button type="submit">Télécharger</button>
        </form>
        <p>
          Colonnes et définitions : voir la documentation des exports (docs/FINANCE.md). Le fichier XLSX
          détaillé se termine par les sous-totaux et le total général ; le CSV garde une ligne par opération,
          la synthèse est un export à part.
        </p>
      </>,
      status,
    );
  }

  app.get('/finances/exports', (c) => {
    requireCaller(c, 'finance', 'admin');
    return exportsPage(c, noErrors);
  });

  app.get('/finances/exports/telecharger', async (c) => {
    requireCaller(c, 'finance', 'admin');
    const { kind, ...query } = c.req.query();
    try {
      // Written by the API's `exports` function (CSV and XLSX writers), with the visitor's own
      // token (lib/api.ts): the web function carries no writer. Its 303 goes to the browser.
      const res = await api(
        `/api/exports/${kind === 'payments' ? 'payments' : 'commitments'}?${new URLSearchParams(query)}`,
        c.get('apiToken') ?? '',
      );
      return await passRedirect(c, res, 'Export');
    } catch (e) {
      return exportsPage(c, formErrors(e), 400);
    }
  });

  const year = (c: Context<WebEnv>) =>
    /^\d{4}$/.test(c.req.query('annee') ?? '')
      ? (c.req.query('annee') as string)
      : String(new Date().getFullYear());

  async function report(c: Context<WebEnv>, caller: Caller) {
    return yearlyIndicators(ctx, caller, year(c));
  }

  app.get('/finances/indicateurs', async (c) => {
    const caller = requireCaller(c, 'finance', 'bureau', 'instructor', 'admin');
    // The year beside the previous one (issue 16.1): see ./previous-year.tsx.
    const { yearComparison } = await import('@aides/services/reports/comparison');
    const comparison = await yearComparison(ctx, caller, year(c));
    const { current: r, previous: p } = comparison;
    const py = p.year;
    return render(
      c,
      'Indicateurs',
      <>
        <h1>Indicateurs de l’année {r.year}</h1>
        <form method="get" action="/finances/indicateurs" class="filters">
          <Field name="annee" label="Année" value={r.year} errors={noErrors} inputmode="numeric" />
          <button type="submit" class="secondary">
            Afficher
          </button>
        </form>
        <p>
          <a href={`/finances/indicateurs.csv?annee=${r.year}`}>Télécharger les indicateurs (CSV)</a> ·{' '}
          <a href={`/finances/indicateurs-comparees.csv?annee=${r.year}`}>
            Télécharger les indicateurs {r.year} et {py} (CSV)
          </a>
        </p>
        <SchemeChart report={r} />
        <FiguresTable
          caption={`Engagements ${r.year} (datés de la décision) : initial, désengagé, net, versé, reste à verser`}
          head="Dispositif"
          rows={r.schemes.map((s) => ({ label: s.label, figures: s.committed }))}
          total={r.schemes.map((s) => s.committed).reduce(addFigures, noFigures())}
        />
        <h2>Par dispositif</h2>
        <ul>
          <li>
            FTE : {n(r.fte.households, p.fte.households, py)} ménages,{' '}
            {money(r.fte.grantedCents, p.fte.grantedCents, py)} accordés.
          </li>
          <li>
            TPE : {n(r.tpe.businesses, p.tpe.businesses, py)} entreprises (
            {n(r.tpe.rural.businesses, p.tpe.rural.businesses, py)} en commune rurale, dont{' '}
            {n(r.tpe.rural.creations, p.tpe.rural.creations, py)} créations,{' '}
            {n(r.tpe.rural.takeovers, p.tpe.rural.takeovers, py)} reprises et{' '}
            {n(r.tpe.rural.developments, p.tpe.rural.developments, py)} développements ;{' '}
            {n(r.tpe.qpv.businesses, p.tpe.qpv.businesses, py)} en QPV, dont{' '}
            {n(r.tpe.qpv.creations, p.tpe.qpv.creations, py)} créations,{' '}
            {n(r.tpe.qpv.takeovers, p.tpe.qpv.takeovers, py)} reprises et{' '}
            {n(r.tpe.qpv.developments, p.tpe.qpv.developments, py)} développements),{' '}
            {money(r.tpe.grantedCents, p.tpe.grantedCents, py)} pour{' '}
            {money(r.tpe.investmentCents, p.tpe.investmentCents, py)} d’investissement,{' '}
            {n(r.tpe.jobs, p.tpe.jobs, py)} emplois permanents en équivalent temps plein (
            {n(r.tpe.otherContracts, p.tpe.otherContracts, py)} autres contrats à part)
            {r.tpe.repayableAdvances.businesses > 0
              ? ` ; dont ${r.tpe.repayableAdvances.businesses} avances remboursables pour ${euros(r.tpe.repayableAdvances.amountCents)}`
              : ''}
            . Classement rural / QPV : {r.tpe.classification.confirmed} confirmé(s) par l’instruction
            {r.tpe.classification.notConfirmed > 0
              ? ` ; ${r.tpe.classification.notConfirmed} non confirmé(s), déduit(s) de la demande`
              : ''}
            {r.tpe.classification.unclassified > 0
              ? ` ; ${r.tpe.classification.unclassified} ni rural ni QPV selon la demande (non confirmé)`
              : ''}
            .
          </li>
          <li>
            ESS : {n(r.ess.structures, p.ess.structures, py)} structures (
            {n(r.ess.creations, p.ess.creations, py)} créations,{' '}
            {n(r.ess.developments, p.ess.developments, py)} développements,{' '}
            {n(r.ess.womenLed, p.ess.womenLed, py)} dirigées par des femmes),{' '}
            {money(r.ess.grantedCents, p.ess.grantedCents, py)}, {n(r.ess.jobs, p.ess.jobs, py)} emplois
            permanents en équivalent temps plein ({n(r.ess.otherContracts, p.ess.otherContracts, py)} autres
            contrats à part).
          </li>
          <li>
            Habitat : {n(r.habitat.dwellings, p.habitat.dwellings, py)} logements,{' '}
            {money(r.habitat.anahCents, p.habitat.anahCents, py)} Anah et{' '}
            {money(r.habitat.agglomerationCents, p.habitat.agglomerationCents, py)} agglomération.
          </li>
        </ul>
        <ComparisonTable comparison={comparison} />
        <h2>Par commune</h2>
        {r.schemes.map((s) =>
          s.byCommune.length ? (
            <details>
              <summary>
                {s.label} : {s.byCommune.length} commune(s)
              </summary>
              <table>
                <caption>
                  {s.label} — dossiers accordés en {r.year} par commune du bénéficiaire
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Commune</th>
                    <th scope="col">Code INSEE</th>
                    <th scope="col">Dossiers accordés</th>
                    <th scope="col">dont caducs</th>
                    <th scope="col">Montant accordé</th>
                  </tr>
                </thead>
                <tbody>
                  {s.byCommune.map((c) => (
                    <tr>
                      <th scope="row">{c.communeName}</th>
                      <td>{c.communeInsee}</td>
                      <td>{c.files}</td>
                      <td>{c.lapsedFiles}</td>
                      <td>{euros(c.grantedCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : (
            <p>
              {s.label} : aucun dossier accordé en {r.year}.
            </p>
          ),
        )}
        <details>
          <summary>Méthode de calcul</summary>
          <ul>
            {r.method.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </details>
      </>,
    );
  });

  app.get('/finances/indicateurs.csv', async (c) => {
    const caller = requireCaller(c, 'finance', 'bureau', 'instructor', 'admin');
    const r = await report(c, caller);
    return c.body(indicatorsCsv(r), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="indicateurs-${r.year}.csv"`,
    });
  });

  app.get('/finances/indicateurs-comparees.csv', async (c) => {
    const caller = requireCaller(c, 'finance', 'bureau', 'instructor', 'admin');
    const { comparisonCsv, yearComparison } = await import('@aides/services/reports/comparison');
    const comparison = await yearComparison(ctx, caller, year(c));
    return c.body(comparisonCsv(comparison), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="indicateurs-${comparison.year}-${comparison.previousYear}.csv"`,
    });
  });

  return app;
}
