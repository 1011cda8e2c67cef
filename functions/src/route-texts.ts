/**
 * What the OpenAPI document says of each route, by operation id: its tag, one-line summary and
 * description, in French. Kept apart from the route table (routes.ts), which every function loads at
 * cold start: only the system function, which serves the document, loads these texts. A route
 * without its texts, or texts without a route, does not compile (a record over `OperationId`).
 */
import type { OperationId } from './routes.ts';

/** OpenAPI tags: one per business area, as clients group their methods (descriptions: system/openapi.ts). */
export const TAGS = [
  'Système',
  'Demandes',
  'Pièces',
  'Instruction',
  'Bureau',
  'Finances',
  'Rapports',
  'Administration',
  'Imports',
] as const;
export type Tag = (typeof TAGS)[number];

export interface RouteText {
  readonly tag: Tag;
  /** French, one line. */
  readonly summary: string;
  /** French: what it does, for whom, and what to expect. */
  readonly description: string;
}

export const ROUTE_TEXTS: Record<OperationId, RouteText> = {
  getHealth: {
    tag: 'Système',
    summary: 'État du service et des stockages',
    description: 'Sans jeton. 200 si la table et le compartiment répondent, 503 (même corps) sinon.',
  },
  getOpenApiDocument: {
    tag: 'Système',
    summary: 'Document OpenAPI 3.1',
    description: 'Sans jeton. Ce document : de quoi générer un client typé.',
  },
  getMe: {
    tag: 'Système',
    summary: 'Identité et rôles de l’appelant',
    description: 'Ce que le jeton dit de l’appelant : identifiant, nom, courriel et rôles.',
  },
  createDraft: {
    tag: 'Demandes',
    summary: 'Créer un brouillon',
    description: 'Le demandeur ouvre un brouillon pour un dispositif ; la déclaration peut être incomplète.',
  },
  listMyDossiers: {
    tag: 'Demandes',
    summary: 'Mes dossiers',
    description: 'Les dossiers du demandeur, du plus récent au plus ancien, par pages de 50 (`cursor`).',
  },
  getDossier: {
    tag: 'Demandes',
    summary: 'Lire un dossier et sa chronologie',
    description:
      'Le dossier tel que l’appelant peut le lire (vue du demandeur ou des services) et sa chronologie. ' +
      'L’ETag porte la version à renvoyer en If-Match.',
  },
  updateDraft: {
    tag: 'Demandes',
    summary: 'Modifier un brouillon',
    description: 'Remplace la déclaration d’un brouillon. If-Match obligatoire : 409 si le dossier a changé.',
  },
  estimateDossier: {
    tag: 'Demandes',
    summary: 'Pré-contrôle d’éligibilité et estimation du montant',
    description:
      'Sans rien enregistrer : les champs manquants, ou l’éligibilité et les montants du règlement en vigueur.',
  },
  submitDossier: {
    tag: 'Demandes',
    summary: 'Déposer la demande',
    description:
      'Dépose un brouillon complet : numéro de dossier, éligibilité et montants figés. If-Match obligatoire ; ' +
      'avec une Idempotency-Key, un dépôt rejoué rend la première réponse.',
  },
  answerDocumentRequest: {
    tag: 'Demandes',
    summary: 'Répondre à une demande de pièces',
    description:
      'Le demandeur signale qu’il a joint les pièces demandées ; le dossier revient en instruction.',
  },
  withdrawDossier: {
    tag: 'Demandes',
    summary: 'Retirer la demande',
    description: 'Le demandeur classe sa demande sans suite, avec un motif.',
  },
  requestUpload: {
    tag: 'Pièces',
    summary: 'Autorisation de dépôt d’une pièce',
    description:
      'Rend la pièce en attente et un POST présigné (adresse et champs) pour envoyer le fichier au stockage.',
  },
  listAttachments: {
    tag: 'Pièces',
    summary: 'Pièces du dossier',
    description: 'Les pièces telles que l’appelant peut les lire (le verdict reste aux services).',
  },
  confirmUpload: {
    tag: 'Pièces',
    summary: 'Confirmer le dépôt',
    description:
      'Après l’envoi du fichier : contrôle de sa taille et de son type réel, puis analyse antivirus.',
  },
  getDownloadLink: {
    tag: 'Pièces',
    summary: 'Lien de téléchargement de courte durée',
    description: 'Un lien présigné, seulement pour une pièce reçue et saine.',
  },
  deleteAttachment: {
    tag: 'Pièces',
    summary: 'Supprimer une pièce',
    description: 'Tant que le dossier est un brouillon.',
  },
  listQueue: {
    tag: 'Instruction',
    summary: 'File par dispositif et statut',
    description: 'Dossiers d’un dispositif dans un statut, du plus ancien dépôt au plus récent, par pages.',
  },
  listMyQueue: {
    tag: 'Instruction',
    summary: 'Dossiers qui me sont assignés',
    description: 'Les dossiers en cours assignés à l’instructeur appelant, par pages.',
  },
  countQueues: {
    tag: 'Instruction',
    summary: 'Nombre de dossiers par statut',
    description: 'Pour un dispositif (`scheme`) : le nombre de dossiers dans chaque statut.',
  },
  listInstructors: {
    tag: 'Instruction',
    summary: 'Instructeurs à qui assigner un dossier',
    description: 'Les instructeurs connus (ceux qui se sont déjà connectés).',
  },
  assignDossier: {
    tag: 'Instruction',
    summary: 'Prendre ou assigner un dossier',
    description: 'Sans `assigneeSub`, l’appelant prend le dossier ; sinon il l’assigne à cet instructeur.',
  },
  recordVerdict: {
    tag: 'Instruction',
    summary: 'Verdict sur une pièce',
    description: 'Pièce valable ou non (avec un motif), pendant l’instruction ou avant un versement.',
  },
  requestDocuments: {
    tag: 'Instruction',
    summary: 'Demander des pièces',
    description: 'Un message au demandeur et la liste des pièces attendues ; le dossier attend sa réponse.',
  },
  listNotes: {
    tag: 'Instruction',
    summary: 'Notes privées',
    description: 'Les notes des services sur le dossier ; jamais montrées au demandeur.',
  },
  addNote: {
    tag: 'Instruction',
    summary: 'Ajouter une note privée',
    description: 'Une note des services sur le dossier ; jamais montrée au demandeur.',
  },
  proposeToBureau: {
    tag: 'Instruction',
    summary: 'Proposer au Bureau (accord ou refus)',
    description:
      'Toutes les pièces vérifiées : proposition d’accord (montants, ajustés ou non) ou de refus motivé.',
  },
  confirmTpeLocation: {
    tag: 'Instruction',
    summary: 'Confirmer le classement rural ou QPV d’une TPE',
    description:
      'Pendant l’instruction, avant la proposition au Bureau : commune rurale (population INSEE retenue) ou ' +
      'quartier prioritaire de la commune (liste en vigueur à la date du dépôt). Un changement demande un motif. ' +
      'Sans classement confirmé, la proposition d’accord est refusée (422).',
  },
  createSession: {
    tag: 'Bureau',
    summary: 'Créer une séance du Bureau',
    description: 'Une séance par numéro : 409 si ce numéro existe déjà.',
  },
  listSessions: {
    tag: 'Bureau',
    summary: 'Séances',
    description: 'Les séances, de la plus récente à la plus ancienne, par pages de 50 (`cursor`).',
  },
  getSession: {
    tag: 'Bureau',
    summary: 'Séance, ordre du jour et totaux',
    description: 'La séance, les dossiers à son ordre du jour avec leur décision, et les montants engagés.',
  },
  scheduleDossier: {
    tag: 'Bureau',
    summary: 'Inscrire un dossier à l’ordre du jour',
    description: 'Un dossier proposé, sur une séance ouverte. If-Match : la version du dossier.',
  },
  unscheduleDossier: {
    tag: 'Bureau',
    summary: 'Retirer un dossier de l’ordre du jour',
    description:
      'Le dossier revient à « Proposé » et peut être inscrit à une autre séance ; la séance doit être ouverte. ' +
      'If-Match : la version du dossier.',
  },
  recordDecision: {
    tag: 'Bureau',
    summary: 'Décision du Bureau sur un dossier',
    description:
      'Avis favorable (engage les montants sur les enveloppes), défavorable ou ajournement. If-Match : la ' +
      'version du dossier.',
  },
  recordSessionMinutes: {
    tag: 'Bureau',
    summary: 'Relevé de la séance pour l’extrait',
    description:
      'Membres en exercice et présents, pouvoirs, quorum, signataire, dates de transmission à la préfecture et ' +
      'de publication. Modifiable jusqu’à la délivrance de l’extrait (409 ensuite) ; 422 si le quorum n’est pas ' +
      'atteint ou si une date précède la séance.',
  },
  getDeliberationExtract: {
    tag: 'Bureau',
    summary: 'Extrait de délibération (PDF)',
    description:
      'Une fois la séance relevée et tous ses dossiers décidés : l’extrait « certifié exécutoire », délivré une ' +
      'fois et conservé (mêmes octets ensuite ; la séance est alors close). Avant : un projet marqué comme tel ' +
      '(en-tête `X-Document-Status: projet`), conservé nulle part.',
  },
  listDossierLetters: {
    tag: 'Demandes',
    summary: 'Documents officiels d’un dossier',
    description:
      'Accusé de réception, notification de décision, avis de paiement : un par événement survenu, délivré ' +
      '(`issuedAt`, `sha256`) ou délivré au premier téléchargement. Le demandeur ne voit que ses dossiers (404).',
  },
  getDossierLetter: {
    tag: 'Demandes',
    summary: 'Télécharger un document officiel (PDF)',
    description:
      'Délivré une fois (conservé, son SHA-256 dans l’historique du dossier) puis servi à l’identique : ' +
      'l’en-tête `ETag` est ce SHA-256. 404 pour le dossier d’un autre ou un document qui n’existe pas.',
  },
  exportMyPersonalData: {
    tag: 'Demandes',
    summary: 'Exporter mes données personnelles (ZIP)',
    description:
      'Le demandeur reçoit tout ce que le service détient sur lui (article 15 du RGPD) : par dossier, ' +
      'JSON, PDF, pièces et courriers. Écrit le ZIP puis redirige (303, `Location`) vers un lien de ' +
      'téléchargement de quelques minutes.',
  },
  exportPersonalData: {
    tag: 'Administration',
    summary: 'Exporter les données d’une personne (ZIP)',
    description:
      'Pour une demande d’accès reçue par courrier ou au guichet : le même ZIP que celui du demandeur, ' +
      'pour l’identifiant donné ; l’export est inscrit au journal des consultations. Redirige (303, ' +
      '`Location`) vers un lien de téléchargement de quelques minutes.',
  },
  createEnvelope: {
    tag: 'Finances',
    summary: 'Créer une enveloppe',
    description: 'Une enveloppe par dispositif, année et financeur : 409 si elle existe déjà.',
  },
  listEnvelopes: {
    tag: 'Finances',
    summary: 'Enveloppes : engagé, payé, disponible',
    description: 'Toutes les enveloppes, ou celles d’une année (`year`).',
  },
  raiseEnvelope: {
    tag: 'Finances',
    summary: 'Augmenter une enveloppe',
    description: 'Ajoute un montant (en centimes) à l’enveloppe.',
  },
  listCommitments: {
    tag: 'Finances',
    summary: 'Engagements d’un dossier',
    description: 'Un engagement par financeur, avec ses versements et le reste à payer.',
  },
  recordPayment: {
    tag: 'Finances',
    summary: 'Versement (avance, acompte, solde)',
    description: 'Un versement sur l’engagement d’un financeur. If-Match : la version du dossier.',
  },
  lapseDossier: {
    tag: 'Finances',
    summary: 'Déclarer caduc',
    description: 'Clôt les engagements et rend le reste aux enveloppes. If-Match : la version du dossier.',
  },
  listRepayableAdvances: {
    tag: 'Finances',
    summary: 'Avances remboursables : remboursé, reste dû, échéances en retard',
    description:
      'Toutes les avances remboursables (TPE en développement), les plus en retard d’abord ; `asOf` ' +
      '(AAAA-MM-JJ) fixe le jour d’appréciation des retards ; `format=csv` donne l’export de ce qui reste dû.',
  },
  openRepayableAdvance: {
    tag: 'Finances',
    summary: 'Ouvrir l’avance remboursable d’un dossier',
    description:
      'Après la décision favorable, enregistre la date de versement de l’avance : l’échéancier en découle ' +
      '(différé et échéances du règlement). 409 si elle est déjà ouverte, 422 si le dossier n’est pas une avance.',
  },
  getRepayableAdvance: {
    tag: 'Finances',
    summary: 'Avance remboursable d’un dossier',
    description: 'Échéancier, remboursements, reste dû et échéances en retard.',
  },
  recordRepayment: {
    tag: 'Finances',
    summary: 'Enregistrer un remboursement d’avance',
    description:
      'Jamais plus que le reste dû, jamais avant le versement ni dans le futur (422) ; 409 si l’avance a ' +
      'changé entre-temps.',
  },
  exportCommitments: {
    tag: 'Finances',
    summary: 'Export des engagements (CSV ou XLSX)',
    description:
      'Écrit l’export puis redirige (303, `Location`) vers un lien de téléchargement de courte durée.',
  },
  exportPayments: {
    tag: 'Finances',
    summary: 'Export des versements (CSV ou XLSX)',
    description:
      'Écrit l’export puis redirige (303, `Location`) vers un lien de téléchargement de courte durée.',
  },
  getYearlyIndicators: {
    tag: 'Rapports',
    summary: 'Indicateurs annuels par dispositif',
    description: 'En JSON, ou en CSV avec `format=csv`.',
  },
  listReferenceGaps: {
    tag: 'Rapports',
    summary: 'Numéros non attribués',
    description: 'Pour un dispositif et une année : les numéros de dossier sautés, avec leur motif.',
  },
  getNotificationPreferences: {
    tag: 'Instruction',
    summary: 'Mes avis par courriel',
    description: 'Pour un agent : reçoit-il les avis par courriel (dossier confié, réponse d’un demandeur) ?',
  },
  setNotificationPreferences: {
    tag: 'Instruction',
    summary: 'Activer ou désactiver mes avis par courriel',
    description: 'Pour un agent : `staffNotices` à faux, plus aucun avis aux agents ne lui est envoyé.',
  },
  listFailedNotifications: {
    tag: 'Instruction',
    summary: 'Courriels en échec',
    description:
      'Les courriels que l’envoi n’a pas pu remettre après ses nouvelles tentatives, les plus anciens d’abord (50 par page).',
  },
  retryNotification: {
    tag: 'Instruction',
    summary: 'Renvoyer un courriel en échec',
    description: 'Remet le courriel dans la file d’envoi ; il quitte la liste des échecs.',
  },
  listRuleSetVersions: {
    tag: 'Administration',
    summary: 'Versions du règlement d’un dispositif',
    description:
      'Chaque version (intégrée ou publiée), sa délibération, sa date d’effet et chaque chiffre avec sa source ' +
      '(`isDefault` : encore « par défaut, à confirmer par délibération »).',
  },
  getRuleSetDraft: {
    tag: 'Administration',
    summary: 'Point de départ d’une nouvelle version',
    description:
      'La dernière version et ses chiffres (libellés, unités, sources) : ce que le formulaire propose. ESS : ' +
      '`track=call_for_projects` pour l’appel à projets (par défaut, l’aide aux emplois).',
  },
  previewRuleSet: {
    tag: 'Administration',
    summary: 'Aperçu d’une nouvelle version',
    description:
      'Valide la nouvelle version comme à la publication, sans rien écrire, et liste les dossiers en instruction ' +
      'dont le montant changerait, et de combien (ils gardent leur règlement de dépôt). Chiffres en centimes ou ' +
      'points de base, par chemin (`amounts.dossierCapCents`).',
  },
  publishRuleSet: {
    tag: 'Administration',
    summary: 'Publier une nouvelle version du règlement',
    description:
      'Référence de délibération et motif obligatoires ; la version s’applique aux dépôts à partir de sa date ' +
      'd’effet. Chiffre inconnu, valeur négative ou date d’effet antérieure à la version précédente : 400, rien ' +
      'n’est écrit. Un événement d’audit est écrit dans la même transaction.',
  },
  listAnahCeilings: {
    tag: 'Administration',
    summary: 'Plafonds de ressources ANAH par année',
    description: 'Hors Île-de-France, en euros entiers, par taille du foyer, avec leur source.',
  },
  publishAnahCeilings: {
    tag: 'Administration',
    summary: 'Saisir les plafonds ANAH d’une année',
    description:
      'Six lignes (1 à 5 personnes, et par personne supplémentaire), croissantes par taille et par catégorie, ' +
      'avec leur source et un motif. L’éligibilité les applique dès la publication.',
  },
  importAnahCeilings: {
    tag: 'Administration',
    summary: 'Importer des plafonds ANAH (CSV)',
    description:
      'Même colonnes que le fichier de référence du projet (`annee,nb_personnes,tres_modestes_max,modestes_max,' +
      'intermediaires_max,superieurs_au_dela_de,source`) ; chaque année du fichier est vérifiée, tout ou rien.',
  },
  listStaff: {
    tag: 'Administration',
    summary: 'Annuaire du personnel',
    description: 'Chaque personne des groupes du personnel : rôles, dernière connexion, actif ou désactivé.',
  },
  listOpenDossiersOfStaff: {
    tag: 'Administration',
    summary: 'Dossiers ouverts assignés à une personne',
    description: 'À réassigner quand la personne part.',
  },
  deactivateStaff: {
    tag: 'Administration',
    summary: 'Désactiver un profil',
    description:
      'La personne n’est plus proposée pour une assignation ; la réponse liste ses dossiers ouverts à réassigner.',
  },
  reactivateStaff: {
    tag: 'Administration',
    summary: 'Réactiver un profil',
    description: 'La personne est de nouveau proposée pour une assignation.',
  },
  searchAuditLog: {
    tag: 'Administration',
    summary: 'Journal d’audit',
    description:
      'Par référence de dossier, personne (`actor`), type d’événement et période (`from`, `to`) ; par défaut les ' +
      '31 derniers jours. Chaque événement donne l’avant et l’après de ce qui a changé. CSV avec `format=csv`.',
  },
  listQpvLists: {
    tag: 'Administration',
    summary: 'Listes des quartiers prioritaires par génération',
    description:
      'Génération 2015 (décret n° 2014-1750, jusqu’au 31 décembre 2023) et 2024 (décret n° 2023-1314, depuis le ' +
      '1er janvier 2024) : la liste importée de chacune, ses quartiers et leurs communes, sa source, et si elle ' +
      'n’est qu’une liste de démonstration. Un dossier est jugé avec la liste en vigueur à sa date de dépôt.',
  },
  importQpvList: {
    tag: 'Administration',
    summary: 'Importer la liste des quartiers prioritaires d’une génération (CSV)',
    description:
      'Disposition officielle : une ligne par quartier et par commune, colonnes `code_qp`, `lib_qp`, `insee_com` ' +
      '(les autres sont ignorées), séparateur `;` ou `,`. `dryRun: true` rend le rapport ligne à ligne sans rien ' +
      'écrire ; sinon la liste remplace celle de la génération (démonstration comprise), avec son événement ' +
      'd’audit, ou rien n’est écrit si une ligne est fausse (code d’une autre génération, commune hors de ' +
      'l’agglomération, doublon) : 400 avec chaque ligne.',
  },
  getYearComparison: {
    tag: 'Rapports',
    summary: 'Indicateurs de l’année à côté de l’année précédente',
    description:
      'Chaque indicateur du rapport annuel avec sa valeur de l’année précédente (« 154 dossiers (148 en 2021) ») ; montants en centimes. En CSV avec `format=csv`.',
  },
  createImport: {
    tag: 'Imports',
    summary: 'Nouvel import de dossiers d’années antérieures',
    description:
      'Déclare le fichier (dispositif, nom .csv ou .xlsx, taille ≤ 50 Mo) et répond un dépôt présigné (POST multipart vers S3, 15 minutes) : envoyez les champs `fields` puis le fichier, avec le `Content-Type` donné.',
  },
  listImports: {
    tag: 'Imports',
    summary: 'Imports, du plus récent au plus ancien',
    description: 'Cinquante par page, avec leur rapport d’essai et l’avancement de l’import.',
  },
  getImport: {
    tag: 'Imports',
    summary: 'Un import : fichier, essai, avancement',
    description: 'Le rapport d’essai (ligne, colonne, message) et les compteurs de l’import réel.',
  },
  checkImport: {
    tag: 'Imports',
    summary: 'Essai : vérifier le fichier sans rien importer',
    description:
      'Lit le fichier déposé et signale chaque problème par ligne et colonne ; compte les dossiers à importer, déjà présents et invalides. N’écrit aucun dossier.',
  },
  runImport: {
    tag: 'Imports',
    summary: 'Importer (une tranche de 20 secondes au plus)',
    description:
      'Écrit chaque dossier valide dans sa propre transaction ; les dossiers déjà présents sont ignorés (un second import du même fichier n’ajoute rien). S’arrête après 20 secondes avec `status: running` : rappelez la route pour continuer ; `done` à la fin.',
  },
};
