/**
 * A demo set for the retention tests: dossiers of every scheme in every state a retention rule
 * looks at, with realistic personal data, files (attachments, confirmed copies, letters) in the
 * bucket, and the partition items a real dossier has (events, notes, messages, attachments,
 * commitments, payments). Written straight to the store at fixed past dates, so that a test can
 * age it with the job's `--now`.
 */

import type { Funder, Scheme } from '@aides/domain';
import type { Commitment, Payment } from '@aides/services/bureau/model';
import type { Dossier } from '@aides/services/dossiers/model';
import {
  createCommitmentTx,
  createDossierTx,
  createPaymentTx,
  putAttachmentTx,
  putEventTx,
  putMessageTx,
  putNoteTx,
  type Store,
  transact,
} from '@aides/store';
import { s3Client } from '@aides/store/objects';
import { PutObjectCommand } from '@aws-sdk/client-s3';

const identity = {
  civility: 'Mme',
  firstName: 'Camille',
  lastName: 'Dupont-Lefebvre',
  birthDate: '1978-04-12',
};
const contact = { email: 'camille.dupont@example.fr', phone: '0601020304' };
const address = {
  line1: '12 rue des Corons',
  postalCode: '62400',
  communeInsee: '62119',
  communeName: 'Béthune',
};
const jobs = [
  {
    title: 'Boulangère',
    contract: 'cdi',
    workingTimePct: 100,
    under26: true,
    disabled: false,
    resident: true,
  },
  { title: 'Vendeur', contract: 'cdi', workingTimePct: 50, under26: false, disabled: false, resident: false },
];

export const applications: Record<Scheme, Record<string, unknown>> = {
  FTE: {
    scheme: 'FTE',
    applicant: identity,
    contact,
    address,
    household: {
      size: 3,
      taxIncomeEuros: 31_250,
      fiscalNotice: { numeroFiscal: '1234567890123', reference: '24A1234567890' },
    },
    ownerStatus: 'occupant',
    adviceAppointment: { date: '2025-01-05', adviser: 'Jean Conseil' },
    works: [
      {
        type: 'attic_insulation',
        surfaceM2: 80,
        amountHtCents: 400_000,
        amountTtcCents: 422_000,
        company: { name: 'Isol’Nord', siret: '12345678901234' },
      },
      {
        type: 'ventilation',
        units: 1,
        amountHtCents: 200_000,
        amountTtcCents: 211_000,
        company: { name: 'Air Pur', siret: '12345678901235' },
      },
    ],
  },
  TPE: {
    scheme: 'TPE',
    applicant: identity,
    contact,
    company: {
      name: 'Boulangerie Dupont',
      siret: '12345678901236',
      legalForm: 'sarl',
      creationDate: '2024-09-01',
      employees: 2,
      sector: 'artisanat',
      nafCode: '10.71C',
    },
    project: 'creation',
    address,
    qpvCode: 'QN06201M',
    investments: [
      { label: 'Four', amountHtCents: 1_500_000, supplier: 'Fours du Nord' },
      { label: 'Vitrine', amountHtCents: 500_000 },
    ],
    jobs,
    deMinimisAids: [{ grantor: 'Région', date: '2024-01-01', amountCents: 500_000 }],
  },
  ESS: {
    scheme: 'ESS',
    applicant: identity,
    contact,
    structure: { name: 'Les Jardins Partagés', siret: '12345678901237', legalForm: 'association' },
    project: 'development',
    address,
    leaders: [
      { firstName: 'Camille', lastName: 'Dupont', gender: 'female', role: 'Présidente' },
      { firstName: 'Awa', lastName: 'Diallo', gender: 'female', role: 'Trésorière' },
      { firstName: 'Luc', lastName: 'Martin', gender: 'male', role: 'Secrétaire' },
    ],
    jobs,
  },
  HABITAT: {
    scheme: 'HABITAT',
    applicant: identity,
    contact,
    address,
    ownerStatus: 'occupant',
    household: { size: 2, taxIncomeEuros: 18_000 },
    programme: 'PIG',
    workKind: 'autonomy',
    autonomy: { beneficiaryBirthDate: '1948-02-02', disabilityRatePct: 80 },
    works: [
      {
        label: 'Douche à l’italienne',
        amountHtCents: 900_000,
        amountTtcCents: 990_000,
        company: { name: 'Adapt’Habitat', siret: '12345678901238' },
      },
    ],
  },
};

export interface DemoDossier {
  id: string;
  status: Dossier['status'];
  /** The instant the retention clock started (its last change). */
  updatedAt: string;
  scheme: Scheme;
  granted?: Partial<Record<Funder, number>>;
  decisionAt?: string;
  appeal?: boolean;
  /** A commitment still open (a payment in progress). */
  activeCommitment?: boolean;
  /** Whose it is (default `owner-<id>`). */
  ownerSub?: string;
}

/** Every object of a dossier: an upload, its confirmed copy and an official letter (issue 13§3's key). */
export const objectsOf = (id: string) => ({
  [`dossiers/${id}/pieces/a1`]: `%PDF-1.4 pièce d’identité de ${id}`,
  [`dossiers/${id}/confirmees/a1/c1`]: `%PDF-1.4 copie confirmée de ${id}`,
  [`dossiers/${id}/courriers/accuse-reception/v1.pdf`]: `%PDF-1.4 accusé de réception ${id}`,
});

