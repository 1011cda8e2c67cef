import { type DocumentType, documentTypeLabels, documentTypesByScheme, ruleSetInForce } from '@aides/domain';
import { type Attachment, listAttachments, scanStatusLabels } from '@aides/services/attachments/attachments';
import type { ServiceContext } from '@aides/services/context';
import { getDossier } from '@aides/services/dossiers/applications';
import type { Dossier } from '@aides/services/dossiers/model';
import { AppError } from '@aides/services/errors';
import { loadRuleSets } from '@aides/services/rule-sets';
import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { Notice } from '../../lib/forms.tsx';
import {
  type FormErrors,
  formErrors,
  noErrors,
  readForm,
  requireCaller,
  type WebDeps,
} from '../../lib/http.ts';
import { directUploadAnswer, postToBucket } from '../../lib/presigned-post.ts';
import { render, seeOther } from '../../lib/render.tsx';
import { ApplicantPaymentDocuments, takesPaymentDocuments } from '../payment-documents/applicant-section.tsx';
import { attachmentsApi } from './attachments-api.ts';
import { STEPS } from './steps.ts';
import { UploadForm } from './upload-form.tsx';
import { Progress } from './wizard.tsx';

const UPLOAD_ERROR_FIELD: Record<string, string> = { contentType: 'file', size: 'file', fileName: 'file' };

/** Documents the rule set in force requires before the Bureau's decision. */
export async function requiredDocuments(ctx: ServiceContext, d: Dossier): Promise<readonly string[]> {
  const day = (d.filedAt ?? ctx.now().toISOString()).slice(0, 10);
  return ruleSetInForce(d.scheme, day, await loadRuleSets(ctx, d.scheme))?.documents.beforeDecision ?? [];
}

export const docLabel = (t: string) => documentTypeLabels[t as DocumentType] ?? t;

/** What the panel shows of an attachment (the applicant's view has all of it). */
type ShownAttachment = Pick<
  Attachment,
  'id' | 'documentType' | 'fileName' | 'status' | 'scanStatus' | 'rejectionReason'
> & { verdict?: { valid: boolean; reason?: string } };

const statusText = (a: ShownAttachment) =>
  a.status === 'available'
    ? a.verdict?.valid === false
      ? `Refusée par l’instructeur : ${a.verdict.reason ?? ''}`
      : a.verdict?.valid
        ? 'Vérifiée'
        : 'Reçue'
    : a.status === 'rejected'
      ? `Refusée : ${a.rejectionReason ?? ''}`
      : 'Dépôt non terminé';

