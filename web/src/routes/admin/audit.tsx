import { auditCsv, auditTypeLabels, searchAudit } from '@aides/services/admin/audit';
import { listStaff } from '@aides/services/admin/staff';
import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { frDateTime } from '../../lib/format.ts';
import { ErrorSummary, Field, SelectField } from '../../lib/forms.tsx';
import { type FormErrors, formErrors, noErrors, requireCaller, type WebDeps } from '../../lib/http.ts';
import { render } from '../../lib/render.tsx';

const FILTERS = ['reference', 'actor', 'type', 'from', 'to'] as const;

export function auditRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  app.get('/admin/journal', async (c) => {
    const caller = requireCaller(c, 'admin');
    const query: Record<string, string> = {};
    for (const k of FILTERS) {
      const v = c.req.query(k)?.trim();
      if (v) query[k] = v;
    }
    const people = await listStaff(ctx, caller);
    let errors: FormErrors = noErrors;
    let result: Awaited<ReturnType<typeof searchAudit>> | undefined;
    try {
      result = await searchAudit(ctx, caller, query);
    } catch (e) {
      errors = formErrors(e);
    }
    const csvHref = `/admin/journal.csv?${new URLSearchParams(query).toString()}`;
    return render(
      c,
      'Journal d’audit',
      <>
        <ErrorSummary errors={errors} />
        <p class="eyebrow">
          <a href="/admin">Administration</a>
        </p>
        <h1>Journal d’audit</h1>
        <form method="get" action="/admin/journal" class="filters" aria-label="Filtres du journal">
          <Field name="reference" label="Référence du dossier" value={query.reference} errors={errors} />
          <SelectField
            name="actor"
            label="Personne"
            value={query.actor}
            errors={errors}
            blank="Toutes"
            options={people.map((p) => [p.sub, p.name] as const)}
          />
          <SelectField
            name="type"
            label="Type d’événement"
            value={query.type}
            errors={errors}
            blank="Tous"
            options={Object.entries(auditTypeLabels).map(([k, l]) => [k, l] as const)}
          />
          <Field name="from" label="Du" type="date" value={query.from ?? result?.from} errors={errors} />
          <Field name="to" label="Au" type="date" value={query.to ?? result?.to} errors={errors} />
          <button type="submit" class="secondary">
            Filtrer
          </button>
        </form>
        {result ? (
          <>
            <p>
              {result.items.length} événement{result.items.length > 1 ? 's' : ''}
              {result.truncated ? ' (les 500 plus récents : resserrez les filtres)' : ''}.{' '}
              <a href={csvHref}>Exporter en CSV</a>
            </p>
            <table class="stack audit">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Événement</th>
                  <th scope="col">Personne</th>
                  <th scope="col">Objet</th>
                  <th scope="col">Motif</th>
                  <th scope="col">Avant → après</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((e) => (
                  <tr>
                    <td data-label="Date">{frDateTime(e.at)}</td>
                    <td data-label="Événement">{e.typeLabel}</td>
                    <td data-label="Personne">{e.actorName}</td>
                    <td data-label="Objet">
                      {e.dossierId ? (
                        <a href={`/instruction/dossiers/${e.dossierId}`}>{e.subject}</a>
                      ) : (
                        e.subject
                      )}
                    </td>
                    <td data-label="Motif">{e.why ?? ''}</td>
                    <td data-label="Avant → après">
                      {e.changes.length ? (
                        <ul>
                          {e.changes.map((ch) => (
                            <li>
                              {ch.field} : {ch.before ? `${ch.before} → ` : ''}
                              {ch.after}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        ''
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          ''
        )}
      </>,
      errors === noErrors ? 200 : 400,
    );
  });

  app.get('/admin/journal.csv', async (c) => {
    const caller = requireCaller(c, 'admin');
    const query: Record<string, string> = {};
    for (const k of FILTERS) {
      const v = c.req.query(k)?.trim();
      if (v) query[k] = v;
    }
    const result = await searchAudit(ctx, caller, query);
    return new Response(auditCsv(result.items), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="journal-audit-${result.from}-${result.to}.csv"`,
        'cache-control': 'no-store',
      },
    });
  });
  return app;
}
