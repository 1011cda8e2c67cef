/**
 * The record of processing (RGPD art. 30) of this service, as data: the public page and
 * docs/RECORD-OF-PROCESSING.md say the same (a test checks the document against this and the
 * retention table), so it changes with the code.
 */
export const RECORD_OF_PROCESSING = {
  controller:
    'Communauté d’agglomération de Béthune-Bruay, Artois Lys Romane (CABBALR), SIREN 200072460, représentée par son président',
  dpo: 'Délégué à la protection des données de la CABBALR (coordonnées à compléter par l’agglomération)',
  purposes: [
    'Recevoir et instruire les demandes d’aide (Fonds de Transition Énergétique, aides aux TPE, aides à l’ESS, aides à l’habitat déléguées par l’ANAH)',
    'Préparer les décisions du Bureau communautaire, notifier les décisions, engager et verser les aides',
    'Produire les indicateurs annuels des dispositifs (données anonymisées)',
    'Assurer la sécurité du service (journal des consultations par le personnel)',
  ],
  legalBases: [
    'Mission d’intérêt public (RGPD, article 6.1.e) : compétences de développement économique et d’habitat de l’agglomération (CGCT, article L5216-5), délégation des aides à la pierre de l’ANAH (CCH, article L301-5-1)',
    'Obligation légale (RGPD, article 6.1.c) : comptabilité publique et conservation des archives publiques (Code du patrimoine, livre II)',
  ],
  peopleCategories: [
    'Demandeurs : ménages, propriétaires occupants ou bailleurs, dirigeants de TPE et de structures de l’ESS',
    'Personnes citées dans les demandes : membres du foyer, dirigeants, salariés à recruter, entreprises de travaux',
    'Agents de l’agglomération (instructeurs, Bureau, finances, administrateurs)',
  ],
  dataCategories: [
    'Identité et coordonnées (nom, prénom, date de naissance, adresse, courriel, téléphone)',
    'Situation du foyer et revenus (composition, revenu fiscal de référence, numéro fiscal et référence de l’avis d’impôt)',
    'Situation d’autonomie pour les travaux d’adaptation (âge, GIR, taux d’incapacité) : donnée de santé, traitée pour la seule instruction',
    'Entreprise ou structure (raison sociale, SIRET, effectifs, emplois créés, aides de minimis reçues)',
    'Projet et travaux (devis, montants, entreprises), pièces justificatives et coordonnées bancaires (RIB)',
    'Décisions, engagements et versements ; historique du dossier ; journal des consultations (agent, date, dossier, adresse consultée)',
  ],
  recipients: [
    'Agents habilités de l’agglomération : instruction, Bureau communautaire, finances, administrateurs',
    'ANAH (aides à l’habitat instruites par délégation)',
    'Région Hauts-de-France (aides aux entreprises cofinancées)',
    'Trésor public (comptable public de l’agglomération) : mandats de paiement et pièces justificatives',
    'Archives départementales du Pas-de-Calais : visa des bordereaux d’élimination',
  ],
  transfers: 'Aucun transfert hors de l’Union européenne : hébergement AWS région Paris (eu-west-3).',
  security: [
    'Chiffrement au repos (clés KMS gérées par l’agglomération) et en transit (TLS uniquement)',
    'Comptes personnels ; double authentification obligatoire pour le personnel ; droits par rôle, vérifiés à chaque requête',
    'Pièces jointes analysées par un antivirus (GuardDuty) avant tout téléchargement ; liens de téléchargement valables une minute',
    'Journal des consultations par le personnel, consultable par les administrateurs',
    'Sauvegardes (AWS Backup, restauration à un instant donné) et alarmes d’exploitation',
    'Purge automatique au terme des durées de conservation, avec bordereau et visa des archives pour les dossiers accordés',
  ],
  rights:
    'Accès et portabilité : « Mes données » dans l’espace personnel (ou demande écrite au DPO). Rectification : auprès de l’instructeur du dossier. Réclamation : CNIL (www.cnil.fr).',
} as const;
