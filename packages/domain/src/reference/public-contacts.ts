/**
 * Public contact details printed on the official letters (CRPA art. R112-5 2°: the acknowledgement
 * names the service handling the file, its postal and electronic address and its telephone number;
 * the decision letters name the court and the online route for an appeal, CJA R421-1, R414-6).
 *
 * Reference data, not code constants and not (yet) admin configuration: each detail carries where
 * it was checked, or `verified: false` with what is missing. Why reference data: these lines are
 * printed on official documents that are stored once and never altered, so a change must come with
 * a new template version (packages/services/src/letters/model.ts) and a review, as the letters'
 * wording does. Moving them to admin-editable configuration would need the template version to
 * follow each edit; see packages/services/src/letters/README.md.
 *
 * Checked on 3 December 2026 with the project's search of stored public pages. A detail that could
 * not be checked there is kept with `verified: false` and printed followed by « à confirmer »; an
 * e-mail address or telephone number that no source gave is not written at all (value `null`,
 * printed « à confirmer »): none is invented.
 */
export interface SourcedDetail {
  /** What is printed; null when no source gave one. */
  readonly value: string | null;
  readonly verified: boolean;
  /** Where it was read (URL and what it says), or why it is not verified. */
  readonly source: string;
}

const unverified = (value: string | null, source: string): SourcedDetail => ({
  value,
  verified: false,
  source,
});
const verified = (value: string, source: string): SourcedDetail => ({ value, verified: true, source });

/** The Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane and its hôtel communautaire. */
export const agglomerationContact = {
  name: verified(
    "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane",
    'https://agglo.bethunebruay.fr/book/export/html/21 (« La Communauté d’agglomération de Béthune-Bruay, ' +
      'Artois Lys Romane … réunit 100 communes »); SIREN 200072460 in @etalab/decoupage-administratif',
  ),
  website: verified(
    'www.bethunebruay.fr',
    'Dossier de presse 2020 of the agglomeration (https://docslib.org/doc/7674482/…: « www.bethunebruay.fr »); ' +
      'the agglomeration publishes its news under https://bethunebruay.fr/fr/actualites/…',
  ),
  /** The seat. Its street address is what the earlier template printed; no stored page confirmed it. */
  postalAddress: unverified(
    'Hôtel communautaire — 100 avenue de Londres, CS 40548, 62411 Béthune Cedex',
    'Not confirmed: the stored pages name the « Hôtel Communautaire » (Bureau communautaire compte rendu ' +
      'of 1 December 2020, https://docslib.org/doc/7116854/…) and Béthune as the seat, but give no street ' +
      'address, CS box or Cedex code.',
  ),
  telephone: unverified(
    null,
    'Not found: the only number in the stored pages is the press contact of the communication service ' +
      '(03 62 61 46 64, dossier de presse 2020), which is not a number for applicants.',
  ),
  openingHours: unverified(
    null,
    'Not found: the dossier de presse 2020 says « L’accueil du public est assuré dans tous les bâtiments du ' +
      'lundi … » but the stored excerpt stops there.',
  ),
} as const;

/**
 * The service handling each scheme's files. The designations are descriptive: no stored page gave the
 * agglomeration's organisation chart, so each is printed « intitulé à confirmer », and no per-service
 * e-mail address is known.
 */
export const schemeServices = {
  FTE: unverified(
    'Service Transition énergétique — Fonds de Transition Énergétique',
    'Organisation chart not found.',
  ),
  HABITAT: unverified('Service Habitat — aides à l’habitat privé', 'Organisation chart not found.'),
  TPE: unverified('Service Développement économique — aides aux TPE', 'Organisation chart not found.'),
  ESS: unverified('Service Économie sociale et solidaire', 'Organisation chart not found.'),
} as const;

export const schemeServiceEmail = unverified(
  null,
  'Not found: no stored page gives an address for applicants (the earlier template’s fte@…, habitat@… were ' +
    'guesses and are no longer printed).',
);

/** Where an appeal goes: CJA R312-1, the tribunal of the seat of the authority (Béthune → Lille). */
export const administrativeCourt = {
  name: verified(
    'Tribunal administratif de Lille',
    'https://lille.tribunal-administratif.fr/qui-sommes-nous/le-tribunal-administratif-de-lille (« juger des ' +
      'recours … dans les départements du Nord et du Pas-de-Calais »)',
  ),
  street: verified(
    '5 rue Geoffroy Saint-Hilaire',
    'https://lille.tribunal-administratif.fr/qui-sommes-nous/histoire-et-patrimoine/histoire-du-tribunal ' +
      '(« En mars 2016, le tribunal administratif de Lille s’est installé au n° 5 rue Geoffroy Saint Hilaire »)',
  ),
  postalBox: unverified(
    'CS 62039, 59014 Lille Cedex',
    'Not confirmed: the stored pages of the tribunal give the street, not the CS box and Cedex code.',
  ),
  online: verified(
    'Télérecours citoyens (www.telerecours.fr)',
    'https://www.service-public.fr/particuliers/actualites/A13310 (« Après avoir créé votre compte personnel ' +
      'sur le site web www.telerecours.fr … »); the tribunal’s page says it can be seized online « via ' +
      'l’application Télérecours citoyens »',
  ),
} as const;

/** How a detail is printed: as is when verified, followed by « (à confirmer) » when not, « à confirmer » when unknown. */
export const printed = (d: SourcedDetail, what = 'à confirmer'): string =>
  d.value === null ? what : d.verified ? d.value : `${d.value} (${what})`;
