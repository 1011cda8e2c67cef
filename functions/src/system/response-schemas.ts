import {
  BENEFICIARY_TYPES,
  DOSSIER_STATES,
  FUNDERS,
  OUTCOMES,
  PAYMENT_KINDS,
  ROLES,
  SCHEMES,
} from '@aides/domain';
import type { ApplicantAttachmentView, StaffAttachmentView } from '@aides/services/attachments/views';
import type { AgendaItem, BureauSession, Commitment, Envelope, Payment } from '@aides/services/bureau/model';
import type { SessionMinutes } from '@aides/services/bureau/session-record';
import type { Caller } from '@aides/services/caller';
import type {
  ApplicantDossierView,
  PublicTimelineEntry,
  StaffDossierView,
  StaffTimelineEntry,
} from '@aides/services/dossiers/views';
import type { AdvanceView } from '@aides/services/finance/advances';
import type { ImportJob } from '@aides/services/imports/model';
import type { LetterListing } from '@aides/services/letters/model';
import { NOTIFICATION_KINDS } from '@aides/services/notifications/model';
import type {
  FailedNotificationView,
  NotificationPreferencesView,
} from '@aides/services/notifications/staff';
import type { DirectoryEntry } from '@aides/services/people/directory';
import type { YearComparison } from '@aides/services/reports/comparison';
import type { ReferenceGapsReport } from '@aides/services/reports/reference-gaps';
import * as z from 'zod';
import type { OperationId } from '../routes.ts';
import { adminResponseSchemas } from './admin-response-schemas.ts';
import { describes } from './describes.ts';

/**
 * The success answers, per operation, as zod schemas the OpenAPI document is generated from. Each
 * is tied to the view type the code answers with (`describes<View>()`): a view that gains a field
 * the schema lacks, or loses one it requires, stops compiling here; and every answer the
 * integration tests receive is validated against the document (test/support/api-contract.ts).
 * Views built field by field are strict (`additionalProperties: false`): a field that leaks into an
 * answer without being documented fails the tests.
 */
/** Schemas answered by several operations: components of the document (`#/components/schemas/…`). */
export const namedSchemas = z.registry<{ id: string }>();
const named = <S extends z.ZodType>(id: string, schema: S) => {
  namedSchemas.add(schema, { id });
  return schema;
};

const scheme = z.enum(SCHEMES);
const state = z.enum(DOSSIER_STATES);
const funder = z.enum(FUNDERS);
const byFunder = z.record(funder, z.number().int());
const partialByFunder = z.partialRecord(funder, z.number().int());
const timestamp = z.string().describe('Date et heure ISO 8601');
/** Stored records answered as such carry their record kind (`envelope`, `commitment`…). */
const recordKind = z.string().optional().describe('Genre d’enregistrement');
const cursor = z.string().optional().describe('Page suivante : à renvoyer en `cursor` ; absent à la fin');

const eligibility = named(
  'Eligibility',
  z.object({
    outcome: z.enum(OUTCOMES),
    reasons: z.array(
      z.object({
        rule: z.string(),
        outcome: z.enum(OUTCOMES),
        message: z.string(),
        redirectTo: scheme.optional(),
      }),
    ),
  }),
);
const amounts = named(
  'ComputedAmounts',
  z.object({
    scheme,
    ruleSetVersion: z.string(),
    lines: z.array(
      z.object({
        label: z.string(),
        funder,
        baseCents: z.number().int(),
        amountCents: z.number().int(),
        explanation: z.string(),
        nature: z.literal('repayable_advance').optional().describe('Absent : subvention'),
      }),
    ),
    totalsByFunder: byFunder,
    totalCents: z.number().int(),
    maxByFunder: byFunder,
    explanation: z.array(z.string()),
    adjustment: z.object({ motivation: z.string(), fromByFunder: byFunder }).optional(),
    repayableAdvance: z
      .object({
        deferralMonths: z.number().int(),
        instalments: z.number().int(),
        periodMonths: z.number().int(),
      })
      .optional()
      .describe('Avance remboursable : différé en mois, nombre et périodicité des échéances'),
  }),
);
const decisionOutcome = z.enum(['favourable', 'unfavourable', 'adjourned']);
const paymentKind = z.enum(PAYMENT_KINDS);

