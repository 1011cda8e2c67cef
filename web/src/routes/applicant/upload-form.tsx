import { ALLOWED_TYPES } from '@aides/services/attachments/file-types';
import { ErrorSummary, SelectField } from '../../lib/forms.tsx';
import type { FormErrors } from '../../lib/http.ts';

const ACCEPT = Object.keys(ALLOWED_TYPES).join(',');

/**
 * The form that uploads one document: without JavaScript it posts the file to the server, which
 * forwards it; with it, the page script (`data-upload`) sends it straight to S3 with a progress
 * bar, then confirms and goes back to `returnTo`.
 */
export function UploadForm(p: {
  dossierId: string;
  returnTo: string;
  errors: FormErrors;
  /** The document types offered, as `[value, label]`, the first one chosen. */
  options: readonly (readonly [string, string])[];
  title?: string;
}) {
  const fileError = p.errors.fields.file;
  return (
    <form
      method="post"
      action={`/dossiers/${p.dossierId}/pieces`}
      enctype="multipart/form-data"
      data-upload={`/dossiers/${p.dossierId}/pieces/autorisation`}
      class="card upload"
    >
      <h3>{p.title ?? 'Déposer une pièce'}</h3>
      <ErrorSummary errors={p.errors} />
      <input type="hidden" name="retour" value={p.returnTo} />
      <SelectField
        name="documentType"
        label="Type de pièce"
        value={p.options[0]?.[0]}
        errors={p.errors}
        options={p.options}
      />
      <div class={`field${fileError ? ' has-error' : ''}`}>
        <label for="f-file">Fichier</label>
        <p class="hint" id="f-file-hint">
          PDF, JPEG ou PNG ; 10 Mo au plus (20 Mo pour les devis, factures et plans de financement).
        </p>
        <input
          type="file"
          id="f-file"
          name="file"
          accept={ACCEPT}
          aria-describedby={`f-file-hint${fileError ? ' f-file-error' : ''}`}
          {...(fileError ? { 'aria-invalid': 'true' } : {})}
        />
        <p class="field-error" id="f-file-error" data-upload-error>
          {fileError ?? ''}
        </p>
      </div>
      <progress max={100} value={0} hidden data-upload-progress aria-label="Progression du dépôt" />
      <p role="status" data-upload-status class="hint"></p>
      <button type="submit">Déposer la pièce</button>
    </form>
  );
}
