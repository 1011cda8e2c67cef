import { SCHEMES, type Scheme, schemeLabels } from '@aides/domain';
import {
  type FigureField,
  figureInputValue,
  formatFigure,
  parseFigureInput,
  unitLabels,
} from '@aides/domain/admin/rule-set-form';
import {
  listRuleSetVersions,
  newVersionDraft,
  previewRuleSet,
  publishRuleSet,
  schemeOf,
} from '@aides/services/admin/rule-sets';
import type { Caller } from '@aides/services/caller';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { euros, frDate, frDateTime } from '../../lib/format.ts';
import { Checkbox, ErrorSummary, Field, Notice, TextArea } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';

/** A figure's value as staff read it, « par défaut » figures marked until a deliberation replaces them. */
export function FigureValue(p: { f: FigureField }) {
  return (
    <>
      {formatFigure(p.f.unit, p.f.value)}
      {p.f.isDefault ? (
        <>
          {' '}
          <strong class="default-mark">par défaut</strong>
        </>
      ) : (
        ''
      )}
    </>
  );
}

function FiguresTable(p: { figures: readonly FigureField[]; caption: string }) {
  return (
    <table class="stack figures">
      <caption class="sr-only">{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Chiffre</th>
          <th scope="col">Valeur</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {p.figures.map((f) => (
          <tr class={f.isDefault ? 'default-figure' : undefined}>
            <td data-label="Chiffre">{f.label}</td>
            <td data-label="Valeur">
              <FigureValue f={f} />
            </td>
            <td data-label="Source">{f.source}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Form names: `v:<path>` for a figure's value, `s:<path>` for its source. */
const valueName = (path: string) => `v:${path}`;
const sourceName = (path: string) => `s:${path}`;

/** The service's JSON pointers → the form's field names. */
function fieldOfPointer(pointer: string): string {
  const m = /^\/figures\/(.+?)(?:\/(value|source))?$/.exec(pointer);
  if (m) return m[2] === 'source' ? sourceName(m[1] ?? '') : valueName(m[1] ?? '');
  const map: Record<string, string> = {
    '/effectiveFrom': 'effectiveFrom',
    '/deliberation/reference': 'deliberationReference',
    '/deliberation/date': 'deliberationDate',
    '/deliberation': 'deliberationReference',
    '/reason': 'reason',
    '/label': 'label',
  };
  return map[pointer] ?? pointer.replace(/^\//, '').replaceAll('/', '.');
}

function toFormErrors(e: unknown): FormErrors {
  const fe = formErrors(e);
  // formErrors names fields from pointers ("/a/b" → "a.b"); ours are named by fieldOfPointer.
  const fields: Record<string, string> = {};
  if (e && typeof e === 'object' && 'errors' in e && Array.isArray((e as { errors: unknown }).errors)) {
    for (const x of (e as { errors: { pointer: string; detail: string }[] }).errors) {
      const name = fieldOfPointer(x.pointer);
      fields[name] ??= x.detail;
    }
  }
  return { ...(fe.message ? { message: fe.message } : {}), fields };
}

type FormValues = Record<string, string>;

/** Schemes running more than one aid (ESS): each has its own versions. */
const TRACK_LABELS: Partial<Record<Scheme, Record<string, string>>> = {
  ESS: { default: 'aide aux emplois', call_for_projects: 'appel à projets' },
};
const trackOfQuery = (raw: string | undefined) =>
  raw === 'call_for_projects' ? 'call_for_projects' : 'default';

interface Preview {
  changes: {
    path: string;
    label: string;
    before: { value: number; source: string };
    after: { value: number; source: string };
  }[];
  dossiers: {
    id: string;
    reference: string;
    beneficiary: string;
    statusLabel: string;
    ruleSetVersion: string;
    currentCents: number;
    newCents: number;
    differenceCents: number;
  }[];
  ruleSet: { version: string; label: string; effectiveFrom: string };
}

export function ruleSetRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  app.get('/admin/reglements', async (c) => {
    const caller = requireCaller(c, 'admin');
    const rows = await Promise.all(SCHEMES.map((s) => listRuleSetVersions(ctx, caller, s)));
    return render(
      c,
      'Règlements des dispositifs',
      <>
        <p class="eyebrow">
          <a href="/admin">Administration</a>
        </p>
        <h1>Règlements des dispositifs</h1>
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">Dispositif</th>
              <th scope="col">Version en vigueur</th>
              <th scope="col">Délibération</th>
              <th scope="col">Chiffres « par défaut »</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const current = r.items.find((v) => v.inForce) ?? r.items.at(-1);
              return (
                <tr class={current?.defaultCount ? 'default-figure' : undefined}>
                  <td data-label="Dispositif">
                    <a href={`/admin/reglements/${r.scheme}`}>
                      {r.scheme} — {schemeLabels[r.scheme]}
                    </a>
                  </td>
                  <td data-label="Version en vigueur">
                    {current ? `${current.label} (depuis le ${frDate(current.effectiveFrom)})` : '—'}
                  </td>
                  <td data-label="Délibération">
                    {current
                      ? `${current.deliberation.reference} du ${frDate(current.deliberation.date)}`
                      : '—'}
                  </td>
                  <td data-label="Chiffres « par défaut »">
                    {current?.defaultCount ? (
                      <strong class="default-mark">{current.defaultCount} à confirmer</strong>
                    ) : (
                      'aucun'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </>,
    );
  });

  app.get('/admin/reglements/:scheme', async (c) => {
    const caller = requireCaller(c, 'admin');
    const { scheme, items } = await listRuleSetVersions(ctx, caller, c.req.param('scheme'));
    const published = c.req.query('publie');
    return render(
      c,
      `Règlement ${scheme}`,
      <>
        <p class="eyebrow">
          <a href="/admin/reglements">Règlements des dispositifs</a>
        </p>
        <h1>
          Règlement {scheme} — {schemeLabels[scheme]}
        </h1>
        {published ? <Notice>Version {published} publiée.</Notice> : ''}
        <p class="actions">
          {[...new Set(items.map((v) => v.track))].map((track) => (
            <a
              class="button"
              href={`/admin/reglements/${scheme}/nouvelle${track === 'default' ? '' : `?aide=${track}`}`}
            >
              Nouvelle version{TRACK_LABELS[scheme]?.[track] ? ` — ${TRACK_LABELS[scheme]?.[track]}` : ''}
            </a>
          ))}
        </p>
        <h2>Versions</h2>
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Date d’effet</th>
              <th scope="col">Délibération</th>
              <th scope="col">Origine</th>
              <th scope="col">Chiffres « par défaut »</th>
            </tr>
          </thead>
          <tbody>
            {[...items].reverse().map((v) => (
              <tr>
                <td data-label="Version">
                  <a href={`#version-${v.version}`}>{v.label}</a>
                  {v.inForce ? (
                    <>
                      {' '}
                      <span class="status">en vigueur</span>
                    </>
                  ) : (
                    ''
                  )}
                </td>
                <td data-label="Date d’effet">{frDate(v.effectiveFrom)}</td>
                <td data-label="Délibération">
                  {v.deliberation.reference} du {frDate(v.deliberation.date)}
                </td>
                <td data-label="Origine">
                  {v.origin === 'published'
                    ? `Publiée${v.publishedAt ? ` le ${frDateTime(v.publishedAt)}` : ''}${v.publishedBy ? ` par ${v.publishedBy}` : ''}`
                    : 'Intégrée à l’application'}
                </td>
                <td data-label="Chiffres « par défaut »">
                  {v.defaultCount ? <strong class="default-mark">{v.defaultCount}</strong> : 'aucun'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {[...items].reverse().map((v) => (
          <section id={`version-${v.version}`} aria-labelledby={`titre-${v.version}`}>
            <h2 id={`titre-${v.version}`}>
              {v.label}
              {v.inForce ? ' (en vigueur)' : ''}
            </h2>
            <p>
              Date d’effet : {frDate(v.effectiveFrom)}. Délibération {v.deliberation.reference} du{' '}
              {frDate(v.deliberation.date)} ({v.deliberation.source}).
            </p>
            <details open={v.inForce}>
              <summary>Chiffres et sources ({v.figures.length})</summary>
              <FiguresTable figures={v.figures} caption={`Chiffres de ${v.label}`} />
            </details>
          </section>
        ))}
      </>,
    );
  });

  async function formPage(
    c: Context<WebEnv>,
    caller: Caller,
    scheme: Scheme,
    values: FormValues | undefined,
    errors: FormErrors,
    preview?: Preview,
    status: 200 | 400 | 409 | 422 = 200,
  ) {
    const track = trackOfQuery(values?.track ?? c.req.query('aide'));
    const draft = await newVersionDraft(ctx, caller, scheme, track);
    const today = ctx.now().toISOString().slice(0, 10);
    const v = (name: string, fallback = '') => values?.[name] ?? fallback;
    const sections = [...new Set(draft.figures.map((f) => f.section))];
    return render(
      c,
      `Nouvelle version du règlement ${scheme}`,
      <>
        <ErrorSummary
          errors={errors}
          labels={Object.fromEntries(draft.figures.map((f) => [valueName(f.path), f.label]))}
        />
        <p class="eyebrow">
          <a href={`/admin/reglements/${scheme}`}>Règlement {scheme}</a>
        </p>
        <h1>
          Nouvelle version du règlement {scheme}
          {TRACK_LABELS[scheme]?.[track] ? ` — ${TRACK_LABELS[scheme]?.[track]}` : ''}
        </h1>
        <p>
          À partir de « {draft.base.label} » (en vigueur depuis le {frDate(draft.base.effectiveFrom)}). Les
          montants sont en euros, les taux en pourcentage. Un chiffre modifié prend la délibération pour
          source, sauf si vous en indiquez une autre.
        </p>
        {preview ? <PreviewSection preview={preview} figures={draft.figures} /> : ''}
        <form method="post" action={`/admin/reglements/${scheme}/nouvelle`} novalidate>
          <input type="hidden" name="track" value={track} />
          <fieldset>
            <legend>Délibération et date d’effet</legend>
            <Field
              name="deliberationReference"
              label="Référence de la délibération"
              hint="Obligatoire pour publier, par exemple « DEL-2026-123 »."
              value={v('deliberationReference')}
              errors={errors}
              required
            />
            <Field
              name="deliberationDate"
              label="Date de la délibération"
              type="date"
              value={v('deliberationDate', today)}
              errors={errors}
              required
            />
            <Field
              name="effectiveFrom"
              label="Date d’effet"
              hint={`Les demandes déposées à partir de cette date suivent la nouvelle version ; pas avant le ${frDate(draft.base.effectiveFrom)}.`}
              type="date"
              value={v('effectiveFrom', today)}
              errors={errors}
              required
            />
            <Field name="label" label="Intitulé (facultatif)" value={v('label')} errors={errors} />
          </fieldset>
          {sections.map((section) => (
            <fieldset>
              <legend>{section || 'Chiffres'}</legend>
              {draft.figures
                .filter((f) => f.section === section)
                .map((f) => (
                  <div class={f.isDefault ? 'figure default-figure' : 'figure'}>
                    <Field
                      name={valueName(f.path)}
                      label={`${f.label}${unitLabels[f.unit] ? ` (${unitLabels[f.unit]})` : ''}`}
                      hint={`Actuellement ${formatFigure(f.unit, f.value)}${f.isDefault ? ' — par défaut, à confirmer par délibération' : ''}.`}
                      value={v(valueName(f.path), figureInputValue(f.unit, f.value))}
                      errors={errors}
                      inputmode={
                        f.unit === 'count' || f.unit === 'months' || f.unit === 'years'
                          ? 'numeric'
                          : 'decimal'
                      }
                    />
                    <Field
                      name={sourceName(f.path)}
                      label={`Source : ${f.label}`}
                      value={v(sourceName(f.path), f.source)}
                      errors={errors}
                    />
                  </div>
                ))}
            </fieldset>
          ))}
          <Checkbox
            name="confirmDefaults"
            label="La délibération confirme aussi les chiffres « par défaut » laissés inchangés"
            checked={v('confirmDefaults') === 'on'}
          />
          <TextArea
            name="reason"
            label="Motif (journal d’audit)"
            value={v('reason')}
            errors={errors}
            hint="Obligatoire pour publier."
          />
          <div class="actions">
            <button type="submit" name="action" value="apercu" class="secondary">
              Aperçu des dossiers touchés
            </button>
            <button type="submit" name="action" value="publier">
              Publier la version
            </button>
          </div>
        </form>
      </>,
      status,
    );
  }

  app.get('/admin/reglements/:scheme/nouvelle', (c) =>
    formPage(c, requireCaller(c, 'admin'), schemeOf(c.req.param('scheme')), undefined, noErrors),
  );

  app.post('/admin/reglements/:scheme/nouvelle', async (c) => {
    const caller = requireCaller(c, 'admin');
    const scheme = schemeOf(c.req.param('scheme'));
    const form = await readForm(c);
    const values: FormValues = {};
    for (const [k, val] of Object.entries(form.body)) if (typeof val === 'string') values[k] = val.trim();
    const track = trackOfQuery(values.track);
    const draft = await newVersionDraft(ctx, caller, scheme, track);
    const fields: Record<string, string> = {};
    const figures: Record<string, { value: number; source?: string }> = {};
    for (const f of draft.figures) {
      const raw = values[valueName(f.path)];
      const source = values[sourceName(f.path)];
      if (raw === undefined) continue;
      const parsed = parseFigureInput(f.unit, raw);
      if (parsed === null || parsed === undefined) {
        fields[valueName(f.path)] =
          f.unit === 'count' || f.unit === 'months' || f.unit === 'years'
            ? 'Nombre entier attendu'
            : 'Nombre attendu, deux décimales au plus (par exemple 12,5)';
        continue;
      }
      if (parsed !== f.value || (source !== undefined && source !== f.source))
        figures[f.path] = { value: parsed, ...(source ? { source } : {}) };
    }
    if (Object.keys(fields).length)
      return formPage(
        c,
        caller,
        scheme,
        values,
        { message: 'Certains chiffres sont illisibles.', fields },
        undefined,
        400,
      );
    const body = {
      effectiveFrom: values.effectiveFrom ?? '',
      ...(values.label ? { label: values.label } : {}),
      deliberation: { reference: values.deliberationReference ?? '', date: values.deliberationDate ?? '' },
      figures,
      confirmDefaults: values.confirmDefaults === 'on',
      track,
    };
    try {
      if (form.get('action') === 'publier') {
        const done = await publishRuleSet(ctx, caller, scheme, { ...body, reason: values.reason ?? '' });
        return seeOther(c, `/admin/reglements/${scheme}?publie=${encodeURIComponent(done.version)}`);
      }
      const preview = await previewRuleSet(ctx, caller, scheme, body);
      return formPage(c, caller, scheme, values, noErrors, preview);
    } catch (e) {
      const errors = toFormErrors(e);
      const status =
        e && typeof e === 'object' && 'status' in e ? Number((e as { status: number }).status) : 400;
      return formPage(
        c,
        caller,
        scheme,
        values,
        errors,
        undefined,
        status === 409 || status === 422 ? status : 400,
      );
    }
  });

  return app;
}

function PreviewSection(p: { preview: Preview; figures: readonly FigureField[] }) {
  const { preview } = p;
  const unitOf = (path: string) => p.figures.find((f) => f.path === path)?.unit ?? 'count';
  return (
    <section class="card" aria-labelledby="apercu">
      <h2 id="apercu">Aperçu : {preview.ruleSet.label}</h2>
      <p>
        Date d’effet : {frDate(preview.ruleSet.effectiveFrom)}. Rien n’est publié tant que vous n’avez pas
        cliqué sur « Publier la version ».
      </p>
      <h3>Chiffres modifiés</h3>
      {preview.changes.length ? (
        <ul>
          {preview.changes.map((ch) => (
            <li>
              {ch.label} : {formatFigure(unitOf(ch.path), ch.before.value)} →{' '}
              {formatFigure(unitOf(ch.path), ch.after.value)} (source : {ch.after.source})
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun chiffre modifié.</p>
      )}
      <h3>Dossiers en instruction dont le montant changerait</h3>
      <p class="hint">
        Pour information du Bureau : ces dossiers gardent le règlement sous lequel ils ont été déposés.
      </p>
      {preview.dossiers.length ? (
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">Dossier</th>
              <th scope="col">Bénéficiaire</th>
              <th scope="col">Statut</th>
              <th scope="col">Montant actuel</th>
              <th scope="col">Avec la nouvelle version</th>
              <th scope="col">Écart</th>
            </tr>
          </thead>
          <tbody>
            {preview.dossiers.map((d) => (
              <tr>
                <td data-label="Dossier">
                  <a href={`/instruction/dossiers/${d.id}`}>{d.reference}</a> (règlement {d.ruleSetVersion})
                </td>
                <td data-label="Bénéficiaire">{d.beneficiary}</td>
                <td data-label="Statut">{d.statusLabel}</td>
                <td data-label="Montant actuel">{euros(d.currentCents)}</td>
                <td data-label="Avec la nouvelle version">{euros(d.newCents)}</td>
                <td data-label="Écart">
                  {d.differenceCents > 0 ? '+' : ''}
                  {euros(d.differenceCents)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Aucun dossier en instruction ne changerait de montant.</p>
      )}
    </section>
  );
}
