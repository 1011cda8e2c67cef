import { createHash, randomUUID } from 'node:crypto';
import {
  ConditionFailedError,
  createLetterRecordTx,
  getLetterRecord,
  type LabelledItem,
  type LetterOwner,
  putLetterEventTx,
  transact,
} from '@aides/store';
import { getObjectBytes, objectKeys, putObjectOnce } from '@aides/store/objects';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { isStaff, loadDossier, requireRole } from '../dossiers/access.ts';
import type { Dossier, DossierEvent } from '../dossiers/model.ts';
import { acknowledgementFacts, decisionFacts, noSuchLetter, paymentNoticeFacts } from './facts.ts';
import {
  type LetterKind,
  type LetterRecord,
  letterTitles,
  parseLetterId,
  TEMPLATE_VERSIONS,
} from './model.ts';
import type { LetterContent } from './templates.ts';

/**
 * Issuing an official document, once. `issueLetter` renders the letter from its template version
 * and the facts of its event, writes the bytes under a key of their own with a conditional put,
 * then records it (key, SHA-256, template version) with an audit event carrying the same SHA-256,
 * in one transaction that fails if the letter was already recorded. Whoever comes second — a
 * retry, a concurrent download — reads the first record and serves the stored bytes: re-downloading
 * always gives the same bytes, even after a template changes. Only the documents function loads
 * this module (pdfmake comes with it).
 */

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface IssuedDocument {
  record: LetterRecord;
  bytes: Uint8Array;
}

async function render(c: LetterContent): Promise<Uint8Array> {
  const { renderPdf } = await import('./pdf.ts');
  return renderPdf(
    {
      title: c.title,
      subject: c.subject,
      author: 'Communauté d’agglomération de Béthune-Bruay, Artois Lys Romane',
      date: c.date,
    },
    c.content,
    { footer: c.footer },
  );
}

/** The stored bytes of a record, checked against its SHA-256 (a mismatch is an incident, not a 404). */
async function storedBytes(ctx: ServiceContext, record: LetterRecord): Promise<Uint8Array> {
  const bytes = await getObjectBytes(ctx.store, record.objectKey);
  if (!bytes)
    throw new Error(`Document ${record.letterId} enregistré mais absent du stockage (${record.objectKey})`);
  const sum = sha256Hex(bytes);
  if (sum !== record.sha256)
    throw new Error(`Document ${record.letterId} altéré : SHA-256 ${sum} ≠ ${record.sha256}`);
  return bytes;
}

export interface IssueSpec {
  owner: LetterOwner;
  letterId: string;
  kind: LetterKind;
  objectKey: (templateVersion: string) => string;
  /** The letter's content, or undefined when its event does not exist (404). */
  build: () => Promise<LetterContent | undefined>;
  /** The audit event(s) written with the record. */
  audit: (record: LetterRecord) => LabelledItem[];
  /** More writes in the same transaction (the extract closes its session). */
  extra?: (record: LetterRecord) => LabelledItem[];
  onConditionFailed?: (label: string) => Error | undefined;
}

export async function issueOnce(
  ctx: ServiceContext,
  caller: Caller,
  spec: IssueSpec,
): Promise<IssuedDocument> {
  const existing = await getLetterRecord<LetterRecord>(ctx.store, spec.owner, spec.letterId);
  if (existing) return { record: existing, bytes: await storedBytes(ctx, existing) };

  const content = await spec.build();
  if (!content) throw noSuchLetter();
  const templateVersion = TEMPLATE_VERSIONS[spec.kind];
  const bytes = await render(content);
  const sha256 = sha256Hex(bytes);
  const objectKey = spec.objectKey(templateVersion);
  const put = await putObjectOnce(ctx.store, {
    key: objectKey,
    body: bytes,
    contentType: 'application/pdf',
    sha256Base64: Buffer.from(sha256, 'hex').toString('base64'),
  });
  if (!put.created) {
    // Someone else wrote this key first (same template version, same facts): it must be the same.
    const there = await getObjectBytes(ctx.store, objectKey);
    if (!there || sha256Hex(there) !== sha256)
      throw new Error(`Document ${spec.letterId} : un autre contenu occupe déjà ${objectKey}`);
  }
  const record: LetterRecord = {
    letterId: spec.letterId,
    kind: spec.kind,
    templateVersion,
    objectKey,
    sha256,
    size: bytes.byteLength,
    fileName: content.fileName,
    eventDate: content.date,
    issuedAt: ctx.now().toISOString(),
    issuedBy: caller.sub,
  };
  try {
    await transact(ctx.store, [
      createLetterRecordTx(ctx.store, spec.owner, record),
      ...spec.audit(record),
      ...(spec.extra?.(record) ?? []),
    ]);
  } catch (e) {
    if (e instanceof ConditionFailedError && e.label === 'letter') {
      const first = await getLetterRecord<LetterRecord>(ctx.store, spec.owner, spec.letterId);
      if (first) return { record: first, bytes: await storedBytes(ctx, first) };
    }
    if (e instanceof ConditionFailedError) {
      const mapped = spec.onConditionFailed?.(e.label);
      if (mapped) throw mapped;
    }
    throw e;
  }
  return { record, bytes };
}

function letterEvent(caller: Caller, d: Dossier, record: LetterRecord): DossierEvent {
  const role = isStaff(caller) && d.ownerSub !== caller.sub ? (caller.roles[0] ?? 'applicant') : 'applicant';
  return {
    id: randomUUID(),
    dossierId: d.id,
    at: record.issuedAt,
    actorSub: caller.sub,
    actorName: caller.name,
    role,
    action: 'issue_letter',
    from: d.status,
    to: d.status,
    detail: `${letterTitles[record.kind]} (modèle ${record.templateVersion}), SHA-256 ${record.sha256}`,
    letterId: record.letterId,
    sha256: record.sha256,
  };
}

/**
 * Issues (the first time) and returns a dossier's letter: the applicant who owns the dossier and
 * staff may; anybody else gets 404, as for the dossier itself.
 */
export async function issueLetter(
  ctx: ServiceContext,
  caller: Caller,
  dossierId: string,
  letterId: string,
): Promise<IssuedDocument> {
  requireRole(caller, 'applicant', 'instructor', 'bureau', 'finance', 'admin');
  const d = await loadDossier(ctx, caller, dossierId);
  const parsed = parseLetterId(letterId);
  if (!parsed) throw noSuchLetter();
  const { acknowledgementLetter, decisionLetter, paymentNoticeLetter } = await import('./templates.ts');
  const build = async (): Promise<LetterContent | undefined> => {
    switch (parsed.kind) {
      case 'acknowledgement': {
        const f = await acknowledgementFacts(d);
        return f && acknowledgementLetter(f);
      }
      case 'decision': {
        const f = await decisionFacts(ctx, d, parsed.sessionId);
        return f && decisionLetter(f);
      }
      case 'payment_notice': {
        const f = await paymentNoticeFacts(ctx, d, parsed.paymentId);
        return f && paymentNoticeLetter(f);
      }
    }
  };
  return issueOnce(ctx, caller, {
    owner: { dossierId: d.id },
    letterId,
    kind: parsed.kind,
    objectKey: (v) => objectKeys.dossierLetter(d.id, letterId, v),
    build,
    audit: (record) => [putLetterEventTx(ctx.store, letterEvent(caller, d, record))],
  });
}
