import { SCHEMES, schemeLabels } from '@aides/domain';
import { AppError } from '@aides/services/errors';
import { referenceGaps } from '@aides/services/reports/reference-gaps';
import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { frDateTime } from '../../lib/format.ts';
import { ErrorSummary, Field, SelectField } from '../../lib/forms.tsx';
import { formErrors, noErrors, requireCaller, type WebDeps } from '../../lib/http.ts';
import { render } from '../../lib/render.tsx';

const numbers = (n: number) => (n === 1 ? '1 numéro' : `${n.toLocaleString('fr-FR')} numéros`);

/** « Numéros non attribués »: the year's numbering gaps per scheme, for instruction and finance. */
export function referenceGapRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  app.get('/finances/numeros-non-attribues', async (c) => {
    const caller = requireCaller(c, 'instructor', 'finance', 'admin');
    const annee = c.req.query('annee') || String(ctx.now().getUTCFullYear());
    const dispositif = c.req.query('dispositif') || undefined;
    const filters = (errors: ReturnType<typeof formErrors>) => (
      <form method="get" action="/finances/numeros-non-attribues" class="filters">
        <ErrorSummary errors={errors} labels={{ annee: 'Année', dispositif: 'Dispositif' }} />
        <Field name="annee" label="Année" value={annee} errors={errors} inputmode="numeric" />
        <SelectField
          name="dispositif"
          label="Dispositif"
          value={dispositif}
          errors={errors}
          options={SCHEMES.map((s) => [s, `${s} — ${schemeLabels[s]}`] as const)}
          blank="Tous"
        />
        <button type="submit" class="secondary">
          Afficher
        </button>
      </form>
    );
    let report: Awaited<ReturnType<typeof referenceGaps>>;
    try {
      report = await referenceGaps(ctx, caller, {
        year: annee,
        ...(dispositif ? { scheme: dispositif } : {}),
      });
    } catch (e) {
      if (!(e instanceof AppError && e.status === 400)) throw e;
      const errors = formErrors(e, { year: 'annee', scheme: 'dispositif' });
      return render(
        c,
        'Numéros non attribués',
        <>
          <h1>Numéros non attribués</h1>
          {filters(errors)}
        </>,
        400,
      );
    }
    return render(
      c,
      'Numéros non attribués',
      <>
        <h1>Numéros non attribués en {report.year}</h1>
        <p>{report.method}</p>
        {filters(noErrors)}
        {report.schemes.map((s) => (
          <section aria-labelledby={`gaps-${s.scheme}`}>
            <h2 id={`gaps-${s.scheme}`}>
              {s.scheme} — {s.label}
            </h2>
            <p>
              {numbers(s.taken)} pris, {numbers(s.given)} attribués à un dossier déposé,{' '}
              {numbers(s.gaps.length)} non attribués.
            </p>
            {s.gaps.length ? (
              <table>
                <caption class="sr-only">
                  Numéros non attribués du dispositif {s.scheme} en {report.year}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Numéro</th>
                    <th scope="col">Motif</th>
                    <th scope="col">Constaté le</th>
                  </tr>
                </thead>
                <tbody>
                  {s.gaps.map((g) => (
                    <tr>
                      <td>{g.reference}</td>
                      <td>{g.reason}</td>
                      <td>{g.at ? frDateTime(g.at) : 'non enregistré'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>Aucun numéro non attribué.</p>
            )}
          </section>
        ))}
      </>,
    );
  });

  return app;
}
