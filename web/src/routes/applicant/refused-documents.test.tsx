import { type ApplicantAttachmentView, documentsToReplace } from '@aides/services/attachments/views';
import { describe, expect, it } from 'vitest';
import { RefusedDocuments } from './refused-documents.tsx';

const doc = (
  id: string,
  documentType: string,
  confirmedAt: string,
  verdict?: { valid: boolean; reason?: string },
): ApplicantAttachmentView => ({
  id,
  dossierId: 'd1',
  documentType,
  documentTypeLabel: documentType,
  fileName: `${documentType}.pdf`,
  declaredType: 'application/pdf',
  status: 'available',
  scanStatus: 'not_scanned' as ApplicantAttachmentView['scanStatus'],
  scanStatusLabel: '',
  createdAt: confirmedAt,
  uploadExpiresAt: confirmedAt,
  confirmedAt,
  ...(verdict ? { verdict } : {}),
});

const refusedRib = doc('a1', 'rib', '2026-12-03T10:00:00.000Z', {
  valid: false,
  reason: 'RIB au nom d’un tiers.',
});
const html = (attachments: ApplicantAttachmentView[], uploadHere: 'request' | 'payment' | null) =>
  String(<RefusedDocuments attachments={attachments} uploadHere={uploadHere} />);

// Issue 13 §1, seen in the browser journey: a refused RIB replaced by one found conforming was
// still listed under « Pièces à remplacer », with « un formulaire de dépôt apparaîtra ».
describe('documents to replace', () => {
  it('no longer lists a refused document that a later one of the same type replaced', () => {
    const replaced = [refusedRib, doc('a2', 'rib', '2026-12-03T11:00:00.000Z', { valid: true })];
    expect(documentsToReplace(replaced)).toEqual([]);
    expect(html(replaced, 'payment')).toBe('');
    // A new one still waiting for its verdict replaces it as well: the household has done its part.
    expect(documentsToReplace([refusedRib, doc('a3', 'rib', '2026-12-03T11:00:00.000Z')])).toEqual([]);
  });

  it('keeps it while nothing replaced it, or only an older document or one of another type', () => {
    const older = doc('a0', 'rib', '2026-12-02T10:00:00.000Z', { valid: true });
    const other = doc('a4', 'invoice', '2026-12-03T12:00:00.000Z');
    expect(documentsToReplace([older, refusedRib, other]).map((a) => a.id)).toEqual(['a1']);
  });

  it('on a granted aid, says where to upload the new one (the payment documents), with the reason', () => {
    const out = html([refusedRib], 'payment');
    expect(out).toContain('Pièces à remplacer');
    expect(out).toContain('Motif : RIB au nom d’un tiers.');
    expect(out).toContain('dans « Pièces pour le paiement de l’aide »');
    expect(out).not.toContain('un formulaire de dépôt apparaîtra');
    expect(html([refusedRib], 'request')).toContain('puis répondez à l’instructeur');
    expect(html([refusedRib], null)).toContain('un formulaire de dépôt apparaîtra');
  });
});