export async function writeDemoDossier(store: Store, x: DemoDossier): Promise<Dossier> {
  const application = structuredClone(applications[x.scheme]);
  const filed = x.status !== 'draft';
  const granted = x.granted ?? {};
  const total = Object.values(granted).reduce((s, v) => s + (v ?? 0), 0);
  const d: Dossier = {
    id: x.id,
    scheme: x.scheme,
    status: x.status,
    version: 4,
    ownerSub: x.ownerSub ?? `owner-${x.id}`,
    ownerName: 'Camille Dupont-Lefebvre',
    application,
    createdAt: '2024-11-02T09:00:00.000Z',
    updatedAt: x.updatedAt,
    ...(filed
      ? {
          reference: `${x.scheme}-2025-${x.id}`,
          filedAt: '2025-01-12T09:00:00.000Z',
          beneficiary: 'Camille Dupont-Lefebvre',
          communeInsee: '62119',
          assigneeSub: 'instr-1',
          assigneeName: 'Inès Tructrice',
          ruleSetVersion: `${x.scheme.toLowerCase()}-test`,
        }
      : {}),
    ...(x.decisionAt
      ? {
          sessionId: 's1',
          decision: {
            outcome: total > 0 ? ('favourable' as const) : ('unfavourable' as const),
            sessionId: 's1',
            ...(total > 0
              ? { deliberationNumber: `DEL-${x.id}` }
              : { motivation: 'Revenus de Mme Dupont au-dessus du plafond' }),
            at: x.decisionAt,
          },
          proposal: {
            kind: total > 0 ? ('grant' as const) : ('refusal' as const),
            amountsByFunder: { agglomeration: 0, anah: 0, region: 0, etat: 0, ...granted } as Record<
              Funder,
              number
            >,
            totalCents: total,
            text: 'Proposition pour Mme Dupont',
            by: 'instr-1',
            byName: 'Inès Tructrice',
            at: x.decisionAt,
          },
        }
      : {}),
    ...(total > 0 ? { committedByFunder: granted, paidByFunder: x.status === 'paid' ? granted : {} } : {}),
    ...(x.appeal ? { appeal: { status: 'open' as const, receivedAt: x.updatedAt } } : {}),
  };
  const at = x.updatedAt;
  const items = [
    createDossierTx(store, d),
    putEventTx(store, {
      id: `ev-${x.id}`,
      dossierId: x.id,
      at,
      actorSub: 'instr-1',
      actorName: 'Inès',
      role: 'instructor',
      action: 'take',
      from: 'submitted',
      to: 'in_review',
      why: 'Revenus vérifiés',
    }),
    putNoteTx(store, {
      id: `note-${x.id}`,
      dossierId: x.id,
      at,
      authorSub: 'instr-1',
      authorName: 'Inès',
      text: 'Mme Dupont a appelé',
    }),
    putMessageTx(store, { id: `msg-${x.id}`, dossierId: x.id, at, text: 'Bonjour Mme Dupont' }),
    putAttachmentTx(store, {
      id: 'a1',
      dossierId: x.id,
      documentType: 'identity',
      fileName: 'cni-dupont.pdf',
      status: 'available',
      storedKey: `dossiers/${x.id}/confirmees/a1/c1`,
    }),
  ];
  await transact(store, items);
  for (const [funder, amount] of Object.entries(granted)) {
    const c: Commitment = {
      id: `c-${x.id}-${funder}`,
      dossierId: x.id,
      reference: d.reference ?? x.id,
      scheme: x.scheme,
      year: 2025,
      funder: funder as Funder,
      beneficiary: 'Camille Dupont-Lefebvre',
      budgetLine: '65/6574/90',
      amountCents: amount ?? 0,
      paidCents: x.activeCommitment ? 0 : (amount ?? 0),
      remainingCents: x.activeCommitment ? (amount ?? 0) : 0,
      status: x.activeCommitment ? 'active' : x.status === 'lapsed' ? 'lapsed' : 'closed',
      sessionId: 's1',
      sessionNumber: 'B-2025-03',
      deliberationNumber: `DEL-${x.id}`,
      committedAt: x.decisionAt ?? at,
      payments: [],
      releasedCents: 0,
    };
    const p: Payment = {
      id: `p-${x.id}-${funder}`,
      dossierId: x.id,
      commitmentId: c.id,
      reference: c.reference,
      scheme: x.scheme,
      year: 2025,
      funder: funder as Funder,
      beneficiary: 'Camille Dupont-Lefebvre',
      budgetLine: c.budgetLine,
      kind: 'balance',
      amountCents: amount ?? 0,
      at: '2025-11-20T10:00:00.000Z',
      by: 'fin-1',
      sessionId: 's1',
    };
    await transact(store, [
      createCommitmentTx(store, c),
      ...(x.status === 'paid' && !x.activeCommitment ? [createPaymentTx(store, p)] : []),
    ]);
  }
  const s3 = await s3Client(store);
  for (const [Key, body] of Object.entries(objectsOf(x.id))) {
    await s3.send(
      new PutObjectCommand({
        Bucket: store.config.bucketName,
        Key,
        Body: body,
        ContentType: 'application/pdf',
      }),
    );
  }
  return d;
}
