import type { Scheme } from '@aides/domain';
import {
  administrativeCourt,
  agglomerationContact,
  printed,
  schemeServiceEmail,
  schemeServices,
} from '@aides/domain/reference/public-contacts';

/**
 * The service that handles each scheme's files, as CRPA art. R112-5 2° requires the
 * acknowledgement to name it: designation, postal address, e-mail address and telephone number.
 *
 * Built from the reference data in packages/domain/src/reference/public-contacts.ts, where each
 * detail has its source or says why it is not verified. What is not verified is printed followed by
 * « à confirmer », and what no source gave (the telephone, the e-mail address, the opening hours) is
 * printed « à confirmer » alone: the agglomeration must confirm them before going live. Changing
 * any of them means a new template version (model.ts), since they are printed on the letters.
 */
export interface ServiceContact {
  readonly name: string;
  /** The agglomeration's name, then the postal address. */
  readonly address: readonly string[];
  readonly email: string;
  readonly phone: string;
  readonly hours: string;
  readonly website: string;
}

export const AGGLOMERATION_NAME = agglomerationContact.name.value as string;

const POSTAL = [AGGLOMERATION_NAME, printed(agglomerationContact.postalAddress, 'adresse à confirmer')];

const contactOf = (scheme: Scheme): ServiceContact => ({
  name: printed(schemeServices[scheme], 'intitulé à confirmer'),
  address: POSTAL,
  email: printed(schemeServiceEmail),
  phone: printed(agglomerationContact.telephone),
  hours: printed(agglomerationContact.openingHours),
  website: printed(agglomerationContact.website),
});

export const serviceContacts: Record<Scheme, ServiceContact> = {
  FTE: contactOf('FTE'),
  HABITAT: contactOf('HABITAT'),
  TPE: contactOf('TPE'),
  ESS: contactOf('ESS'),
};

/** Where a contentious appeal goes (CJA art. R312-1: the tribunal of the author's seat, Béthune → Lille). */
export const ADMINISTRATIVE_COURT = {
  name: printed(administrativeCourt.name),
  address: `${printed(administrativeCourt.street)}, ${printed(administrativeCourt.postalBox, 'boîte postale et code à confirmer')}`,
  online: printed(administrativeCourt.online),
};
