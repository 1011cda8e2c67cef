import type { BureauSession } from '@aides/services/bureau/model';
import { frDate, frDateTime } from '../../lib/format.ts';
import { ErrorSummary, Field, TextArea } from '../../lib/forms.tsx';
import type { FormErrors, readForm } from '../../lib/http.ts';

/**
 * The Bureau secretary's record of a session, for the deliberation extract: members in office and
 * present, proxies, quorum, signatory, dates of transmission to the préfecture and of publication.
 * Until the extract is issued it can be corrected; afterwards it is shown, frozen.
 */

type Form = Awaited<ReturnType<typeof readForm>>;

/** Form fields → the API's body (numbers as typed: a non-number gets the service's French error). */
export function minutesInputFromForm(form: Form) {
  const int = (name: string) => {
    const raw = form.get(name);
    return /^\d+$/.test(raw) ? Number(raw) : raw === '' ? undefined : raw;
  };
  return {
    membersInOffice: int('membersInOffice'),
    membersPresent: form
      .get('membersPresent')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    proxies: int('proxies') ?? 0,
    quorum: int('quorum'),
    signatory: { name: form.get('signatory.name'), title: form.get('signatory.title') },
    transmittedOn: form.get('transmittedOn'),
    publishedOn: form.get('publishedOn'),
  };
}

const LABELS: Record<string, string> = {
  membersInOffice: 'Membres en exercice',
  membersPresent: 'Membres présents',
  proxies: 'Pouvoirs',
  quorum: 'Quorum',
  'signatory.name': 'Signataire',
  'signatory.title': 'Qualité du signataire',
  transmittedOn: 'Transmission à la préfecture',
  publishedOn: 'Publication',
};

export function SessionMinutesSection(p: {
  session: BureauSession;
  errors: FormErrors;
  /** What was typed, when the form was refused. */
  typed?: ReturnType<typeof minutesInputFromForm> | undefined;
}) {
  const s = p.session;
  const m = s.minutes;
  if (s.extractIssuedAt && m) {
    return (
      <section aria-labelledby="releve" class="card">
        <h2 id="releve">Relevé de la séance</h2>
        <p>
          Extrait certifié exécutoire délivré le {frDateTime(s.extractIssuedAt)} : le relevé ne peut plus être
          modifié.
        </p>
        <ul>
          <li>
            Membres en exercice : {m.membersInOffice} ; présents : {m.membersPresent.length} ; pouvoirs :{' '}
            {m.proxies} ; quorum : {m.quorum}
          </li>
          <li>Présents : {m.membersPresent.join(', ')}</li>
          <li>
            Signataire : {m.signatory.title}, {m.signatory.name}
          </li>
          <li>
            Transmission à la préfecture : {frDate(m.transmittedOn)} ; publication : {frDate(m.publishedOn)}
          </li>
        </ul>
      </section>
    );
  }
  const v = p.typed;
  const str = (x: unknown) => (x === undefined || x === null ? '' : String(x));
  return (
    <section aria-labelledby="releve">
      <h2 id="releve">Relevé de la séance (pour l’extrait)</h2>
      <ErrorSummary errors={p.errors} labels={LABELS} idPrefix="releve-" anchor="releve" />
      <p>
        L’extrait devient « certifié exécutoire » une fois ce relevé complet (dates de transmission à la
        préfecture et de publication comprises) et tous les dossiers décidés ; il est alors délivré une fois
        pour toutes et la séance est close.
      </p>
      <form method="post" action={`/bureau/seances/${s.id}/releve`} class="card">
        <Field
          idPrefix="releve-"
          name="membersInOffice"
          label="Membres en exercice"
          inputmode="numeric"
          value={str(v ? v.membersInOffice : m?.membersInOffice)}
          errors={p.errors}
          required
        />
        <TextArea
          idPrefix="releve-"
          name="membersPresent"
          label="Membres présents"
          hint="Un nom par ligne"
          value={(v ? v.membersPresent : (m?.membersPresent ?? [])).join('\n')}
          errors={p.errors}
          required
        />
        <Field
          idPrefix="releve-"
          name="proxies"
          label="Pouvoirs"
          hint="Membres absents ayant donné pouvoir"
          inputmode="numeric"
          value={str(v ? v.proxies : (m?.proxies ?? 0))}
          errors={p.errors}
        />
        <Field
          idPrefix="releve-"
          name="quorum"
          label="Quorum"
          hint="La majorité des membres en exercice"
          inputmode="numeric"
          value={str(v ? v.quorum : m?.quorum)}
          errors={p.errors}
          required
        />
        <Field
          idPrefix="releve-"
          name="signatory.name"
          label="Signataire"
          value={v ? v.signatory.name : m?.signatory.name}
          errors={p.errors}
          required
        />
        <Field
          idPrefix="releve-"
          name="signatory.title"
          label="Qualité du signataire"
          hint="Par exemple « Le Président »"
          value={v ? v.signatory.title : m?.signatory.title}
          errors={p.errors}
          required
        />
        <Field
          idPrefix="releve-"
          name="transmittedOn"
          label="Date de transmission à la préfecture"
          type="date"
          value={v ? v.transmittedOn : m?.transmittedOn}
          errors={p.errors}
        />
        <Field
          idPrefix="releve-"
          name="publishedOn"
          label="Date de publication"
          type="date"
          value={v ? v.publishedOn : m?.publishedOn}
          errors={p.errors}
        />
        <button type="submit">Enregistrer le relevé</button>
      </form>
    </section>
  );
}
