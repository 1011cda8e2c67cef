import { tpeLocationLabel } from '@aides/domain';
import type { Caller } from '@aides/services/caller';
import type { ServiceContext } from '@aides/services/context';
import type { Dossier } from '@aides/services/dossiers/model';
import { locationChoices, locationEditable } from '@aides/services/instruction/location';
import { frDateTime } from '../../lib/format.ts';
import { RadioGroup, SelectField, TextArea, VersionField } from '../../lib/forms.tsx';
import type { FormErrors } from '../../lib/http.ts';

const inhabitants = (n: number) => new Intl.NumberFormat('fr-FR').format(n);

/**
 * « Classement confirmé : rural / QPV (code, nom) » or « Classement à confirmer », for a TPE on
 * every staff page that shows the dossier (instruction, Bureau, finance). Nothing for other schemes.
 */
export function TpeLocationLine(p: { d: Pick<Dossier, 'scheme' | 'locationConfirmation'> }) {
  if (p.d.scheme !== 'TPE') return '';
  const c = p.d.locationConfirmation;
  return (
    <p class="tpe-location">
      <strong>{tpeLocationLabel(c)}</strong>
      {c ? ` — ${c.byName}, ${frDateTime(c.at)}` : ' (par l’instructeur, avant la proposition au Bureau)'}
    </p>
  );
}

/**
 * Issue 14: the instructor confirms where the business is — rural commune (its INSEE population)
 * or a district of its commune in the QPV list in force on the filing date — before proposing it to
 * the Bureau; a change needs a reason. The form is the instructor's only (the service checks it).
 */
export async function LocationSection(p: {
  ctx: ServiceContext;
  caller: Caller;
  d: Dossier;
  errors: FormErrors;
}) {
  const { d } = p;
  if (d.scheme !== 'TPE') return '';
  const c = d.locationConfirmation;
  const editable = locationEditable(d, p.caller);
  const choices = editable ? await locationChoices(p.ctx, p.caller, d.id) : undefined;
  const commune = choices?.commune;
  const list = choices?.list;
  return (
    <section aria-labelledby="localisation">
      <h2 id="localisation">Localisation de l’établissement : rural ou QPV</h2>
      <TpeLocationLine d={d} />
      {c ? (
        <p>
          {c.communeName} ({c.communeInsee}) : {inhabitants(c.population)} habitants — {c.populationSource}.
          {c.qpv
            ? ` Quartier ${c.qpv.name} (${c.qpv.code}), liste ${c.qpv.generation ?? 'historique'}${c.qpv.demonstration ? ' (liste de démonstration)' : ''}.`
            : ''}
          {c.reason ? ` Motif du changement : ${c.reason}` : ''}
        </p>
      ) : (
        ''
      )}
      {editable && choices ? (
        <form method="post" action={`/instruction/dossiers/${d.id}/localisation`}>
          <VersionField version={d.version} />
          <RadioGroup
            idPrefix="loc-"
            name="classification"
            legend="Classement de l’établissement"
            value={c?.classification}
            errors={p.errors}
            block
            options={[
              [
                'rural',
                commune
                  ? `Commune rurale : ${commune.name}, ${inhabitants(commune.population)} habitants (population municipale INSEE)`
                  : 'Commune rurale',
              ],
              ['qpv', 'Quartier prioritaire de la commune (QPV)'],
            ]}
          />
          <SelectField
            idPrefix="loc-"
            name="qpvCode"
            label="Quartier prioritaire (QPV seulement)"
            hint={
              list
                ? `Liste ${list.generation} en vigueur à la date du dépôt${list.demonstration ? ' (liste de démonstration, pas la liste officielle)' : ''}.`
                : 'Aucune liste de quartiers prioritaires n’est en vigueur à la date du dépôt.'
            }
            blank="Aucun quartier"
            value={c?.qpv?.code ?? String(d.application.qpvCode ?? '')}
            options={choices.qpv.map((q) => [q.code, `${q.name} (${q.code})`] as const)}
            errors={p.errors}
          />
          <TextArea
            idPrefix="loc-"
            name="reason"
            label={c ? 'Motif du changement (obligatoire)' : 'Motif (facultatif)'}
            errors={p.errors}
            {...(c ? { required: true } : {})}
          />
          <button type="submit" class="secondary">
            {c ? 'Changer le classement' : 'Confirmer le classement'}
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}
