import {
  DOSSIER_STATES,
  type DossierState,
  SCHEMES,
  type Scheme,
  schemeLabels,
  stateLabels,
} from '@aides/domain';
import { queue, queueCounts } from '@aides/services/instruction/queues';
import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { Field } from '../../lib/forms.tsx';
import { type FormErrors, formErrors, noErrors, requireCaller, type WebDeps } from '../../lib/http.ts';
import { render } from '../../lib/render.tsx';
import { QueueFilterFields } from './filters.tsx';
import { QueueTable } from './queue-table.tsx';

const FILED = DOSSIER_STATES.filter((s) => s !== 'draft');

/** Queues per scheme and status, with counts, filters (commune, filing dates) and paging. */
export function queueRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/instruction', async (c) => {
    const caller = requireCaller(c, 'instructor', 'admin');
    const q = c.req.query();
    const scheme = ((SCHEMES as readonly string[]).includes(q.scheme ?? '') ? q.scheme : 'FTE') as Scheme;
    const status = (
      (FILED as readonly string[]).includes(q.status ?? '') ? q.status : 'submitted'
    ) as DossierState;
    const filters = Object.fromEntries(
      Object.entries({ commune: q.commune, from: q.from, to: q.to, recherche: q.recherche }).filter(
        ([, v]) => v,
      ),
    );
    const counts = await queueCounts(ctx, caller, scheme);
    let result: Awaited<ReturnType<typeof queue>> = { items: [] };
    let errors: FormErrors = noErrors;
    try {
      result = await queue(ctx, caller, {
        scheme,
        status,
        ...Object.fromEntries(Object.entries(filters).filter(([k]) => k !== 'recherche')),
        ...(q.recherche ? { search: q.recherche } : {}),
        limit: 20,
        ...(q.suite ? { cursor: q.suite } : {}),
      });
    } catch (e) {
      errors = formErrors(e, { search: 'recherche' });
    }
    const link = (o: Record<string, string>) =>
      `/instruction?${new URLSearchParams({ scheme, status, ...filters, ...o })}`;
    return render(
      c,
      'Instruction',
      <>
        <h1>Instruction des dossiers</h1>
        <nav aria-label="Dispositifs">
          <ul class="tabs">
            {SCHEMES.map((s) => (
              <li>
                <a href={`/instruction?scheme=${s}`} {...(s === scheme ? { 'aria-current': 'page' } : {})}>
                  {s}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <h2>{schemeLabels[scheme]}</h2>
        <nav aria-label="Files par statut">
          <ul class="counts">
            {FILED.map((s) => (
              <li>
                <a href={link({ status: s })} {...(s === status ? { 'aria-current': 'page' } : {})}>
                  {stateLabels[s]} <span class="count">{counts[s] ?? 0}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <form method="get" action="/instruction" class="filters" aria-label="Filtrer la file">
          <input type="hidden" name="scheme" value={scheme} />
          <input type="hidden" name="status" value={status} />
          <Field
            name="recherche"
            label="Rechercher"
            hint="Référence, nom du bénéficiaire ou SIRET"
            value={q.recherche}
            errors={errors}
          />
          <QueueFilterFields query={q} errors={errors} />
          <button type="submit">Filtrer</button>
        </form>
        <h3>
          {stateLabels[status]} ({counts[status] ?? 0})
        </h3>
        {result.items.length === 0 ? (
          <p>Aucun dossier dans cette file.</p>
        ) : (
          <QueueTable
            items={result.items}
            caption={`Dossiers ${stateLabels[status]}`}
            columns={{ assignee: true }}
          />
        )}
        {result.cursor ? (
          <p>
            <a href={link({ suite: result.cursor })} rel="next">
              Page suivante
            </a>
          </p>
        ) : (
          ''
        )}
      </>,
    );
  });
  return app;
}
