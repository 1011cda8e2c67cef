/**
 * The administration's success answers (issue 15), tied to the views the use cases answer with,
 * as in response-schemas.ts (which spreads `adminResponseSchemas` into its table).
 */
import { DOSSIER_STATES, SCHEMES } from '@aides/domain';
import type { AuditEntry } from '@aides/services/admin/audit';
import type { CeilingTableView } from '@aides/services/admin/ceilings';
import type { QpvImportReport, QpvListView, QpvView } from '@aides/services/admin/qpv-lists';
import type { PreviewLine, RuleSetVersionView } from '@aides/services/admin/rule-sets';
import type { OpenDossierView, StaffView } from '@aides/services/admin/staff';
import * as z from 'zod';
import { describes } from './describes.ts';

const scheme = z.enum(SCHEMES);
const state = z.enum(DOSSIER_STATES);
const timestamp = z.string().describe('Date et heure ISO 8601');
const day = z.string().describe('Date AAAA-MM-JJ');
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const figureField = z.strictObject({
  path: z.string().describe('Chemin du chiffre dans le règlement'),
  label: z.string(),
  section: z.string(),
  unit: z.enum([
    'euros',
    'euros_per_m2',
    'euros_per_unit',
    'percent_bp',
    'percent',
    'months',
    'years',
    'count',
  ]),
  value: z.number().int().describe('Valeur stockée : centimes, points de base ou nombre'),
  source: z.string(),
  isDefault: z.boolean().describe('Encore « par défaut, à confirmer par délibération »'),
});
const deliberation = z.strictObject({ reference: z.string(), date: day, source: z.string() });
const ruleSetVersion = describes<RuleSetVersionView>()(
  z.strictObject({
    scheme,
    version: z.string(),
    label: z.string(),
    effectiveFrom: day,
    deliberation,
    track: z
      .enum(['default', 'call_for_projects'])
      .describe('Aide concernée (ESS : emplois ou appel à projets)'),
    origin: z.enum(['built_in', 'published']),
    publishedAt: timestamp.optional(),
    publishedBy: z.string().optional(),
    inForce: z.boolean(),
    defaultCount: z.number().int(),
    figures: z.array(figureField),
  }),
);
const change = z.strictObject({ field: z.string(), before: z.string(), after: z.string() });
const figureValue = z.strictObject({ value: z.number().int(), source: z.string() });
const previewLine = describes<PreviewLine>()(
  z.strictObject({
    id: z.string(),
    reference: z.string(),
    beneficiary: z.string(),
    status: state,
    statusLabel: z.string(),
    ruleSetVersion: z.string(),
    currentCents: z.number().int(),
    newCents: z.number().int(),
    differenceCents: z.number().int(),
  }),
);
const ceilingRow = z.strictObject({
  year: z.number().int(),
  householdSize: z.union([z.number().int(), z.literal('extra')]),
  veryModestMax: z.number().int(),
  modestMax: z.number().int(),
  intermediateMax: z.number().int(),
  source: z.string(),
});
const ceilingTable = describes<CeilingTableView>()(
  z.strictObject({
    year: z.number().int(),
    origin: z.enum(['built_in', 'published']),
    source: z.string(),
    publishedAt: timestamp.optional(),
    publishedByName: z.string().optional(),
    rows: z.array(ceilingRow),
  }),
);
const qpvView = describes<QpvView>()(
  z.strictObject({
    code: z.string().describe('Code du quartier (QP062001, QN06201M)'),
    name: z.string(),
    communes: z.array(z.strictObject({ insee: z.string(), name: z.string() })),
  }),
);
const qpvList = describes<QpvListView>()(
  z.strictObject({
    generation: z.enum(['2015', '2024']),
    decree: z.string(),
    validFrom: day,
    validTo: day.nullable(),
    imported: z.boolean(),
    demonstration: z.boolean().describe('Liste de démonstration, pas la liste officielle'),
    source: z.string(),
    qpv: z.array(qpvView),
  }),
);
const qpvReport = describes<QpvImportReport>()(
  z.strictObject({
    generation: z.enum(['2015', '2024']),
    dryRun: z.boolean(),
    written: z.boolean(),
    lines: z.number().int().describe('Lignes de quartier lues'),
    qpv: z.array(qpvView),
    issues: z.array(z.strictObject({ line: z.number().int(), column: z.string(), message: z.string() })),
  }),
);

