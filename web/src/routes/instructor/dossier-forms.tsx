import { FUNDERS, funderLabels } from '@aides/domain';
import type { Attachment } from '@aides/services/attachments/attachments';
import { scanStatusLabels } from '@aides/services/attachments/attachments';
import type { Dossier } from '@aides/services/dossiers/model';
import { AppError } from '@aides/services/errors';
import type { DirectoryEntry } from '@aides/services/people/directory';
import { euros } from '../../lib/format.ts';
import {
  Checkbox,
  ErrorSummary,
  Field,
  fieldId,
  RadioGroup,
  SelectField,
  TextArea,
  VersionField,
} from '../../lib/forms.tsx';
import { type FormErrors, noErrors } from '../../lib/http.ts';
import { docLabel } from '../applicant/documents.tsx';

/** The forms of the dossier page; a refused one is shown again with its errors. */
export type FormKey = 'take' | 'assign' | 'request' | 'propose' | 'note' | 'verdict' | 'location';
export type Forms = Partial<Record<FormKey, FormErrors>> & {
  /** The attachment whose verdict form was refused. */
  readonly verdictFor?: string;
};
export const errorsOf = (f: Forms, k: FormKey) => f[k] ?? noErrors;

/** A refusal found by the page itself (an unreadable input), shown like the services' ones. */
export const formError = (name: string, detail: string) =>
  new AppError(400, 'requete-invalide', 'Requête invalide', 'Certaines valeurs ne peuvent pas être lues.', [
    { pointer: `/${name}`, detail },
  ]);

/** Where each form's fields and section are: the summary links there. */
const FORM_PLACES: Record<Exclude<FormKey, 'verdict'>, { prefix: string; anchor: string }> = {
  take: { prefix: 'take-', anchor: 'prendre' },
  assign: { prefix: 'assign-', anchor: 'reattribuer' },
  request: { prefix: '', anchor: 'demande-pieces' },
  propose: { prefix: '', anchor: 'proposition' },
  note: { prefix: 'note-', anchor: 'notes' },
  location: { prefix: 'loc-', anchor: 'localisation' },
};

/**
 * The refused form's errors, first in the page and focused, as on the household forms: each
 * field error links to its field, the message to the form; a proposal refused for documents not
 * yet verified links to each of them in the table.
 */
export function StaffErrorSummary(p: {
  forms: Forms;
  attachments: readonly Attachment[];
  required: readonly string[];
}) {
  const key = (Object.keys(FORM_PLACES) as FormKey[]).concat('verdict').find((k) => p.forms[k]);
  if (!key) return '';
  const errors = errorsOf(p.forms, key);
  if (key === 'verdict') {
    const aid = p.forms.verdictFor ?? '';
    return <ErrorSummary errors={errors} idPrefix={verdictPrefix(aid)} anchor={`piece-${aid}`} />;
  }
  const place = FORM_PLACES[key];
  const verified = new Set(
    p.attachments.filter((a) => a.status === 'available' && a.verdict?.valid).map((a) => a.documentType),
  );
  const toVerify =
    key === 'propose' && /^Pièces à vérifier/.test(errors.message ?? '')
      ? p.required.filter((t) => !verified.has(t))
      : [];
  const links = toVerify.map((t) => {
    const row = p.attachments.find((a) => a.documentType === t && a.status === 'available');
    return { href: row ? `#piece-${row.id}` : '#pieces', text: `${docLabel(t)} : avis à donner` };
  });
  // A TPE proposed before its rural / QPV classification is confirmed (issue 14): link to that form.
  if (key === 'propose' && /classement de l’établissement/.test(errors.message ?? ''))
    links.push({ href: '#localisation', text: 'Classement rural ou QPV : à confirmer' });
  return (
    <ErrorSummary
      errors={errors}
      idPrefix={place.prefix}
      anchor={toVerify.length ? 'pieces' : place.anchor}
      links={links}
    />
  );
}

/** Ids of one attachment's verdict fields: `f-v-<id>-valid`, `f-v-<id>-reason`. */
export const verdictPrefix = (attachmentId: string) => `v-${attachmentId}-`;

