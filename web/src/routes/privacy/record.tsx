import { durationFr, RECORD_OF_PROCESSING as R, RETENTION_RULES, retentionActionLabels } from '@aides/domain';

/** The record of processing, from the domain's data and the retention table (docs/RECORD-OF-PROCESSING.md says the same). */
export function RecordOfProcessing() {
  const list = (items: readonly string[]) => (
    <ul>
      {items.map((i) => (
        <li>{i}</li>
      ))}
    </ul>
  );
  return (
    <>
      <h1>Registre des traitements : aides de l’agglomération</h1>
      <p>Responsable du traitement : {R.controller}.</p>
      <p>{R.dpo}.</p>
      <h2>Finalités</h2>
      {list(R.purposes)}
      <h2>Bases légales</h2>
      {list(R.legalBases)}
      <h2>Personnes concernées</h2>
      {list(R.peopleCategories)}
      <h2>Données traitées</h2>
      {list(R.dataCategories)}
      <h2>Destinataires</h2>
      {list(R.recipients)}
      <p>{R.transfers}</p>
      <h2>Durées de conservation</h2>
      <ul>
        {RETENTION_RULES.map((r) => (
          <li>
            {r.label} : {durationFr(r.duration)} à compter de la {r.clockStarts}. Au terme :{' '}
            {retentionActionLabels[r.action].toLowerCase()}.
          </li>
        ))}
      </ul>
      <h2>Mesures de sécurité</h2>
      {list(R.security)}
      <h2>Vos droits</h2>
      <p>{R.rights}</p>
    </>
  );
}