const ceilingsResult = z.strictObject({
  published: z.array(z.number().int()).describe('Années publiées'),
  unchanged: z.array(z.number().int()).describe('Années identiques à celles en vigueur : rien écrit'),
});
const staffView = describes<StaffView>()(
  z.strictObject({
    sub: z.string(),
    name: z.string(),
    email: z.string(),
    roles: z.array(z.string()),
    roleLabels: z.array(z.string()),
    lastSignInAt: timestamp.optional(),
    active: z.boolean(),
    deactivatedAt: timestamp.optional(),
    deactivatedByName: z.string().optional(),
  }),
);
const openDossier = describes<OpenDossierView>()(
  z.strictObject({
    id: z.string(),
    reference: z.string(),
    scheme: z.string(),
    status: state,
    statusLabel: z.string(),
    beneficiary: z.string(),
    filedAt: timestamp.optional(),
  }),
);
const auditEntry = describes<AuditEntry>()(
  z.strictObject({
    id: z.string(),
    at: timestamp,
    kind: z.enum(['dossier', 'administration']),
    type: z.string(),
    typeLabel: z.string(),
    actorSub: z.string(),
    actorName: z.string(),
    dossierId: z.string().optional(),
    reference: z.string().optional(),
    subject: z.string(),
    why: z.string().optional(),
    changes: z.array(change),
  }),
);

export const adminResponseSchemas = {
  listRuleSetVersions: {
    status: 200,
    description: 'Les versions, de la plus ancienne à la plus récente',
    body: z.strictObject({ scheme, items: z.array(ruleSetVersion) }),
  },
  getRuleSetDraft: {
    status: 200,
    description: 'La version de départ et ses chiffres',
    body: z.strictObject({
      scheme,
      track: z.enum(['default', 'call_for_projects']),
      base: z.strictObject({ version: z.string(), label: z.string(), effectiveFrom: day }),
      figures: z.array(figureField),
    }),
  },
  previewRuleSet: {
    status: 200,
    description: 'La version telle qu’elle serait publiée, ses changements et les dossiers touchés',
    body: z.strictObject({
      ruleSet: z.strictObject({ version: z.string(), label: z.string(), effectiveFrom: day }),
      changes: z.array(
        z.strictObject({ path: z.string(), label: z.string(), before: figureValue, after: figureValue }),
      ),
      dossiers: z.array(previewLine),
    }),
  },
  publishRuleSet: {
    status: 201,
    description: 'Version publiée',
    body: z.strictObject({
      scheme,
      version: z.string(),
      label: z.string(),
      effectiveFrom: day,
      deliberation,
      changes: z.array(change),
    }),
  },
  listAnahCeilings: {
    status: 200,
    description: 'Les barèmes, du plus récent au plus ancien',
    body: list(ceilingTable),
  },
  publishAnahCeilings: {
    status: 200,
    description: 'Barème publié (ou identique : rien écrit)',
    body: ceilingsResult,
  },
  importAnahCeilings: {
    status: 200,
    description: 'Années publiées et années inchangées',
    body: ceilingsResult,
  },
  listQpvLists: { status: 200, description: 'Les générations et leurs listes', body: list(qpvList) },
  importQpvList: {
    status: 200,
    description: 'Le rapport ligne à ligne (essai), ou la liste importée',
    body: qpvReport,
  },
  listStaff: { status: 200, description: 'Le personnel', body: list(staffView) },
  listOpenDossiersOfStaff: { status: 200, description: 'Ses dossiers ouverts', body: list(openDossier) },
  deactivateStaff: {
    status: 200,
    description: 'Profil désactivé, et ses dossiers ouverts à réassigner',
    body: z.strictObject({ person: staffView, openDossiers: z.array(openDossier) }),
  },
  reactivateStaff: {
    status: 200,
    description: 'Profil réactivé',
    body: z.strictObject({ person: staffView, openDossiers: z.array(openDossier) }),
  },
  searchAuditLog: {
    status: 200,
    description: 'Les événements, du plus récent au plus ancien (CSV avec `format=csv`)',
    body: z.strictObject({
      items: z.array(auditEntry),
      truncated: z.boolean().describe('Plus de 500 événements : resserrez les filtres'),
      from: day,
      to: day,
    }),
    media: ['text/csv'],
  },
} as const;
