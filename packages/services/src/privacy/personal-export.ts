import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { formatDateFr, formatDateTimeFr, formatEuros, schemeLabels, stateLabels } from '@aides/domain';
import { listDossiersOfOwner } from '@aides/store';
import { getObjectStream, listKeys, objectKeys, presignDownload, uploadStream } from '@aides/store/objects';
import type { Content } from 'pdfmake/interfaces';
import yazl from 'yazl';
import { type Attachment, readAttachments } from '../attachments/attachments.ts';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import type { Dossier } from '../dossiers/model.ts';
import { applicantDossierView, type PublicTimelineEntry, readApplicantTimeline } from '../dossiers/views.ts';
import { parseOrThrow } from '../errors.ts';
import { recordAccess } from './access-log.ts';
import { personalExportInput } from './personal-export-input.ts';

export { personalExportInput };

/**
 * A person's right of access (RGPD art. 15): a ZIP of everything held about them. Per dossier, a
 * folder with `dossier.json` (what they declared, its state, amounts and decision as the
 * applicant sees them, and their timeline), `dossier.pdf` (the same, readable), their files
 * (`pieces/`) and the letters sent to them (`courriers/`); `LISEZMOI.txt` says what is where.
 * Staff notes and proposals are not included: they are the service's working documents, and the
 * view model never passes them to the applicant (DESIGN.md « Views »).
 */
async function* ownDossiers(ctx: ServiceContext, personSub: string): AsyncGenerator<Dossier> {
  let cursor: string | undefined;
  do {
    const page = await listDossiersOfOwner<Dossier>(ctx.store, personSub, cursor);
    for (const d of page.items) if (!d.purge) yield d;
    cursor = page.cursor;
  } while (cursor);
}

/** Flattens what the applicant declared into « clé : valeur » lines for the PDF. */
function flatten(value: unknown, path = ''): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => flatten(v, `${path}[${i + 1}]`));
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      flatten(v, path ? `${path}.${k}` : k),
    );
  return [`${path} : ${String(value)}`];
}

async function dossierPdf(
  d: Dossier,
  timeline: PublicTimelineEntry[],
  files: Attachment[],
  letters: string[],
  generatedAt: string,
): Promise<Uint8Array> {
  // The letters' renderer (pdfmake, Helvetica), loaded with the first export only.
  const { renderPdf } = await import('../letters/pdf.ts');
  const heading = (text: string): Content => ({ text, style: 'heading' });
  const lines = (items: string[], none: string): Content => ({ ul: items.length ? items : [none] });
  const outcome =
    d.decision?.outcome === 'favourable'
      ? 'favorable'
      : d.decision?.outcome === 'unfavourable'
        ? 'défavorable'
        : 'ajournée';
  const content: Content[] = [
    { text: `Dossier ${d.reference ?? '(brouillon)'} — ${schemeLabels[d.scheme]}`, style: 'title' },
    `Vos données personnelles (RGPD, article 15), état au ${formatDateTimeFr(generatedAt)}`,
    heading('Le dossier'),
    `État : ${stateLabels[d.status]}`,
    `Créé le ${formatDateFr(d.createdAt)}${d.filedAt ? `, déposé le ${formatDateFr(d.filedAt)}` : ''}`,
    ...(d.decision ? [`Décision du ${formatDateFr(d.decision.at)} : ${outcome}`] : []),
    ...Object.entries(d.committedByFunder ?? {}).map(
      ([funder, cents]) => `Montant engagé (${funder}) : ${formatEuros(cents ?? 0)}`,
    ),
    heading('Ce que vous avez déclaré'),
    lines(flatten(d.application), 'Rien.'),
    heading('Historique'),
    lines(
      timeline.map((e) => `${formatDateTimeFr(e.at)} — ${e.title}${e.why ? ` : ${e.why}` : ''}`),
      'Aucun événement.',
    ),
    heading('Pièces jointes'),
    lines(
      files.map((f) => `${f.fileName} (${f.documentType})`),
      'Aucune.',
    ),
    heading('Courriers'),
    lines(letters.map(letterName), 'Aucun.'),
  ];
  return renderPdf(
    {
      title: `Dossier ${d.reference ?? d.id}`,
      subject: 'Données personnelles (RGPD, article 15)',
      author: "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane",
      date: generatedAt,
    },
    content,
  );
}

async function bytesOf(ctx: ServiceContext, key: string): Promise<Buffer> {
  const body = await getObjectStream(ctx.store, key);
  return Buffer.from((await body?.transformToByteArray()) ?? []);
}

