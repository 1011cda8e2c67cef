/**
 * An entry point for infra/test/bundles.test.ts: the documents function's renderer bundled with the
 * deployed options (fonts' metrics beside the chunk, brotli left out), run in a fresh process.
 */
export const handler = async () => {
  const { renderPdf } = await import('@aides/services/letters/pdf');
  const { acknowledgementLetter } = await import('@aides/services/letters/templates');
  const letter = acknowledgementLetter({
    reference: 'FTE-2026-00042',
    scheme: 'FTE',
    applicantName: 'Camille Martin',
    beneficiary: 'Camille Martin',
    commune: 'Béthune',
    receivedAt: '2026-03-12T09:30:00.000Z',
    implicitRejectionOn: '2026-05-12',
  });
  const bytes = await renderPdf(
    { title: letter.title, subject: letter.subject, author: 'CABBALR', date: letter.date },
    letter.content,
    { footer: letter.footer },
  );
  return Buffer.from(bytes).toString('base64');
};