const applicantFields = {
  id: z.string(),
  scheme,
  status: state,
  statusLabel: z.string(),
  version: z.number().int().describe('À renvoyer en If-Match (aussi dans l’ETag)'),
  application: z
    .record(z.string(), z.unknown())
    .describe('La déclaration du demandeur, propre au dispositif'),
  createdAt: timestamp,
  updatedAt: timestamp,
  reference: z.string().optional(),
  filedAt: timestamp.optional(),
  ruleSetVersion: z.string().optional(),
  beneficiary: z.string().optional(),
  communeInsee: z.string().optional(),
  eligibility: eligibility.optional(),
  amounts: amounts.optional(),
  committedByFunder: partialByFunder.optional(),
  paidByFunder: partialByFunder.optional(),
  lastPaymentKind: paymentKind.optional().describe('Dernier versement (le libellé du statut en dépend)'),
  documentRequest: z
    .object({ message: z.string(), documentTypes: z.array(z.string()), at: timestamp })
    .optional(),
};
const applicantDossier = named(
  'ApplicantDossier',
  describes<ApplicantDossierView>()(
    z
      .strictObject({
        ...applicantFields,
        decision: z
          .object({
            outcome: decisionOutcome,
            at: timestamp,
            date: z.string().optional().describe('Date de la décision (AAAA-MM-JJ) : celle de la séance'),
            deliberationNumber: z.string().optional(),
            motivation: z.string().optional(),
          })
          .optional(),
      })
      .meta({ title: 'Dossier (vue du demandeur)' }),
  ),
);
/** TPE (issue 14): the rural / QPV classification the instructor confirmed, with what it rests on. */
const tpeLocationConfirmation = z
  .object({
    classification: z.enum(['rural', 'qpv']).describe('Commune rurale ou quartier prioritaire'),
    communeInsee: z.string(),
    communeName: z.string(),
    population: z.number().int().describe('Population de la commune retenue'),
    populationSource: z.string().describe('Quelle population (INSEE, millésime)'),
    ruralPopulationBelow: z.number().int().describe('Seuil du règlement : rurale en dessous'),
    qpv: z
      .object({
        code: z.string(),
        name: z.string(),
        generation: z.string().nullable(),
        listSource: z.string(),
        demonstration: z.boolean(),
      })
      .optional()
      .describe('Le quartier, de la liste en vigueur à la date du dépôt'),
    origin: z.enum(['instruction', 'import']).describe('Confirmé par l’instruction ou repris d’un import'),
    by: z.string(),
    byName: z.string(),
    at: timestamp,
    reason: z.string().optional().describe('Motif d’un changement'),
  })
  .describe('Classement rural / QPV confirmé (TPE)');
const staffDossier = named(
  'StaffDossier',
  describes<StaffDossierView>()(
    z
      .strictObject({
        ...applicantFields,
        ownerSub: z.string(),
        ownerName: z.string(),
        assigneeSub: z.string().optional(),
        assigneeName: z.string().optional(),
        proposal: z
          .object({
            kind: z.enum(['grant', 'refusal']),
            amountsByFunder: byFunder,
            totalCents: z.number().int(),
            computed: amounts.optional(),
            adjustmentMotivation: z.string().optional(),
            text: z.string(),
            motivation: z.string().optional(),
            by: z.string(),
            byName: z.string(),
            at: timestamp,
          })
          .optional(),
        sessionId: z.string().optional(),
        ineligibleAcknowledged: z
          .boolean()
          .optional()
          .describe('Déposé non éligible : le demandeur a confirmé en avoir pris connaissance'),
        locationConfirmation: tpeLocationConfirmation.optional(),
        decision: z
          .object({
            outcome: decisionOutcome,
            sessionId: z.string(),
            deliberationNumber: z.string().optional(),
            motivation: z.string().optional(),
            at: timestamp,
            date: z.string().optional().describe('Date de la décision (AAAA-MM-JJ) : celle de la séance'),
            recordedAt: timestamp.optional().describe('Saisie de la décision (journal)'),
          })
          .optional(),
      })
      .meta({ title: 'Dossier (vue des services)' }),
  ),
);
const dossier = named('Dossier', z.union([applicantDossier, staffDossier]));