/** « accuse-reception-v1.pdf » for dossiers/<id>/courriers/accuse-reception/v1.pdf. */
const letterName = (key: string) => (key.split('/courriers/')[1] ?? key).replaceAll('/', '-');

const safeName = (name: string) => name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120) || 'fichier';

/** The ZIP for `personSub`, stored under exports/ and handed out by a 5-minute link. */
async function exportFor(ctx: ServiceContext, personSub: string) {
  const generatedAt = ctx.now().toISOString();
  const zip = new yazl.ZipFile();
  const key = objectKeys.personalExport(randomUUID());
  const body = new PassThrough();
  const upload = uploadStream(ctx.store, { key, body, contentType: 'application/zip' });
  zip.outputStream.pipe(body);
  const index: { id: string; reference?: string; scheme: string; status: string; folder: string }[] = [];
  try {
    for await (const d of ownDossiers(ctx, personSub)) {
      const folder = `dossiers/${safeName(d.reference ?? `brouillon-${d.id}`)}`;
      const timeline = await readApplicantTimeline(ctx, d.id);
      const files = (await readAttachments(ctx, d.id)).filter((a) => a.status === 'available');
      // Official letters (issue 13§3) live under the dossier's `courriers/` folder.
      const letters = await listKeys(ctx.store, `dossiers/${d.id}/courriers/`);
      const json = {
        dossier: applicantDossierView(d),
        historique: timeline,
        pieces: files.map((f) => ({
          nom: f.fileName,
          type: f.documentType,
          recueLe: f.confirmedAt ?? f.createdAt,
        })),
        courriers: letters.map(letterName),
      };
      zip.addBuffer(Buffer.from(JSON.stringify(json, null, 2)), `${folder}/dossier.json`);
      zip.addBuffer(
        Buffer.from(await dossierPdf(d, timeline, files, letters, generatedAt)),
        `${folder}/dossier.pdf`,
      );
      for (const f of files) {
        const stored = f.storedKey ?? objectKeys.attachment(d.id, f.id);
        zip.addBuffer(
          await bytesOf(ctx, stored),
          `${folder}/pieces/${safeName(`${f.id.slice(0, 8)}-${f.fileName}`)}`,
        );
      }
      for (const k of letters)
        zip.addBuffer(await bytesOf(ctx, k), `${folder}/courriers/${safeName(letterName(k))}`);
      index.push({
        id: d.id,
        ...(d.reference ? { reference: d.reference } : {}),
        scheme: d.scheme,
        status: d.status,
        folder,
      });
    }
    zip.addBuffer(
      Buffer.from(
        [
          'Vos données personnelles — Aides de l’Agglo (Communauté d’agglomération de Béthune-Bruay, Artois Lys Romane)',
          `Extraction du ${formatDateTimeFr(generatedAt)} (RGPD, article 15).`,
          '',
          'Un dossier par demande, chacun avec : dossier.json (données lisibles par une machine), dossier.pdf (les mêmes, lisibles),',
          'pieces/ (les fichiers que vous avez envoyés), courriers/ (les courriers qui vous ont été adressés).',
          'Durées de conservation et destinataires : page « Registre des traitements » du site.',
          '',
          ...index.map((i) => `- ${i.reference ?? 'brouillon'} (${i.scheme}, ${i.status}) : ${i.folder}/`),
        ].join('\n'),
        'utf8',
      ),
      'LISEZMOI.txt',
    );
    zip.addBuffer(
      Buffer.from(JSON.stringify({ personne: personSub, genereLe: generatedAt, dossiers: index }, null, 2)),
      'index.json',
    );
    zip.end();
  } catch (e) {
    body.destroy(e as Error);
    throw e;
  }
  await upload;
  const url = await presignDownload(ctx.store, {
    key,
    fileName: `mes-donnees-${generatedAt.slice(0, 10)}.zip`,
    contentType: 'application/zip',
    expiresInSeconds: 300,
  });
  return { url, key, dossiers: index.length };
}

/** The applicant's own export, from their account. */
export async function exportMyData(ctx: ServiceContext, caller: Caller) {
  requireRole(caller, 'applicant');
  return exportFor(ctx, caller.sub);
}

/** An admin serves a request received another way (letter, counter), for a named person; logged. */
export async function exportPersonData(ctx: ServiceContext, caller: Caller, input: unknown) {
  requireRole(caller, 'admin');
  const { personSub } = parseOrThrow(personalExportInput, input);
  await recordAccess(ctx, caller, {
    kind: 'personal_export',
    personSub,
    what: 'Export RGPD (article 15) pour la personne',
  });
  return exportFor(ctx, personSub);
}
