import {
  deactivateStaff,
  listStaff,
  openDossiersOf,
  reactivateStaff,
  type StaffView,
} from '@aides/services/admin/staff';
import type { Caller } from '@aides/services/caller';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { frDate, frDateTime } from '../../lib/format.ts';
import { ErrorSummary, Notice, TextArea } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';

export function staffRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  app.get('/admin/personnel', async (c) => {
    const caller = requireCaller(c, 'admin');
    const people = await listStaff(ctx, caller);
    return render(
      c,
      'Personnel',
      <>
        <p class="eyebrow">
          <a href="/admin">Administration</a>
        </p>
        <h1>Personnel</h1>
        <p class="hint">
          Une personne apparaît après sa première connexion. Un profil désactivé n’est plus proposé pour une
          assignation ; ses dossiers ouverts sont listés sur sa fiche pour être réassignés.
        </p>
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Courriel</th>
              <th scope="col">Rôles</th>
              <th scope="col">Dernière connexion</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr>
                <td data-label="Nom">
                  <a href={`/admin/personnel/${encodeURIComponent(p.sub)}`}>{p.name}</a>
                </td>
                <td data-label="Courriel">{p.email}</td>
                <td data-label="Rôles">{p.roleLabels.join(', ')}</td>
                <td data-label="Dernière connexion">{p.lastSignInAt ? frDateTime(p.lastSignInAt) : '—'}</td>
                <td data-label="État">{p.active ? 'Actif' : `Désactivé le ${frDate(p.deactivatedAt)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>,
    );
  });

  async function personPage(
    c: Context<WebEnv>,
    caller: Caller,
    sub: string,
    errors: FormErrors,
    status: 200 | 400 | 409 | 422 = 200,
  ) {
    const people = await listStaff(ctx, caller);
    const p: StaffView | undefined = people.find((x) => x.sub === sub);
    if (!p) return c.notFound();
    const open = await openDossiersOf(ctx, caller, sub);
    const done = c.req.query('ok');
    return render(
      c,
      p.name,
      <>
        <ErrorSummary errors={errors} />
        <p class="eyebrow">
          <a href="/admin/personnel">Personnel</a>
        </p>
        <h1>{p.name}</h1>
        {done === 'desactive' ? (
          <Notice>Profil désactivé.</Notice>
        ) : done === 'reactive' ? (
          <Notice>Profil réactivé.</Notice>
        ) : (
          ''
        )}
        <dl>
          <dt>Courriel</dt>
          <dd>{p.email}</dd>
          <dt>Rôles</dt>
          <dd>{p.roleLabels.join(', ')}</dd>
          <dt>Dernière connexion</dt>
          <dd>{p.lastSignInAt ? frDateTime(p.lastSignInAt) : '—'}</dd>
          <dt>État</dt>
          <dd>
            {p.active
              ? 'Actif'
              : `Désactivé le ${frDateTime(p.deactivatedAt)}${p.deactivatedByName ? ` par ${p.deactivatedByName}` : ''}`}
          </dd>
        </dl>
        <h2 id="dossiers">Dossiers ouverts assignés ({open.length})</h2>
        {open.length ? (
          <>
            {p.active ? (
              ''
            ) : (
              <p class="alert">
                Ces dossiers sont à réassigner : ouvrez-les et choisissez un autre instructeur.
              </p>
            )}
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">Dossier</th>
                  <th scope="col">Bénéficiaire</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Déposé le</th>
                </tr>
              </thead>
              <tbody>
                {open.map((d) => (
                  <tr>
                    <td data-label="Dossier">
                      <a href={`/instruction/dossiers/${d.id}`}>{d.reference}</a>
                    </td>
                    <td data-label="Bénéficiaire">{d.beneficiary}</td>
                    <td data-label="Statut">{d.statusLabel}</td>
                    <td data-label="Déposé le">{frDate(d.filedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p>Aucun.</p>
        )}
        <h2 id="etat">{p.active ? 'Désactiver le profil' : 'Réactiver le profil'}</h2>
        <form
          method="post"
          action={`/admin/personnel/${encodeURIComponent(p.sub)}/${p.active ? 'desactiver' : 'reactiver'}`}
          class="card"
          novalidate
          aria-labelledby="etat"
        >
          <TextArea name="reason" label="Motif (journal d’audit)" errors={errors} required />
          <button type="submit">{p.active ? 'Désactiver' : 'Réactiver'}</button>
        </form>
      </>,
      status,
    );
  }

  app.get('/admin/personnel/:sub', (c) =>
    personPage(c, requireCaller(c, 'admin'), c.req.param('sub'), noErrors),
  );

  for (const [path, fn, ok] of [
    ['desactiver', deactivateStaff, 'desactive'],
    ['reactiver', reactivateStaff, 'reactive'],
  ] as const) {
    app.post(`/admin/personnel/:sub/${path}`, async (c) => {
      const caller = requireCaller(c, 'admin');
      const sub = c.req.param('sub');
      const form = await readForm(c);
      try {
        await fn(ctx, caller, sub, { reason: form.get('reason') });
        return seeOther(c, `/admin/personnel/${encodeURIComponent(sub)}?ok=${ok}`);
      } catch (e) {
        return personPage(c, caller, sub, formErrors(e), 400);
      }
    });
  }
  return app;
}