const timelineBase = { at: timestamp, title: z.string(), from: state, to: state, label: z.string() };
const publicTimeline = named(
  'PublicTimeline',
  describes<PublicTimelineEntry[]>()(
    z.array(
      z.strictObject({
        ...timelineBase,
        event: z.string().describe('Code public et stable de l’événement'),
        by: z.enum([
          'Vous',
          'Service instructeur',
          'Bureau communautaire',
          'Service financier',
          'Envoi automatique',
        ]),
        why: z.string().optional(),
        detail: z.string().optional(),
      }),
    ),
  ),
);
const staffTimeline = named(
  'StaffTimeline',
  describes<StaffTimelineEntry[]>()(
    z.array(
      z.strictObject({
        ...timelineBase,
        id: z.string(),
        action: z.string(),
        actorSub: z.string(),
        actorName: z.string(),
        role: z.enum([...ROLES, 'system']).describe('Rôle de l’auteur ; « system » pour un courriel envoyé'),
        why: z.string().optional(),
        detail: z.string().optional(),
      }),
    ),
  ),
);
const dossierWithTimeline = z.union([
  applicantDossier.extend({ timeline: publicTimeline }),
  staffDossier.extend({ timeline: staffTimeline }),
]);

const attachmentFields = {
  id: z.string(),
  dossierId: z.string(),
  documentType: z.string(),
  documentTypeLabel: z.string(),
  fileName: z.string(),
  declaredType: z.string(),
  status: z.enum(['pending', 'available', 'rejected']),
  scanStatus: z.enum(['not_scanned', 'pending', 'clean', 'infected']),
  scanStatusLabel: z.string(),
  size: z.number().int().optional(),
  rejectionReason: z.string().optional(),
  createdAt: timestamp,
  uploadExpiresAt: timestamp,
  confirmedAt: timestamp.optional(),
  verdict: z.object({ valid: z.boolean(), reason: z.string().optional() }).optional(),
};
const applicantAttachment = named(
  'ApplicantAttachment',
  describes<ApplicantAttachmentView>()(
    z.strictObject({
      ...attachmentFields,
      // The verdict as the applicant reads it: conforming or not, and why (never who or when).
      verdict: z.strictObject({ valid: z.boolean(), reason: z.string().optional() }).optional(),
    }),
  ),
);
const staffAttachment = named(
  'StaffAttachment',
  describes<StaffAttachmentView>()(
    z.strictObject({
      ...attachmentFields,
      uploadedBy: z.string(),
      verdict: z
        .object({
          valid: z.boolean(),
          reason: z.string().optional(),
          by: z.string(),
          byName: z.string(),
          at: timestamp,
        })
        .optional(),
    }),
  ),
);
const attachment = named('Attachment', z.union([applicantAttachment, staffAttachment]));

const note = named(
  'Note',
  z.strictObject({
    id: z.string(),
    dossierId: z.string(),
    at: timestamp,
    authorSub: z.string(),
    authorName: z.string(),
    text: z.string(),
  }),
);
const estimate = z.union([
  z.strictObject({
    complete: z.literal(false),
    missing: z.array(z.object({ pointer: z.string(), detail: z.string() })),
  }),
  z.strictObject({
    complete: z.literal(true),
    ruleSet: z.object({ version: z.string(), label: z.string() }),
    eligibility,
    amounts: amounts
      .optional()
      .describe('Absent quand la demande n’est pas éligible : aucun montant n’est annoncé'),
  }),
]);