/** The attachments with, while the dossier is reviewed, a verdict form per attachment. */
export function AttachmentsTable(p: {
  d: Dossier;
  attachments: readonly Attachment[];
  reviewing: boolean;
  forms: Forms;
}) {
  const { d } = p;
  return (
    <table>
      <caption class="sr-only">Pièces du dossier</caption>
      <thead>
        <tr>
          <th scope="col">Pièce</th>
          <th scope="col">Fichier</th>
          <th scope="col">Avis</th>
        </tr>
      </thead>
      <tbody>
        {p.attachments
          .filter((a) => a.status === 'available')
          .map((a) => {
            const prefix = verdictPrefix(a.id);
            const errors = p.forms.verdictFor === a.id ? errorsOf(p.forms, 'verdict') : noErrors;
            return (
              <tr id={`piece-${a.id}`}>
                <td>{docLabel(a.documentType)}</td>
                <td>
                  <a href={`/dossiers/${d.id}/pieces/${a.id}`}>
                    Ouvrir<span class="sr-only"> {a.fileName}</span>
                  </a>{' '}
                  <small>
                    {a.fileName} · {scanStatusLabels[a.scanStatus]}
                  </small>
                </td>
                <td>
                  {a.verdict ? (
                    <p>
                      {a.verdict.valid ? 'Conforme' : `Non conforme : ${a.verdict.reason ?? ''}`}{' '}
                      <small>({a.verdict.byName})</small>
                    </p>
                  ) : (
                    ''
                  )}
                  {p.reviewing ? (
                    <form
                      method="post"
                      action={`/instruction/dossiers/${d.id}/pieces/${a.id}/avis`}
                      class="verdict"
                    >
                      <RadioGroup
                        name="valid"
                        idPrefix={prefix}
                        legend={`Avis sur ${docLabel(a.documentType)}`}
                        legendClass="sr-only"
                        value={a.verdict?.valid === false ? 'non' : 'oui'}
                        errors={errors}
                        options={[
                          ['oui', 'Conforme'],
                          ['non', 'Non conforme'],
                        ]}
                      />
                      <Field
                        idPrefix={prefix}
                        name="reason"
                        label="Motif communiqué au demandeur (si non conforme)"
                        hint="Le demandeur lit ce motif sur son dossier : dites ce qui ne va pas et ce qu’il doit fournir."
                        errors={errors}
                      />
                      <button type="submit" class="small">
                        Enregistrer l’avis<span class="sr-only"> sur {docLabel(a.documentType)}</span>
                      </button>
                    </form>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            );
          })}
      </tbody>
    </table>
  );
}

/**
 * Hands the dossier to another instructor, chosen by name from the staff directory (kept from
 * sign-ins); the current assignee is not offered.
 */
export function AssignForm(p: { d: Dossier; errors: FormErrors; instructors: readonly DirectoryEntry[] }) {
  const { d } = p;
  const others = p.instructors.filter((i) => i.sub !== d.assigneeSub);
  return (
    <section aria-labelledby="reattribuer">
      <h2 id="reattribuer">Réattribuer le dossier</h2>
      {others.length === 0 ? (
        <p>
          Aucun autre instructeur ne s’est encore connecté : il apparaîtra ici après sa première connexion.
        </p>
      ) : (
        <form method="post" action={`/instruction/dossiers/${d.id}/attribuer`}>
          <VersionField version={d.version} />
          <SelectField
            idPrefix="assign-"
            name="assigneeSub"
            label="Instructeur"
            blank="Choisir un instructeur"
            options={others.map((i) => [i.sub, i.email ? `${i.name} (${i.email})` : i.name] as const)}
            errors={p.errors}
            required
          />
          <button type="submit" class="secondary">
            Réattribuer
          </button>
        </form>
      )}
    </section>
  );
}

/** Requesting documents and proposing to the Bureau, while the dossier is in review. */
export function ActionForms(p: { d: Dossier; forms: Forms; types: string[] }) {
  const { d } = p;
  const req = errorsOf(p.forms, 'request');
  const prop = errorsOf(p.forms, 'propose');
  return (
    <>
      <section aria-labelledby="demande-pieces">
        <h2 id="demande-pieces">Demander des pièces</h2>
        <form method="post" action={`/instruction/dossiers/${d.id}/demande-pieces`}>
          <VersionField version={d.version} />
          <fieldset {...(req.fields.documentTypes ? { 'aria-describedby': 'f-documentTypes-error' } : {})}>
            <legend>Pièces à fournir</legend>
            {req.fields.documentTypes ? (
              <p class="field-error" id="f-documentTypes-error">
                {req.fields.documentTypes}
              </p>
            ) : (
              ''
            )}
            {p.types.map((t, i) => (
              <Checkbox
                name="documentTypes"
                value={t}
                label={docLabel(t)}
                checked={false}
                {...(i === 0 ? { id: fieldId('documentTypes') } : {})}
              />
            ))}
          </fieldset>
          <TextArea name="message" label="Message au demandeur" errors={req} required />
          <button type="submit">Envoyer la demande de pièces</button>
        </form>
      </section>
      <section aria-labelledby="proposition">
        <h2 id="proposition">Proposition au Bureau</h2>
        <form method="post" action={`/instruction/dossiers/${d.id}/proposition`}>
          <VersionField version={d.version} />
          <RadioGroup
            name="kind"
            legend="Sens de la proposition"
            value="grant"
            errors={prop}
            options={[
              ['grant', `Accord${d.amounts ? ` (montant calculé : ${euros(d.amounts.totalCents)})` : ''}`],
              ['refusal', 'Refus'],
            ]}
          />
          <TextArea name="text" label="Texte de la proposition" errors={prop} />
          <TextArea name="motivation" label="Motivation du refus (obligatoire pour un refus)" errors={prop} />
          <details {...(Object.keys(prop.fields).some((k) => k.startsWith('adj')) ? { open: true } : {})}>
            <summary>Ajuster le montant (accord seulement)</summary>
            {FUNDERS.filter((f) => (d.amounts?.maxByFunder[f] ?? 0) > 0).map((f) => (
              <Field
                name={`adj.${f}`}
                label={`Montant ${funderLabels[f]} (€), au plus ${euros(d.amounts?.maxByFunder[f])}`}
                errors={prop}
                inputmode="decimal"
              />
            ))}
            <TextArea name="adjMotivation" label="Motivation de l’ajustement" errors={prop} />
          </details>
          <button type="submit">Proposer au Bureau</button>
        </form>
      </section>
    </>
  );
}
