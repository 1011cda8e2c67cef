import { CATEGORY_COLUMNS, CEILING_SIZES, ceilingSizeLabels } from '@aides/domain/admin/ceilings';
import { importCeilings, listCeilingTables, publishCeilings } from '@aides/services/admin/ceilings';
import type { Caller } from '@aides/services/caller';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { frDateTime } from '../../lib/format.ts';
import { ErrorSummary, Field, FileField, Notice, TextArea } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';

const euros = (n: number) => `${new Intl.NumberFormat('fr-FR').format(n)} €`;
const sizeKey = (s: number | 'extra') => String(s);
const cellName = (s: number | 'extra', col: string) => `r${sizeKey(s)}.${col}`;

/** Service pointers (`/rows/2/modestMax`, `/2026/rows/…`) → the entry form's cells. */
function entryErrors(e: unknown, rows: readonly { householdSize: number | 'extra' }[]): FormErrors {
  const base = formErrors(e);
  const fields: Record<string, string> = {};
  for (const [name, detail] of Object.entries(base.fields)) {
    const m = /^(?:\d{4}\.)?rows\.(\d+)\.(\w+)$/.exec(name);
    const row = m ? rows[Number(m[1])] : undefined;
    const key =
      row && m
        ? cellName(row.householdSize, m[2] === 'year' ? 'veryModestMax' : (m[2] ?? ''))
        : name === 'rows'
          ? 'year'
          : name;
    fields[key] ??= detail;
  }
  return { ...(base.message ? { message: base.message } : {}), fields };
}