const sessionMinutes = named(
  'SessionMinutes',
  describes<SessionMinutes>()(
    z.object({
      membersInOffice: z.number().int(),
      membersPresent: z.array(z.string()),
      proxies: z.number().int(),
      quorum: z.number().int(),
      signatory: z.object({ name: z.string(), title: z.string() }),
      transmittedOn: z.string().optional(),
      publishedOn: z.string().optional(),
      recordedAt: timestamp,
      recordedBy: z.string(),
    }),
  ),
);
const letter = named(
  'Letter',
  describes<LetterListing>()(
    z.object({
      letterId: z.string(),
      kind: z.enum(['acknowledgement', 'decision', 'payment_notice', 'extract']),
      title: z.string(),
      subject: z.string(),
      eventDate: timestamp,
      issuedAt: timestamp.optional(),
      sha256: z.string().optional(),
    }),
  ),
);
const session = named(
  'Session',
  describes<BureauSession>()(
    z.object({
      type: recordKind,
      id: z.string(),
      number: z.string(),
      date: z.string(),
      status: z.enum(['open', 'closed']),
      createdAt: timestamp,
      createdBy: z.string(),
      // Official documents (letters): the secretary's record for the extract, and its issue.
      minutes: sessionMinutes.optional(),
      extractIssuedAt: timestamp.optional(),
    }),
  ),
);
const agendaItem = named(
  'AgendaItem',
  describes<AgendaItem>()(
    z.object({
      type: recordKind,
      sessionId: z.string(),
      dossierId: z.string(),
      reference: z.string(),
      scheme,
      beneficiary: z.string(),
      communeInsee: z.string().optional(),
      proposalKind: z.enum(['grant', 'refusal']),
      amountsByFunder: byFunder,
      totalCents: z.number().int(),
      addedAt: timestamp,
      decision: z
        .object({
          outcome: decisionOutcome,
          deliberationNumber: z.string().optional(),
          motivation: z.string().optional(),
          at: timestamp,
          date: z.string().optional().describe('Date de la décision (AAAA-MM-JJ) : celle de la séance'),
          recordedAt: timestamp.optional().describe('Saisie de la décision (journal)'),
          by: z.string(),
          sessionId: z.string().optional(),
        })
        .optional(),
    }),
  ),
);
const beneficiaryDetails = named(
  'BeneficiaryDetails',
  z
    .object({
      beneficiaryType: z.enum(BENEFICIARY_TYPES).optional(),
      identifierKind: z.enum(['siret', 'rna', 'tax']).optional(),
      identifier: z.string().optional().describe('SIRET, RNA, ou numéro fiscal masqué'),
      communeInsee: z.string().optional(),
      communeName: z.string().optional(),
      area: z.enum(['rural', 'qpv']).optional(),
      areaConfirmed: z.boolean().optional().describe('TPE : classement confirmé par l’instruction'),
      investmentCents: z.number().int().optional(),
      jobs: z.number().optional(),
      project: z.enum(['creation', 'takeover', 'development']).optional(),
      womenLed: z.boolean().optional(),
    })
    .describe('Le bénéficiaire et son projet, tels qu’à la décision'),
);
const envelope = named(
  'Envelope',
  describes<Envelope>()(
    z.object({
      type: recordKind,
      id: z.string(),
      scheme,
      year: z.number().int(),
      funder,
      budgetLine: z.string(),
      label: z.string(),
      amountCents: z.number().int(),
      committedCents: z.number().int(),
      paidCents: z.number().int(),
      availableCents: z.number().int(),
      releasedCents: z
        .number()
        .int()
        .optional()
        .describe('Désengagé (solde inférieur, caducité) ; engagé initial = engagé net + désengagé'),
      createdAt: timestamp,
      updatedAt: timestamp,
    }),
  ),
);
const commitment = named(
  'Commitment',
  describes<Commitment>()(
    z.object({
      type: recordKind,
      id: z.string(),
      dossierId: z.string(),
      reference: z.string(),
      scheme,
      year: z.number().int(),
      funder,
      beneficiary: z.string(),
      budgetLine: z.string(),
      amountCents: z.number().int(),
      paidCents: z.number().int(),
      remainingCents: z.number().int(),
      status: z.enum(['active', 'closed', 'lapsed']),
      sessionId: z.string(),
      sessionNumber: z.string(),
      deliberationNumber: z.string(),
      committedAt: timestamp,
      decisionDate: z.string().optional().describe('Date de la décision (AAAA-MM-JJ) : celle de la séance'),
      recordedAt: timestamp.optional().describe('Saisie de la décision (journal)'),
      details: beneficiaryDetails.optional(),
      payments: z.array(
        z.object({ id: z.string(), kind: paymentKind, amountCents: z.number().int(), at: timestamp }),
      ),
      nature: z
        .literal('repayable_advance')
        .optional()
        .describe('Avance remboursable (TPE en développement) ; absent : subvention'),
      releasedCents: z.number().int(),
    }),
  ),
);
const payment = named(
  'Payment',
  describes<Payment>()(
    z.object({
      type: recordKind,
      id: z.string(),
      dossierId: z.string(),
      commitmentId: z.string(),
      reference: z.string(),
      scheme,
      year: z.number().int(),
      funder,
      beneficiary: z.string(),
      budgetLine: z.string(),
      kind: paymentKind,
      amountCents: z.number().int(),
      at: timestamp,
      by: z.string(),
      sessionId: z.string(),
      sessionNumber: z.string().optional(),
      deliberationNumber: z.string().optional(),
      decisionDate: z.string().optional().describe('Date de la décision (AAAA-MM-JJ)'),
      iban: z.string().optional().describe('Compte bancaire versé (IBAN)'),
      details: beneficiaryDetails.optional(),
    }),
  ),
);
const day = z.string().describe('Date AAAA-MM-JJ');
const instalment = { number: z.number().int(), dueDate: day, amountCents: z.number().int() };
const repayableAdvance = named(
  'RepayableAdvance',
  describes<AdvanceView>()(
    z.object({
      type: recordKind,
      dossierId: z.string(),
      reference: z.string(),
      beneficiary: z.string(),
      scheme: z.literal('TPE'),
      ruleSetVersion: z.string(),
      amountCents: z.number().int(),
      amountByFunder: partialByFunder,
      deferralMonths: z.number().int(),
      instalments: z.number().int(),
      periodMonths: z.number().int(),
      disbursedOn: day,
      schedule: z.array(z.object(instalment)),
      repayments: z.array(
        z.object({ id: z.string(), date: day, amountCents: z.number().int(), by: z.string(), at: timestamp }),
      ),
      openedAt: timestamp,
      openedBy: z.string(),
      version: z.number().int(),
      asOf: day,
      repaidCents: z.number().int(),
      outstandingCents: z.number().int(),
      overdueCents: z.number().int(),
      instalmentStates: z.array(z.object({ ...instalment, paidCents: z.number().int(), late: z.boolean() })),
      lateInstalments: z.number().int(),
    }),
  ),
);
const person = named(
  'Person',
  describes<DirectoryEntry>()(z.object({ sub: z.string(), name: z.string(), email: z.string() })),
);
const me = describes<Caller>()(person.extend({ roles: z.array(z.enum(ROLES)).readonly() }));
const storeCheck = z.object({ ok: z.boolean(), detail: z.string() });
const health = z.object({ statut: z.enum(['ok', 'dégradé']), dynamodb: storeCheck, s3: storeCheck });
const referenceGaps = describes<ReferenceGapsReport>()(
  z.object({
    year: z.number().int(),
    generatedAt: timestamp,
    schemes: z
      .array(
        z.object({
          scheme,
          label: z.string(),
          taken: z.number().int(),
          given: z.number().int(),
          gaps: z
            .array(
              z.object({
                number: z.number().int(),
                reference: z.string(),
                reason: z.string(),
                recorded: z.boolean(),
                at: timestamp.optional(),
              }),
            )
            .readonly(),
        }),
      )
      .readonly(),
    method: z.string(),
  }),
);
/** The yearly report is wide (one block per scheme): its top level is described, the blocks are open. */
const yearlyReport = z.object({
  year: z.string(),
  generatedAt: timestamp,
  schemes: z.array(z.looseObject({ scheme })),
  tpe: z.looseObject({}),
  ess: z.looseObject({}),
  habitat: z.looseObject({}),
  fte: z.looseObject({}),
  method: z.array(z.string()),
});
// Import of earlier dossiers and the year beside the previous one (issue 16.1).
const yearComparison = describes<YearComparison>()(
  z.object({
    year: z.string(),
    previousYear: z.string(),
    figures: z.array(
      z.object({
        section: z.string(),
        label: z.string(),
        unit: z.string().describe('Unité ; « € » : valeurs en centimes'),
        value: z.number(),
        previous: z.number().describe('Valeur de l’année précédente'),
      }),
    ),
  }),
);
const importIssue = z.object({
  row: z.number().int().describe('Ligne du fichier (l’en-tête est la ligne 1 ; 0 : le fichier entier)'),
  column: z.string().optional(),
  message: z.string(),
});
const importJob = named(
  'ImportJob',
  describes<ImportJob>()(
    z.object({
      id: z.string(),
      scheme,
      fileName: z.string(),
      format: z.enum(['csv', 'xlsx']),
      status: z.enum(['awaiting_file', 'checked', 'running', 'done']),
      createdAt: timestamp,
      createdBy: z.string(),
      createdByName: z.string(),
      sizeBytes: z.number().int().optional(),
      sha256: z.string().optional().describe('SHA-256 (hexadécimal) du fichier vérifié'),
      check: z
        .object({
          at: timestamp,
          rows: z.number().int(),
          dossiers: z.number().int(),
          toImport: z.number().int(),
          alreadyPresent: z.number().int(),
          invalid: z.number().int(),
          issues: z.array(importIssue),
          issuesTotal: z.number().int(),
        })
        .optional(),
      run: z
        .object({
          startedAt: timestamp,
          updatedAt: timestamp,
          finishedAt: timestamp.optional(),
          cursorRow: z.number().int(),
          cursorByte: z
            .number()
            .int()
            .optional()
            .describe(
              'CSV : octet où finit la ligne du curseur (la tranche suivante lit le fichier à partir de là)',
            ),
          encoding: z.enum(['utf-8', 'windows-1252']).optional(),
          created: z.number().int(),
          alreadyPresent: z.number().int(),
          invalid: z.number().int(),
          failed: z.number().int(),
          issues: z.array(importIssue),
          issuesTotal: z.number().int(),
        })
        .optional(),
      type: recordKind,
    }),
  ),
);
const importUpload = z.object({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: timestamp,
});
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor });
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** A success answer: status, JSON body (or another media type), and the headers it carries. */
export interface SuccessAnswer {
  readonly status: 200 | 201 | 204 | 303;
  readonly description: string;
  readonly body?: z.ZodType;
  /** Other media types, as `format` query values choose them (or the only one, for the PDF). */
  readonly media?: readonly ('text/csv' | 'application/pdf')[];
  /** The dossier's version, to send back as If-Match. */
  readonly etag?: true;
  /** A 303 to a short-lived download link. */
  readonly location?: true;
  /** Another answer with the same body (health: 503 when a store is down). */
  readonly alsoStatus?: 503;
}

