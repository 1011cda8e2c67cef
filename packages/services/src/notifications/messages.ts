import { formatDateFr, formatEuros, paymentKindLabels, schemeLabels } from '@aides/domain';
import { letterIds } from '../letters/model.ts';
import type { OutboxItem } from './model.ts';

/**
 * The French messages, plain text and HTML. Only what the recipient needs: no name, no address,
 * no amounts of the file (except a payment's own), no motivation (it is on the dossier page and
 * in the official letter): the reference, what happened, and the link to the dossier, where the
 * person signs in to read the rest (and the official letters).
 */

export interface ComposedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The dossier's page for this audience (applicants: their dossier; staff: the instruction page). */
export function dossierLink(item: Pick<OutboxItem, 'audience' | 'dossierId'>, webOrigin: string): string {
  const path =
    item.audience === 'applicant'
      ? `/mes-dossiers/${item.dossierId}`
      : `/instruction/dossiers/${item.dossierId}`;
  return new URL(path, webOrigin).toString();
}

interface Body {
  subject: string;
  /** Paragraphs, plain text. */
  paragraphs: string[];
  linkLabel: string;
  /** The official letter of the event (applicants), downloaded once signed in (issue 13 §3). */
  letter?: { label: string; letterId: string };
}

/** The applicant's download address of one of the dossier's official letters (web/src/routes/letters). */
export function letterLink(dossierId: string, letterId: string, webOrigin: string): string {
  return new URL(
    `/courriers/${encodeURIComponent(dossierId)}/${encodeURIComponent(letterId)}`,
    webOrigin,
  ).toString();
}

function body(item: OutboxItem): Body {
  const ref = item.reference;
  const scheme = schemeLabels[item.scheme];
  const p = item.params;
  switch (p.kind) {
    case 'filed':
      return {
        subject: `Demande ${ref} : accusé de réception`,
        paragraphs: [
          `Votre demande d’aide (« ${scheme} ») a bien été déposée le ${formatDateFr(p.filedAt)}, sous la référence ${ref}.`,
          'Elle va être instruite par le service instructeur de la Communauté d’agglomération. Vous serez prévenu(e) par courriel de chaque étape.',
          'L’accusé de réception officiel est disponible sur la page de votre dossier.',
        ],
        linkLabel: 'Voir mon dossier',
        letter: { label: 'Télécharger l’accusé de réception (PDF)', letterId: letterIds.acknowledgement() },
      };
    case 'documents_requested':
      return {
        subject: `Demande ${ref} : des pièces vous sont demandées`,
        paragraphs: [
          `Le service instructeur a besoin de pièces complémentaires pour instruire votre demande ${ref}${p.documentTypes.length ? ` : ${p.documentTypes.join(', ')}` : ''}.`,
          'Le détail de la demande figure sur la page de votre dossier, où vous pouvez envoyer les pièces et répondre.',
        ],
        linkLabel: 'Répondre sur mon dossier',
      };
    case 'decision': {
      const outcome =
        p.outcome === 'favourable'
          ? 'Le Bureau communautaire a accordé l’aide demandée'
          : p.outcome === 'unfavourable'
            ? 'Le Bureau communautaire a rendu une décision défavorable sur votre demande'
            : 'Le Bureau communautaire a ajourné l’examen de votre demande';
      return {
        subject: `Demande ${ref} : décision du Bureau communautaire`,
        paragraphs: [
          `${outcome} (demande ${ref}, « ${scheme} »).`,
          p.outcome === 'favourable'
            ? 'La notification de la décision, le montant accordé et les pièces à fournir pour chaque versement figurent sur la page de votre dossier.'
            : 'La décision, ses motifs et les voies et délais de recours figurent sur la page de votre dossier.',
        ],
        linkLabel: 'Lire la décision',
        ...(p.sessionId && p.outcome !== 'adjourned'
          ? {
              letter: {
                label: 'Télécharger la notification de décision (PDF)',
                letterId: letterIds.decision(p.sessionId),
              },
            }
          : {}),
      };
    }
    case 'payment':
      return {
        subject: `Demande ${ref} : versement de l’aide`,
        paragraphs: [
          `Un versement (${paymentKindLabels[p.paymentKind].toLowerCase()}) de ${formatEuros(p.amountCents)} a été ordonné pour votre demande ${ref}.`,
          'L’avis de paiement est disponible sur la page de votre dossier.',
        ],
        linkLabel: 'Voir mon dossier',
        ...(p.paymentId
          ? {
              letter: {
                label: 'Télécharger l’avis de paiement (PDF)',
                letterId: letterIds.paymentNotice(p.paymentId),
              },
            }
          : {}),
      };
    case 'works_reminder':
      return {
        subject: `Demande ${ref} : vos travaux doivent être achevés avant le ${formatDateFr(p.deadline)}`,
        paragraphs: [
          `Pour votre demande ${ref}, les travaux doivent être réalisés et les justificatifs transmis avant le ${formatDateFr(p.deadline)}, soit dans deux mois.`,
          'Passé ce délai, l’aide accordée peut devenir caduque. Les pièces à fournir pour le versement sont indiquées sur la page de votre dossier.',
        ],
        linkLabel: 'Envoyer mes justificatifs',
      };
    case 'lapsed':
      return {
        subject: `Demande ${ref} : l’aide est devenue caduque`,
        paragraphs: [
          `L’aide accordée pour votre demande ${ref} est devenue caduque.`,
          'Les motifs et les voies de recours figurent sur la page de votre dossier.',
        ],
        linkLabel: 'Voir mon dossier',
      };
    case 'draft_deletion':
      return {
        subject: `Votre brouillon de demande sera supprimé le ${formatDateFr(p.deletionDue)}`,
        paragraphs: [
          `Votre brouillon de demande « ${scheme} » n’a pas été modifié depuis longtemps : il sera supprimé, avec ses pièces jointes, le ${formatDateFr(p.deletionDue)}.`,
          'Pour le garder, ouvrez-le et enregistrez une étape, ou déposez la demande avant cette date.',
        ],
        linkLabel: 'Reprendre mon brouillon',
      };
    case 'assigned':
      return {
        subject: `Dossier ${ref} : il vous est confié`,
        paragraphs: [`${p.byName} vous a confié l’instruction du dossier ${ref} (« ${scheme} »).`],
        linkLabel: 'Ouvrir le dossier',
      };
    case 'answered':
      return {
        subject: `Dossier ${ref} : le demandeur a répondu`,
        paragraphs: [
          `Le demandeur a répondu à votre demande de pièces sur le dossier ${ref} (« ${scheme} »).`,
        ],
        linkLabel: 'Ouvrir le dossier',
      };
  }
}

