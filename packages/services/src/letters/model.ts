/**
 * Official documents: what they are, how they are named and which template version renders them.
 * See ./README.md for the design (a letter = template version × facts of its event, stored once).
 */

export const LETTER_KINDS = ['acknowledgement', 'decision', 'payment_notice', 'extract'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/**
 * The template version of each kind. Change the version whenever a template's output changes:
 * documents already issued keep their stored bytes (and the version they were made with); only
 * documents issued afterwards use the new one.
 */
export const TEMPLATE_VERSIONS: Record<LetterKind, string> = {
  // 2026.2: the service's contact details from sourced reference data, « à confirmer » where unverified.
  acknowledgement: '2026.2',
  decision: '2026.2',
  payment_notice: '2026.2',
  extract: '2026.1',
};

export const letterTitles: Record<LetterKind, string> = {
  acknowledgement: 'Accusé de réception',
  decision: 'Notification de décision',
  payment_notice: 'Avis de paiement',
  extract: 'Extrait du registre des délibérations',
};

/** Ids inside a dossier: one acknowledgement, one decision per session, one notice per payment. */
export const letterIds = {
  acknowledgement: () => 'accuse-reception',
  decision: (sessionId: string) => `decision-${sessionId}`,
  paymentNotice: (paymentId: string) => `paiement-${paymentId}`,
  extract: () => 'extrait',
};

export function parseLetterId(
  letterId: string,
):
  | { kind: 'acknowledgement' }
  | { kind: 'decision'; sessionId: string }
  | { kind: 'payment_notice'; paymentId: string }
  | undefined {
  if (letterId === 'accuse-reception') return { kind: 'acknowledgement' };
  const decision = /^decision-([A-Za-z0-9-]{1,64})$/.exec(letterId);
  if (decision?.[1]) return { kind: 'decision', sessionId: decision[1] };
  const payment = /^paiement-([A-Za-z0-9-]{1,64})$/.exec(letterId);
  if (payment?.[1]) return { kind: 'payment_notice', paymentId: payment[1] };
  return undefined;
}

/** What is stored of an issued document (the record, beside its audit event). */
export interface LetterRecord {
  letterId: string;
  kind: LetterKind;
  templateVersion: string;
  /** Object key in the bucket (never shown to anybody). */
  objectKey: string;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  size: number;
  fileName: string;
  /** Date of the event the document reports (its PDF creation date). */
  eventDate: string;
  issuedAt: string;
  issuedBy: string;
}

/** A document of a dossier as listed for the applicant and staff: issued or ready to be. */
export interface LetterListing {
  letterId: string;
  kind: LetterKind;
  title: string;
  /** What it is about, in a few words (« Avance de 1 200,00 € — Agglomération »). */
  subject: string;
  eventDate: string;
  /** Set once issued (first download): the same bytes are served ever after. */
  issuedAt?: string;
  sha256?: string;
}