export function ceilingRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  async function page(
    c: Context<WebEnv>,
    caller: Caller,
    o: { entry?: FormErrors; file?: FormErrors; values?: Record<string, string> } = {},
    status: 200 | 400 | 409 = 200,
  ) {
    const tables = await listCeilingTables(ctx, caller);
    const year = ctx.now().getUTCFullYear();
    const v = (k: string, d = '') => o.values?.[k] ?? d;
    const ok = c.req.query('publie');
    const same = c.req.query('inchange');
    const entry = o.entry ?? noErrors;
    const file = o.file ?? noErrors;
    const loaded = tables.some((t) => t.year === year);
    return render(
      c,
      'Plafonds de ressources ANAH',
      <>
        <ErrorSummary
          errors={o.file ?? entry}
          anchor={o.file ? 'importer' : 'saisir'}
          {...(o.file ? { idPrefix: 'import-' } : {})}
        />
        <p class="eyebrow">
          <a href="/admin">Administration</a>
        </p>
        <h1>Plafonds de ressources ANAH (hors Île-de-France)</h1>
        {ok ? <Notice>Barème publié : {ok}. L’éligibilité l’applique dès maintenant.</Notice> : ''}
        {same ? <Notice kind="info">Rien à changer : {same} identique au barème en vigueur.</Notice> : ''}
        {loaded ? (
          ''
        ) : (
          <p class="alert">
            <strong>Barème ANAH {year} non chargé</strong> : les demandes de {year} sont jugées sur le barème
            de l’année précédente, à confirmer.
          </p>
        )}
        {tables.map((t) => (
          <section aria-labelledby={`annee-${t.year}`}>
            <h2 id={`annee-${t.year}`}>Barème {t.year}</h2>
            <p class="hint">
              {t.origin === 'published'
                ? `Publié le ${frDateTime(t.publishedAt)} par ${t.publishedByName ?? '—'}. `
                : 'Intégré à l’application. '}
              Source : {t.source}
            </p>
            <table class="stack">
              <caption class="sr-only">Plafonds {t.year} par taille du foyer</caption>
              <thead>
                <tr>
                  <th scope="col">Foyer</th>
                  {CATEGORY_COLUMNS.map(([, label]) => (
                    <th scope="col">Revenus {label}, au plus</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {t.rows.map((r) => (
                  <tr>
                    <th scope="row">{ceilingSizeLabels[String(r.householdSize)]}</th>
                    {CATEGORY_COLUMNS.map(([col, label]) => (
                      <td data-label={`Revenus ${label}`}>{euros(r[col])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        <h2 id="saisir">Saisir un barème</h2>
        <form method="post" action="/admin/plafonds-anah" class="card" novalidate aria-labelledby="saisir">
          <Field
            name="year"
            label="Année"
            value={v('year', String(year))}
            errors={entry}
            inputmode="numeric"
            required
          />
          {CEILING_SIZES.map((s) => (
            <fieldset>
              <legend>{ceilingSizeLabels[sizeKey(s)]}</legend>
              {CATEGORY_COLUMNS.map(([col, label]) => (
                <Field
                  name={cellName(s, col)}
                  label={`Revenus ${label}, au plus (€)`}
                  value={v(cellName(s, col))}
                  errors={entry}
                  inputmode="numeric"
                  required
                />
              ))}
            </fieldset>
          ))}
          <Field
            name="source"
            label="Source"
            value={v('source')}
            errors={entry}
            required
            hint="Texte officiel ou publication de l’ANAH."
          />
          <TextArea
            name="reason"
            label="Motif (journal d’audit)"
            value={v('reason')}
            errors={entry}
            required
          />
          <button type="submit">Publier le barème</button>
        </form>
        <h2 id="importer">Importer un fichier CSV</h2>
        <form
          method="post"
          action="/admin/plafonds-anah/import"
          enctype="multipart/form-data"
          class="card"
          novalidate
          aria-labelledby="importer"
        >
          <p class="hint">
            Colonnes du fichier de référence : annee, nb_personnes (1 à 5 ou par_personne_supplementaire),
            tres_modestes_max, modestes_max, intermediaires_max, superieurs_au_dela_de, source. Chaque année
            du fichier est vérifiée ; rien n’est publié si une ligne est fausse.
          </p>
          <FileField
            name="csv"
            idPrefix="import-"
            label="Fichier CSV"
            accept=".csv,text/csv"
            errors={file}
            required
          />
          <TextArea
            name="reason"
            idPrefix="import-"
            label="Motif (journal d’audit)"
            value={v('import-reason')}
            errors={file}
            required
          />
          <button type="submit">Importer</button>
        </form>
      </>,
      status,
    );
  }

  app.get('/admin/plafonds-anah', (c) => page(c, requireCaller(c, 'admin')));

  app.post('/admin/plafonds-anah', async (c) => {
    const caller = requireCaller(c, 'admin');
    const form = await readForm(c);
    const values: Record<string, string> = {};
    for (const [k, val] of Object.entries(form.body)) if (typeof val === 'string') values[k] = val.trim();
    const fields: Record<string, string> = {};
    const rows = CEILING_SIZES.map((s) => {
      const cell = (col: string) => {
        const raw = (values[cellName(s, col)] ?? '').replace(/[\s\u00a0\u202f€]/g, '');
        if (!/^\d+$/.test(raw)) fields[cellName(s, col)] = 'Montant en euros entiers attendu';
        return Number(raw);
      };
      return {
        householdSize: s,
        veryModestMax: cell('veryModestMax'),
        modestMax: cell('modestMax'),
        intermediateMax: cell('intermediateMax'),
      };
    });
    if (Object.keys(fields).length)
      return page(
        c,
        caller,
        { entry: { message: 'Certains montants sont illisibles.', fields }, values },
        400,
      );
    try {
      const r = await publishCeilings(ctx, caller, values.year ?? '', {
        rows,
        source: values.source ?? '',
        reason: values.reason ?? '',
      });
      return seeOther(
        c,
        r.published.length
          ? `/admin/plafonds-anah?publie=${r.published.join(',')}`
          : `/admin/plafonds-anah?inchange=${r.unchanged.join(',')}`,
      );
    } catch (e) {
      return page(c, caller, { entry: entryErrors(e, rows), values }, 400);
    }
  });

  app.post('/admin/plafonds-anah/import', async (c) => {
    const caller = requireCaller(c, 'admin');
    const form = await readForm(c);
    const file = form.file('csv');
    const reason = form.get('reason');
    const values = { 'import-reason': reason };
    if (!file) {
      return page(
        c,
        caller,
        { file: { message: 'Aucun fichier choisi.', fields: { csv: 'Choisissez un fichier CSV' } }, values },
        400,
      );
    }
    try {
      const r = await importCeilings(ctx, caller, { csv: await file.text(), reason });
      return seeOther(
        c,
        r.published.length
          ? `/admin/plafonds-anah?publie=${r.published.join(',')}`
          : `/admin/plafonds-anah?inchange=${r.unchanged.join(',')}`,
      );
    } catch (e) {
      const base = formErrors(e);
      const fields: Record<string, string> = {};
      const lines: string[] = [];
      for (const [name, detail] of Object.entries(base.fields)) {
        if (name === 'reason') fields.reason = detail;
        else lines.push(detail);
      }
      if (lines.length) fields.csv = lines.join(' ');
      return page(
        c,
        caller,
        { file: { ...(base.message ? { message: base.message } : {}), fields }, values },
        400,
      );
    }
  });

  return app;
}