const SIGNATURE = 'Communauté d’agglomération de Béthune-Bruay, Artois Lys Romane';
const FOOTER_APPLICANT =
  'Ce courriel est envoyé automatiquement : merci de ne pas y répondre. Pour toute question, écrivez depuis la page de votre dossier.';
const FOOTER_STAFF =
  'Courriel automatique. Vous pouvez désactiver ces avis depuis la page « Mes notifications » de l’application.';

export function composeMessage(item: OutboxItem, webOrigin: string): ComposedMessage {
  const b = body(item);
  const link = dossierLink(item, webOrigin);
  const letter =
    b.letter && item.audience === 'applicant'
      ? { label: b.letter.label, href: letterLink(item.dossierId, b.letter.letterId, webOrigin) }
      : undefined;
  const footer = item.audience === 'applicant' ? FOOTER_APPLICANT : FOOTER_STAFF;
  const text = [
    'Bonjour,',
    '',
    ...b.paragraphs.flatMap((para) => [para, '']),
    `${b.linkLabel} : ${link}`,
    ...(letter ? [`${letter.label} : ${letter.href}`] : []),
    '',
    SIGNATURE,
    '',
    '--',
    footer,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8">',
    `<title>${escapeHtml(b.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1e1e1e">',
    '<p>Bonjour,</p>',
    ...b.paragraphs.map((para) => `<p>${escapeHtml(para)}</p>`),
    `<p><a href="${escapeHtml(link)}">${escapeHtml(b.linkLabel)}</a></p>`,
    ...(letter ? [`<p><a href="${escapeHtml(letter.href)}">${escapeHtml(letter.label)}</a></p>`] : []),
    `<p>${escapeHtml(SIGNATURE)}</p>`,
    `<hr><p style="font-size:14px;color:#555">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: b.subject, text, html };
}