/** The list of documents and, when allowed, the upload form (JS: straight to S3 with progress). */
export function DocumentsPanel(p: {
  d: Pick<Dossier, 'id' | 'scheme' | 'status'>;
  attachments: readonly ShownAttachment[];
  required: readonly string[];
  returnTo: string;
  errors: FormErrors;
  canUpload: boolean;
  requested?: readonly string[];
}) {
  const present = new Set(p.attachments.filter((a) => a.status === 'available').map((a) => a.documentType));
  const types = documentTypesByScheme[p.d.scheme] as readonly string[];
  return (
    <section aria-labelledby="pieces-titre">
      <h2 id="pieces-titre">Pièces justificatives</h2>
      {p.required.length ? (
        <>
          <p>Pièces obligatoires pour l’instruction :</p>
          <ul class="checklist">
            {p.required.map((t) => (
              <li class={present.has(t) ? 'done' : 'todo'}>
                {present.has(t) ? '✓ ' : '○ '}
                {docLabel(t)}
                <span class="sr-only">{present.has(t) ? ' (reçue)' : ' (à déposer)'}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {p.attachments.length ? (
        <table>
          <caption>Pièces déposées</caption>
          <thead>
            <tr>
              <th scope="col">Pièce</th>
              <th scope="col">Fichier</th>
              <th scope="col">État</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {p.attachments.map((a) => (
              <tr>
                <td>{docLabel(a.documentType)}</td>
                <td>{a.fileName}</td>
                <td>
                  {statusText(a)}
                  <br />
                  <small>{scanStatusLabels[a.scanStatus]}</small>
                </td>
                <td>
                  {a.status === 'available' ? (
                    <a href={`/dossiers/${p.d.id}/pieces/${a.id}`}>
                      Ouvrir<span class="sr-only"> {a.fileName}</span>
                    </a>
                  ) : (
                    ''
                  )}
                  {p.d.status === 'draft' ? (
                    <form
                      method="post"
                      action={`/dossiers/${p.d.id}/pieces/${a.id}/supprimer`}
                      class="inline"
                    >
                      <input type="hidden" name="retour" value={p.returnTo} />
                      <button type="submit" class="secondary small">
                        Supprimer<span class="sr-only"> {a.fileName}</span>
                      </button>
                    </form>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Aucune pièce déposée pour l’instant.</p>
      )}
      {p.canUpload ? (
        <UploadForm
          dossierId={p.d.id}
          returnTo={p.returnTo}
          errors={p.errors}
          options={(p.requested?.length ? p.requested : types).map((t) => [t, docLabel(t)] as const)}
        />
      ) : (
        ''
      )}
    </section>
  );
}

/** Only same-site paths are allowed as a return address. */
const safeReturn = (r: string, id: string) =>
  /^\/(demandes|mes-dossiers)\/[A-Za-z0-9/-]*$/.test(r) ? r : `/mes-dossiers/${id}`;

export function documentRoutes({ ctx, api }: WebDeps) {
  const app = new Hono<WebEnv>();

  app.get('/demandes/:id/pieces', async (c) => {
    const caller = requireCaller(c, 'applicant');
    const d = await getDossier(ctx, caller, c.req.param('id'));
    if (d.status !== 'draft') return seeOther(c, `/mes-dossiers/${d.id}`);
    const page = await draftDocumentsPage(ctx, d, await listAttachments(ctx, caller, d.id), noErrors);
    return render(
      c,
      'Pièces justificatives',
      c.req.query('piece') ? (
        <>
          <Notice>Pièce déposée.</Notice>
          {page}
        </>
      ) : (
        page
      ),
    );
  });

  async function draftDocumentsPage(
    ctx2: ServiceContext,
    d: Dossier,
    attachments: Attachment[],
    errors: FormErrors,
  ) {
    const steps = STEPS[d.scheme];
    return (
      <>
        <h1>
          Étape {steps.length + 1} sur {steps.length + 2} : pièces justificatives
        </h1>
        <Progress id={d.id} steps={steps} current={steps.length} />
        <DocumentsPanel
          d={d}
          attachments={attachments}
          required={await requiredDocuments(ctx2, d)}
          returnTo={`/demandes/${d.id}/pieces`}
          errors={errors}
          canUpload={true}
        />
        <p class="actions">
          <a class="button secondary" href={`/demandes/${d.id}/etape/${steps.length}`}>
            Précédent
          </a>
          <a class="button" href={`/demandes/${d.id}/recapitulatif`}>
            Suivant : vérifier et déposer
          </a>
        </p>
      </>
    );
  }

  /** Without JavaScript: the file comes to us and we forward it to S3 with the same presigned POST. */
  app.post('/dossiers/:id/pieces', async (c) => {
    const caller = requireCaller(c, 'applicant');
    const id = c.req.param('id');
    const form = await readForm(c);
    const back = safeReturn(form.get('retour'), id);
    const file = form.file('file');
    try {
      if (!file)
        throw new AppError(400, 'requete-invalide', 'Requête invalide', 'Choisissez un fichier.', [
          { pointer: '/file', detail: 'Aucun fichier choisi' },
        ]);
      const files = attachmentsApi(api, c.get('apiToken') ?? '');
      const grant = await files.requestUpload(id, {
        documentType: form.get('documentType'),
        fileName: file.name,
        contentType: file.type,
        size: file.size,
      });
      await postToBucket(grant.upload, file);
      await files.confirmUpload(id, grant.attachment.id);
      return seeOther(c, `${back}?piece=ok`);
    } catch (e) {
      const errors = formErrors(e, UPLOAD_ERROR_FIELD);
      const d = await getDossier(ctx, caller, id);
      const attachments = await listAttachments(ctx, caller, id);
      if (d.status === 'draft')
        return render(c, 'Pièces justificatives', await draftDocumentsPage(ctx, d, attachments, errors), 400);
      if (takesPaymentDocuments(d))
        return render(
          c,
          'Pièces pour le paiement',
          <>
            <h1>Déposer une pièce de paiement</h1>
            {await ApplicantPaymentDocuments({ ctx, caller, d, errors })}
            <p>
              <a href={back}>Retour au dossier</a>
            </p>
          </>,
          400,
        );
      return render(
        c,
        'Pièces justificatives',
        <>
          <h1>Déposer une pièce</h1>
          <DocumentsPanel
            d={d}
            attachments={attachments}
            required={[]}
            returnTo={back}
            errors={errors}
            canUpload={d.status === 'awaiting_documents'}
            requested={d.documentRequest?.documentTypes}
          />
          <p>
            <a href={back}>Retour au dossier</a>
          </p>
        </>,
        400,
      );
    }
  });

  /** With JavaScript: a presigned POST for the browser's direct upload. */
  app.post('/dossiers/:id/pieces/autorisation', async (c) => {
    requireCaller(c, 'applicant');
    const id = c.req.param('id');
    const form = await readForm(c);
    return directUploadAnswer(c, UPLOAD_ERROR_FIELD, async () => {
      const grant = await attachmentsApi(api, c.get('apiToken') ?? '').requestUpload(id, {
        documentType: form.get('documentType'),
        fileName: form.get('fileName'),
        contentType: form.get('contentType'),
        size: Number(form.get('size')),
      });
      return {
        upload: grant.upload,
        next: { confirm: `/dossiers/${id}/pieces/${grant.attachment.id}/confirmer` },
      };
    });
  });

  app.post('/dossiers/:id/pieces/:aid/confirmer', async (c) => {
    requireCaller(c, 'applicant');
    try {
      const files = attachmentsApi(api, c.get('apiToken') ?? '');
      const a = await files.confirmUpload(c.req.param('id'), c.req.param('aid'));
      return c.json({ ok: true, fileName: a.fileName });
    } catch (e) {
      const { message } = formErrors(e);
      return c.json({ message, fields: { file: message } }, 422);
    }
  });

  app.post('/dossiers/:id/pieces/:aid/supprimer', async (c) => {
    requireCaller(c, 'applicant');
    const id = c.req.param('id');
    const form = await readForm(c);
    await attachmentsApi(api, c.get('apiToken') ?? '').deleteAttachment(id, c.req.param('aid'));
    return seeOther(c, safeReturn(form.get('retour'), id));
  });

  /** Open or download: a short-lived link to the object (staff and the owner). */
  app.get('/dossiers/:id/pieces/:aid', async (c) => {
    requireCaller(c);
    const files = attachmentsApi(api, c.get('apiToken') ?? '');
    const { url } = await files.downloadUrl(c.req.param('id'), c.req.param('aid'));
    return c.redirect(url, 303);
  });

  return app;
}