const withEtag = (status: 200 | 201, description: string, body: z.ZodType): SuccessAnswer => ({
  status,
  description,
  body,
  etag: true,
});
const exportLink: SuccessAnswer = {
  status: 303,
  description: 'Export écrit : `Location` donne le lien de téléchargement (quelques minutes)',
  location: true,
};

// Notifications by e-mail (issue 13 §2)
const notificationPreferences = describes<NotificationPreferencesView>()(
  z.strictObject({ staffNotices: z.boolean(), updatedAt: timestamp.optional() }),
);
const failedNotification = describes<FailedNotificationView>()(
  z.strictObject({
    id: z.string(),
    dossierId: z.string(),
    reference: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    audience: z.enum(['applicant', 'staff']),
    to: z.string(),
    subject: z.string().optional(),
    createdAt: timestamp,
    failedAt: timestamp.optional(),
    attempts: z.number().int(),
    lastError: z.string().optional(),
  }),
);

export const responseSchemas: Record<OperationId, SuccessAnswer> = {
  getNotificationPreferences: {
    status: 200,
    description: 'Mes avis par courriel',
    body: notificationPreferences,
  },
  setNotificationPreferences: {
    status: 200,
    description: 'Préférence enregistrée',
    body: notificationPreferences,
  },
  listFailedNotifications: { status: 200, description: 'Courriels en échec', body: page(failedNotification) },
  retryNotification: { status: 204, description: 'Courriel remis dans la file d’envoi' },
  getHealth: { status: 200, description: 'Stockages accessibles', body: health, alsoStatus: 503 },
  getOpenApiDocument: {
    status: 200,
    description: 'Ce document',
    body: z.looseObject({ openapi: z.string() }),
  },
  getMe: { status: 200, description: 'L’appelant', body: me },
  createDraft: withEtag(201, 'Brouillon créé', dossier),
  listMyDossiers: { status: 200, description: 'Une page de dossiers', body: page(dossier) },
  getDossier: withEtag(200, 'Le dossier et sa chronologie', dossierWithTimeline),
  updateDraft: withEtag(200, 'Brouillon modifié', dossier),
  estimateDossier: {
    status: 200,
    description: 'Champs manquants, ou éligibilité et montants',
    body: estimate,
  },
  submitDossier: withEtag(
    201,
    'Demande déposée (ou réponse du premier dépôt, rejoué avec la même Idempotency-Key)',
    z.strictObject({
      acknowledgement: z.strictObject({ reference: z.string(), filedAt: timestamp, message: z.string() }),
      dossier,
    }),
  ),
  answerDocumentRequest: withEtag(200, 'Réponse transmise', dossier),
  withdrawDossier: withEtag(200, 'Demande retirée', dossier),
  requestUpload: {
    status: 201,
    description: 'Pièce en attente et POST présigné',
    body: z.strictObject({
      attachment,
      upload: z.strictObject({
        url: z.string(),
        fields: z.record(z.string(), z.string()),
        expiresAt: timestamp,
      }),
    }),
  },
  listAttachments: { status: 200, description: 'Les pièces', body: list(attachment) },
  confirmUpload: { status: 200, description: 'Pièce reçue', body: attachment },
  getDownloadLink: {
    status: 200,
    description: 'Lien de courte durée',
    body: z.strictObject({
      url: z.string(),
      expiresInSeconds: z.number().int(),
      scanStatus: z.string(),
      scanStatusLabel: z.string(),
    }),
  },
  deleteAttachment: { status: 204, description: 'Pièce supprimée' },
  listQueue: { status: 200, description: 'Une page de la file', body: page(dossier) },
  listMyQueue: { status: 200, description: 'Une page de mes dossiers', body: page(dossier) },
  countQueues: {
    status: 200,
    description: 'Nombre par statut',
    body: z.partialRecord(state, z.number().int()),
  },
  listInstructors: { status: 200, description: 'Les instructeurs', body: list(person) },
  assignDossier: withEtag(200, 'Dossier assigné', dossier),
  recordVerdict: { status: 200, description: 'Verdict enregistré', body: staffAttachment },
  requestDocuments: withEtag(200, 'Demande envoyée', dossier),
  listNotes: { status: 200, description: 'Les notes', body: list(note) },
  addNote: { status: 201, description: 'Note ajoutée', body: note },
  proposeToBureau: withEtag(200, 'Proposition enregistrée', dossier),
  confirmTpeLocation: withEtag(200, 'Classement rural / QPV enregistré', dossier),
  createSession: { status: 201, description: 'Séance créée', body: session },
  listSessions: { status: 200, description: 'Une page de séances', body: page(session) },
  getSession: {
    status: 200,
    description: 'La séance',
    body: z.object({ session, agenda: z.array(agendaItem), committedByFunder: byFunder }),
  },
  scheduleDossier: withEtag(200, 'Dossier inscrit', dossier),
  unscheduleDossier: withEtag(200, 'Dossier retiré de l’ordre du jour', dossier),
  recordDecision: withEtag(200, 'Décision enregistrée', dossier),
  getDeliberationExtract: { status: 200, description: 'L’extrait en PDF', media: ['application/pdf'] },
  recordSessionMinutes: {
    status: 200,
    description: 'Relevé enregistré',
    body: z.object({ session, minutes: sessionMinutes }),
  },
  listDossierLetters: { status: 200, description: 'Les documents du dossier', body: list(letter) },
  getDossierLetter: { status: 200, description: 'Le document en PDF', media: ['application/pdf'] },
  exportMyPersonalData: exportLink,
  exportPersonalData: exportLink,
  createEnvelope: { status: 201, description: 'Enveloppe créée', body: envelope },
  listEnvelopes: { status: 200, description: 'Les enveloppes', body: list(envelope) },
  raiseEnvelope: { status: 200, description: 'Enveloppe augmentée', body: envelope },
  listCommitments: { status: 200, description: 'Les engagements', body: list(commitment) },
  recordPayment: withEtag(201, 'Versement enregistré', z.object({ dossier, payment, commitment })),
  lapseDossier: withEtag(200, 'Dossier caduc', dossier),
  listRepayableAdvances: {
    status: 200,
    description: 'Les avances remboursables (JSON, ou CSV du reste dû avec `format=csv`)',
    body: list(repayableAdvance),
    media: ['text/csv'],
  },
  openRepayableAdvance: {
    status: 201,
    description: 'Avance ouverte, avec son échéancier',
    body: repayableAdvance,
  },
  getRepayableAdvance: { status: 200, description: 'L’avance et où elle en est', body: repayableAdvance },
  recordRepayment: { status: 201, description: 'Remboursement enregistré', body: repayableAdvance },
  exportCommitments: exportLink,
  exportPayments: exportLink,
  getYearlyIndicators: {
    status: 200,
    description: 'Les indicateurs (JSON, ou CSV avec `format=csv`)',
    body: yearlyReport,
    media: ['text/csv'],
  },
  listReferenceGaps: { status: 200, description: 'Les numéros non attribués', body: referenceGaps },
  ...adminResponseSchemas,
  getYearComparison: {
    status: 200,
    description: 'Les indicateurs de l’année et de la précédente (JSON, ou CSV avec `format=csv`)',
    body: yearComparison,
    media: ['text/csv'],
  },
  createImport: {
    status: 201,
    description: 'L’import créé et le dépôt présigné du fichier',
    body: z.object({ import: importJob, upload: importUpload }),
  },
  listImports: { status: 200, description: 'Les imports', body: page(importJob) },
  getImport: { status: 200, description: 'L’import', body: importJob },
  checkImport: { status: 200, description: 'L’import et son rapport d’essai', body: importJob },
  runImport: { status: 200, description: 'L’import et son avancement', body: importJob },
};
