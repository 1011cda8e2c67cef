import type { Scheme } from '@aides/domain';

/**
 * The service that handles each scheme's files, as CRPA art. R112-5 2° requires the
 * acknowledgement to name it: designation, postal address, e-mail address and telephone number.
 *
 * NOT VERIFIED: no official directory of the agglomeration's services was available offline. The
 * postal address is the Hôtel communautaire's as commonly published; the e-mail addresses and the
 * telephone number must be confirmed by the agglomeration before going live. Changing any of them
 * means a new template version (model.ts), since they are printed on the letters.
 */
export interface ServiceContact {
  readonly name: string;
  readonly address: readonly string[];
  readonly email: string;
  readonly phone: string;
}

const POSTAL = [
  "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane",
  'Hôtel communautaire — 100 avenue de Londres',
  'CS 40548 — 62411 Béthune Cedex',
];

export const serviceContacts: Record<Scheme, ServiceContact> = {
  FTE: {
    name: 'Service Transition énergétique — Fonds de Transition Énergétique',
    address: POSTAL,
    email: 'fte@bethunebruay.fr',
    phone: '03 21 61 50 00',
  },
  HABITAT: {
    name: 'Service Habitat — aides à l’habitat privé',
    address: POSTAL,
    email: 'habitat@bethunebruay.fr',
    phone: '03 21 61 50 00',
  },
  TPE: {
    name: 'Service Développement économique — aides aux TPE',
    address: POSTAL,
    email: 'entreprendre@bethunebruay.fr',
    phone: '03 21 61 50 00',
  },
  ESS: {
    name: 'Service Économie sociale et solidaire',
    address: POSTAL,
    email: 'ess@bethunebruay.fr',
    phone: '03 21 61 50 00',
  },
};

export const AGGLOMERATION_NAME = "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane";

/** Where a contentious appeal goes (CJA art. R312-1: the tribunal of the author's seat, Béthune → Lille). */
export const ADMINISTRATIVE_COURT = {
  name: 'Tribunal administratif de Lille',
  address: '5 rue Geoffroy Saint-Hilaire, CS 62039, 59014 Lille Cedex',
  online: 'Télérecours citoyens (www.telerecours.fr)',
};
