import type { Role } from '@aides/services/caller';
import {
  getMyNotificationPreferences,
  listFailedNotificationsFor,
  retryFailedNotification,
  setMyNotificationPreferences,
} from '@aides/services/notifications/staff';
import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { frDateTime } from '../../lib/format.ts';
import { Checkbox, Notice } from '../../lib/forms.tsx';
import { readForm, requireCaller, type WebDeps } from '../../lib/http.ts';
import { render, seeOther } from '../../lib/render.tsx';

/** Staff pages of the e-mail notifications (issue 13 §2): one's own notices, the failed e-mails. */
export const PREFERENCES_PATH = '/notifications';
export const FAILED_PATH = '/notifications/echecs';
const STAFF: Role[] = ['instructor', 'bureau', 'finance', 'admin'];

const KIND_LABELS: Record<string, string> = {
  filed: 'Accusé de réception',
  documents_requested: 'Demande de pièces',
  decision: 'Décision du Bureau',
  payment: 'Versement',
  works_reminder: 'Rappel de fin de travaux',
  lapsed: 'Caducité',
  assigned: 'Dossier confié (agent)',
  answered: 'Réponse du demandeur (agent)',
};

export function notificationRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  app.get(PREFERENCES_PATH, async (c) => {
    const caller = requireCaller(c, ...STAFF);
    const prefs = await getMyNotificationPreferences(ctx, caller);
    return render(
      c,
      'Mes avis par courriel',
      <>
        <h1>Mes avis par courriel</h1>
        {c.req.query('ok') ? <Notice>Préférence enregistrée.</Notice> : ''}
        <p>
          Les demandeurs reçoivent toujours leurs courriels (accusé de réception, demandes de pièces,
          décision, versements, rappel, caducité). Les avis aux agents vous préviennent quand un dossier vous
          est confié et quand un demandeur répond à votre demande de pièces.
        </p>
        <form method="post" action={PREFERENCES_PATH}>
          <fieldset>
            <legend>Avis aux agents</legend>
            <input type="hidden" name="envoye" value="1" />
            <Checkbox
              name="staffNotices"
              label="Recevoir un courriel quand un dossier m’est confié ou qu’un demandeur me répond"
              checked={prefs.staffNotices}
            />
          </fieldset>
          <button type="submit">Enregistrer</button>
        </form>
        <p>
          <a href={FAILED_PATH}>Courriels en échec</a>
        </p>
      </>,
    );
  });

  app.post(PREFERENCES_PATH, async (c) => {
    const caller = requireCaller(c, ...STAFF);
    const form = await readForm(c);
    await setMyNotificationPreferences(ctx, caller, { staffNotices: form.get('staffNotices') === 'on' });
    return seeOther(c, `${PREFERENCES_PATH}?ok=1`);
  });

  app.get(FAILED_PATH, async (c) => {
    const caller = requireCaller(c, ...STAFF);
    const page = await listFailedNotificationsFor(ctx, caller, c.req.query('suite'));
    return render(
      c,
      'Courriels en échec',
      <>
        <h1>Courriels en échec</h1>
        {c.req.query('ok') ? <Notice>Courriel remis dans la file d’envoi.</Notice> : ''}
        <p>
          Les courriels que le service d’envoi n’a pas pu remettre, après plusieurs tentatives espacées. Une
          fois la cause corrigée (adresse, service d’envoi), « Renvoyer » le remet dans la file.
        </p>
        {page.items.length === 0 ? (
          <p>Aucun courriel en échec.</p>
        ) : (
          <table>
            <caption>Courriels en échec, les plus anciens d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Dossier</th>
                <th scope="col">Courriel</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Échec le</th>
                <th scope="col">Tentatives</th>
                <th scope="col">Dernière erreur</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <tr>
                  <td>
                    <a href={`/instruction/dossiers/${i.dossierId}`}>{i.reference}</a>
                  </td>
                  <td>
                    {KIND_LABELS[i.kind] ?? i.kind}
                    {i.subject ? (
                      <>
                        <br />
                        <small>{i.subject}</small>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td>{i.to}</td>
                  <td>{frDateTime(i.failedAt)}</td>
                  <td>{i.attempts}</td>
                  <td>
                    <small>{i.lastError ?? '—'}</small>
                  </td>
                  <td>
                    <form method="post" action={`${FAILED_PATH}/${i.dossierId}/${i.id}/renvoyer`}>
                      <button type="submit" aria-label={`Renvoyer le courriel du dossier ${i.reference}`}>
                        Renvoyer
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page.cursor ? (
          <p>
            <a href={`${FAILED_PATH}?${new URLSearchParams({ suite: page.cursor })}`}>Page suivante</a>
          </p>
        ) : (
          ''
        )}
      </>,
    );
  });

  app.post(`${FAILED_PATH}/:dossierId/:id/renvoyer`, async (c) => {
    const caller = requireCaller(c, ...STAFF);
    await retryFailedNotification(ctx, caller, c.req.param('dossierId'), c.req.param('id'));
    return seeOther(c, `${FAILED_PATH}?ok=1`);
  });

  return app;
}
