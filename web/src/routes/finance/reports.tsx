import { addFigures, FUNDERS, funderLabels, noFigures, SCHEMES } from '@aides/domain';
import type { Caller } from '@aides/services/caller';
import { indicatorsCsv, yearlyIndicators } from '@aides/services/reports/indicators';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { euros } from '../../lib/format.ts';
import { ErrorSummary, Field, SelectField } from '../../lib/forms.tsx';
import { type FormErrors, formErrors, noErrors, requireCaller, type WebDeps } from '../../lib/http.ts';
import { render } from '../../lib/render.tsx';
import { SchemeChart } from './chart.tsx';
import { FiguresTable } from './commitment-figures.tsx';

/** « 24 », « 1,5 »: full-time equivalents as people read them. */
const fteFr = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n);

/** Export downloads (CSV, XLSX) and the yearly indicators with a chart per scheme. */
export function reportRoutes({ ctx }: WebDeps) {
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
    const caller = requireCaller(c, 'finance', 'admin');
    const { kind, ...query } = c.req.query();
    try {
      // The export writers load on first use, not at every cold start of the web function.
      const { exportToObject } = await import('@aides/services/finance/exports');
      const { url } = await exportToObject(
        ctx,
        caller,
        kind === 'payments' ? 'payments' : 'commitments',
        query,
      );
      return c.redirect(url, 303);
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
    const r = await report(c, caller);
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
          <a href={`/finances/indicateurs.csv?annee=${r.year}`}>Télécharger les indicateurs (CSV)</a>
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
            FTE : {r.fte.households} ménages, {euros(r.fte.grantedCents)} accordés.
          </li>
          <li>
            TPE : {r.tpe.businesses} entreprises ({r.tpe.rural.businesses} en commune rurale, dont{' '}
            {r.tpe.rural.creations} créations, {r.tpe.rural.takeovers} reprises et {r.tpe.rural.developments}{' '}
            développements ; {r.tpe.qpv.businesses} en QPV, dont {r.tpe.qpv.creations} créations,{' '}
            {r.tpe.qpv.takeovers} reprises et {r.tpe.qpv.developments} développements),{' '}
            {euros(r.tpe.grantedCents)} pour {euros(r.tpe.investmentCents)} d’investissement,{' '}
            {`${fteFr(r.tpe.jobs)} emplois permanents en équivalent temps plein (${r.tpe.otherContracts} autres contrats à part)`}
            {r.tpe.repayableAdvances.businesses > 0
              ? ` ; dont ${r.tpe.repayableAdvances.businesses} avances remboursables pour ${euros(r.tpe.repayableAdvances.amountCents)}`
              : ''}
            .
          </li>
          <li>
            ESS : {r.ess.structures} structures ({r.ess.creations} créations, {r.ess.developments}{' '}
            développements, {r.ess.womenLed} dirigées par des femmes), {euros(r.ess.grantedCents)},{' '}
            {`${fteFr(r.ess.jobs)} emplois permanents en équivalent temps plein (${r.ess.otherContracts} autres contrats à part).`}
          </li>
          <li>
            Habitat : {r.habitat.dwellings} logements, {euros(r.habitat.anahCents)} Anah et{' '}
            {euros(r.habitat.agglomerationCents)} agglomération.
          </li>
        </ul>
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

  return app;
}
