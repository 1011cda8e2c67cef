import { myQueue } from '@aides/services/instruction/queues';
import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { SelectField } from '../../lib/forms.tsx';
import { type FormErrors, formErrors, noErrors, requireCaller, type WebDeps } from '../../lib/http.ts';
import { render } from '../../lib/render.tsx';
import { QueueFilterFields } from './filters.tsx';
import { QueueTable } from './queue-table.tsx';

export const MY_QUEUE_PATH = '/instruction/assignes-a-moi';

/** "Assignés à moi": the caller's dossiers, every scheme and status, oldest filing first. */
export function myQueueRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get(MY_QUEUE_PATH, async (c) => {
    const caller = requireCaller(c, 'instructor', 'admin');
    const q = c.req.query();
    const filters = Object.fromEntries(
      Object.entries({ commune: q.commune, from: q.from, to: q.to }).filter(([, v]) => v),
    ) as Record<string, string>;
    // Page size: 20 unless asked (kept in the paging links).
    const size = /^\d{1,3}$/.test(q.par ?? '') ? Math.min(100, Math.max(1, Number(q.par))) : 20;
    if (q.par) filters.par = String(size);
    let result: Awaited<ReturnType<typeof myQueue>> = { items: [] };
    let errors: FormErrors = noErrors;
    try {
      const { par: _par, ...query } = filters;
      result = await myQueue(ctx, caller, { ...query, limit: size, ...(q.suite ? { cursor: q.suite } : {}) });
    } catch (e) {
      // A damaged "page suivante" link has no field to point at: the message alone says it.
      const found = formErrors(e);
      const { cursor: _cursor, ...fields } = found.fields;
      errors = { ...found, fields };
    }
    const next = result.cursor
      ? `${MY_QUEUE_PATH}?${new URLSearchParams({ ...filters, suite: result.cursor })}`
      : undefined;
    return render(
      c,
      'Assignés à moi',
      <>
        <p class="eyebrow">
          <a href="/instruction">Instruction</a>
        </p>
        <h1>Dossiers qui me sont assignés</h1>
        <form method="get" action={MY_QUEUE_PATH} class="filters" aria-label="Filtrer mes dossiers">
          <QueueFilterFields query={q} errors={errors} />
          <SelectField
            name="par"
            label="Dossiers par page"
            value={String(size)}
            errors={errors}
            options={[
              ['10', '10'],
              ['20', '20'],
              ['50', '50'],
            ]}
          />
          <button type="submit">Filtrer</button>
        </form>
        {q.suite ? (
          <p>
            <a href={`${MY_QUEUE_PATH}?${new URLSearchParams(filters)}`}>Revenir à la première page</a>
          </p>
        ) : (
          ''
        )}
        {result.items.length === 0 ? (
          <p>
            Aucun dossier ne vous est assigné
            {Object.keys(filters).some((k) => k !== 'par') ? ' avec ces filtres' : ''}.
          </p>
        ) : (
          <QueueTable
            items={result.items}
            caption="Dossiers qui me sont assignés, du plus ancien dépôt au plus récent"
            columns={{ schemeAndState: true }}
          />
        )}
        {next ? (
          <p>
            <a href={next} rel="next">
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
