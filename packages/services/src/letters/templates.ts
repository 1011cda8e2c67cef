/**
 * The letters to applicants, as pdfmake document content. Pure: the same facts give the same
 * content (and, with pdf.ts, the same bytes). Only types come from pdfmake here, so this module
 * weighs nothing in a bundle; the rendering itself is in pdf.ts.
 *
 * Legal basis of what each letter says (checked against the texts, December 2026):
 * - Accusé de réception — code des relations entre le public et l'administration (CRPA):
 *   art. L112-3 (every request gets an acknowledgement); art. R112-5 (its content: 1° date of
 *   receipt and the date on which, without an express decision, the request is deemed accepted or
 *   rejected; 2° designation, postal and e-mail address and telephone of the service handling the
 *   file; it says whether silence means rejection or acceptance and, for rejection, the time limits
 *   and routes of appeal); art. L112-6 (without a compliant acknowledgement the appeal deadlines do
 *   not run); art. L231-1 and L231-4 3° (silence kept two months is acceptance, except for a request
 *   "présentant un caractère financier", where it is rejection: a grant request is one).
 *   Code de justice administrative (CJA): art. R421-2 (two months to appeal from the birth of the
 *   implicit rejection), R421-1 (two months), R421-5 (deadlines run only if the notification states
 *   them).
 * - Notification de décision — CRPA art. L211-2 6° and L211-5 (a refusal states in writing its
 *   reasons of law and fact); art. L411-2 (a recours gracieux made within the contentious deadline
 *   extends it); CJA art. R421-1 and R421-5 (two months, stated in the notification); CJA art.
 *   R414-6 (Télérecours citoyens, the online filing for individuals); tribunal administratif de Lille
 *   (jurisdiction over the Pas-de-Calais, CJA art. R221-3 and R312-1).
 * - Avis de paiement — no specific text; it states the payment, its budget basis and what remains.
 */
import {
  FUNDERS,
  type Funder,
  formatDateFr,
  formatDateTimeFr,
  formatEuros,
  funderLabels,
  paymentKindLabels,
  schemeLabels,
} from '@aides/domain';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { AcknowledgementFacts, DecisionFacts, PaymentNoticeFacts } from './facts.ts';
import {
  ADMINISTRATIVE_COURT,
  AGGLOMERATION_NAME,
  type ServiceContact,
  serviceContacts,
} from './service-contact.ts';

export interface LetterContent {
  title: string;
  subject: string;
  /** The event's date: the PDF's creation date. */
  date: string;
  fileName: string;
  content: Content[];
  footer: string;
}

const safeRef = (reference: string) => reference.replace(/[^A-Za-z0-9-]+/g, '-');

function letterhead(contact: ServiceContact, o: { place: string; date: string }): Content[] {
  return [
    {
      columns: [
        {
          stack: [
            { text: AGGLOMERATION_NAME, style: 'org' },
            { text: contact.name, margin: [0, 2, 0, 0] },
            ...contact.address.slice(1).map((line) => ({ text: line, style: 'small' })),
            { text: `Courriel : ${contact.email} — Téléphone : ${contact.phone}`, style: 'small' },
            { text: `Site internet : ${contact.website}`, style: 'small' },
          ],
        },
        { text: `${o.place}, le ${formatDateFr(o.date)}`, alignment: 'right', width: 170 },
      ],
    },
  ];
}

function addressee(f: {
  applicantName: string;
  beneficiary: string;
  reference: string;
  scheme: string;
  commune?: string;
}): Content {
  return {
    margin: [260, 18, 0, 6],
    stack: [
      { text: f.applicantName, bold: true },
      ...(f.beneficiary && f.beneficiary !== f.applicantName ? [{ text: f.beneficiary }] : []),
      ...(f.commune ? [{ text: f.commune }] : []),
    ],
  };
}

function dossierLines(f: { reference: string; scheme: keyof typeof schemeLabels }): Content {
  return {
    margin: [0, 6, 0, 6],
    table: {
      widths: [130, '*'],
      body: [
        [{ text: 'Dossier', bold: true }, f.reference],
        [{ text: 'Dispositif', bold: true }, schemeLabels[f.scheme]],
      ],
    },
    layout: 'lightHorizontalLines',
  };
}

const heading = (text: string): Content => ({ text, style: 'heading' });
const para = (text: string): Content => ({ text, margin: [0, 0, 0, 6] });

/** Voies et délais de recours against an express decision (CRPA L411-2; CJA R421-1, R421-5, R414-6). */
function appealRoutes(decisionDate: string): Content[] {
  return [
    heading('Voies et délais de recours'),
    para(
      `Si vous contestez cette décision, vous pouvez, dans un délai de deux mois à compter de sa notification, ` +
        `former un recours gracieux auprès du Président de la ${AGGLOMERATION_NAME} (adresse ci-dessus). ` +
        `Ce recours interrompt le délai du recours contentieux, qui recommence à courir à compter de la réponse ` +
        `(l'absence de réponse pendant deux mois vaut rejet).`,
    ),
    para(
      `Vous pouvez aussi former un recours contentieux devant le ${ADMINISTRATIVE_COURT.name} ` +
        `(${ADMINISTRATIVE_COURT.address}) dans un délai de deux mois à compter de la notification de la ` +
        `présente décision, ou de la réponse à votre recours gracieux. Le tribunal peut être saisi par ` +
        `courrier ou par l'application ${ADMINISTRATIVE_COURT.online}.`,
    ),
    { text: `Décision du ${formatDateFr(decisionDate)}.`, style: 'small' },
  ];
}

const amountTable = (byFunder: Partial<Record<Funder, number>>, total: number): Content => ({
  margin: [0, 4, 0, 8],
  table: {
    widths: ['*', 120],
    body: [
      [
        { text: 'Financeur', bold: true },
        { text: 'Montant attribué', bold: true, alignment: 'right' },
      ],
      ...FUNDERS.filter((f) => (byFunder[f] ?? 0) > 0).map((f): TableCell[] => [
        funderLabels[f],
        { text: formatEuros(byFunder[f] ?? 0), alignment: 'right' },
      ]),
      [
        { text: 'Total', bold: true },
        { text: formatEuros(total), bold: true, alignment: 'right' },
      ],
    ],
  },
  layout: 'lightHorizontalLines',
});

// ---------------------------------------------------------------------------------------------

/** Accusé de réception (CRPA L112-3, R112-5; silence = rejection: L231-4 3°; CJA R421-2). */
export function acknowledgementLetter(f: AcknowledgementFacts): LetterContent {
  const contact = serviceContacts[f.scheme];
  const received = formatDateTimeFr(f.receivedAt);
  const silence = formatDateFr(f.implicitRejectionOn);
  return {
    title: `Accusé de réception — ${f.reference}`,
    subject: `Accusé de réception de la demande ${f.reference}`,
    date: f.receivedAt,
    fileName: `accuse-reception-${safeRef(f.reference)}.pdf`,
    footer: `${AGGLOMERATION_NAME} — accusé de réception ${f.reference}`,
    content: [
      ...letterhead(contact, { place: 'Béthune', date: f.receivedAt.slice(0, 10) }),
      addressee(f),
      { text: 'Accusé de réception de votre demande', style: 'title' },
      dossierLines(f),
      para(
        `Votre demande d'aide au titre du dispositif « ${schemeLabels[f.scheme]} » a été reçue le ${received}, ` +
          `date de réception qui fait foi. Elle est enregistrée sous la référence ${f.reference}, à rappeler dans ` +
          `toute correspondance.`,
      ),
      heading('Service chargé de votre dossier'),
      {
        margin: [0, 0, 0, 6],
        stack: [
          contact.name,
          ...contact.address,
          `Courriel : ${contact.email}`,
          `Téléphone : ${contact.phone}`,
          `Horaires d’accueil : ${contact.hours}`,
          `Site internet : ${contact.website}`,
        ],
      },
      heading('En l’absence de réponse'),
      para(
        `Votre demande porte sur l'attribution d'une aide financière : si aucune décision expresse ne vous a été ` +
          `notifiée dans un délai de deux mois à compter de sa réception, le silence gardé par l'administration ` +
          `vaudra décision implicite de rejet, le ${silence} (article L231-4 du code des relations entre le ` +
          `public et l'administration). Le délai de deux mois ne court que si votre dossier est complet : si des ` +
          `pièces manquent, elles vous seront demandées et le délai courra à compter de leur réception ` +
          `(article L114-5 du même code).`,
      ),
      heading('Voies et délais de recours contre une décision implicite de rejet'),
      para(
        `Vous pourrez contester une décision implicite de rejet dans un délai de deux mois à compter de la date ` +
          `à laquelle elle sera née : par un recours gracieux auprès du Président de la ${AGGLOMERATION_NAME} ` +
          `(adresse ci-dessus), qui interrompt le délai du recours contentieux, ou par un recours contentieux ` +
          `devant le ${ADMINISTRATIVE_COURT.name} (${ADMINISTRATIVE_COURT.address}), par courrier ou par ` +
          `l'application ${ADMINISTRATIVE_COURT.online} (article R421-2 du code de justice administrative). ` +
          `Vous pouvez aussi demander les motifs d'une décision implicite de rejet dans ce délai ; ils vous ` +
          `seront communiqués dans le mois (article L232-4 du code des relations entre le public et ` +
          `l'administration).`,
      ),
      {
        text:
          'Accusé de réception délivré en application des articles L112-3 et R112-5 du code des relations entre le ' +
          'public et l’administration.',
        style: 'legal',
      },
    ],
  };
}

/** Notification de décision, favourable or unfavourable (CRPA L211-2, L211-5; CJA R421-1, R421-5). */
export function decisionLetter(f: DecisionFacts): LetterContent {
  const contact = serviceContacts[f.scheme];
  const sessionText = `séance du Bureau communautaire n° ${f.session.number} du ${formatDateFr(f.session.date)}`;
  const common: Content[] = [
    ...letterhead(contact, { place: 'Béthune', date: f.decidedOn }),
    addressee(f),
    {
      text:
        f.outcome === 'favourable'
          ? 'Notification d’attribution d’une aide'
          : 'Notification de refus d’une aide',
      style: 'title',
    },
    dossierLines(f),
  ];
  const body: Content[] =
    f.outcome === 'favourable'
      ? [
          para(
            `Par délibération n° ${f.deliberationNumber ?? '—'} de la ${sessionText}, le Bureau communautaire a ` +
              `décidé de vous attribuer une aide au titre du dispositif « ${schemeLabels[f.scheme]} » pour votre ` +
              `demande reçue le ${formatDateFr(f.receivedAt)}.`,
          ),
          heading('Montant de l’aide'),
          amountTable(f.amountsByFunder, f.totalCents),
          ...(f.conditions ? favourableConditions(f.conditions) : []),
        ]
      : [
          para(
            `Lors de sa ${sessionText}, le Bureau communautaire a décidé de ne pas vous attribuer l'aide demandée ` +
              `au titre du dispositif « ${schemeLabels[f.scheme]} » (demande reçue le ${formatDateFr(f.receivedAt)}).`,
          ),
          heading('Motifs de la décision'),
          para(f.motivation ?? ''),
          {
            text:
              'Décision motivée en application des articles L211-2 et L211-5 du code des relations entre le public ' +
              'et l’administration.',
            style: 'legal',
          },
        ];
  return {
    title: `Notification de décision — ${f.reference}`,
    subject: `Décision du Bureau communautaire sur la demande ${f.reference}`,
    date: `${f.decidedOn}T12:00:00.000Z`,
    fileName: `decision-${safeRef(f.reference)}.pdf`,
    footer: `${AGGLOMERATION_NAME} — décision ${f.reference}`,
    content: [...common, ...body, ...appealRoutes(f.decidedOn), signature()],
  };
}

function favourableConditions(c: NonNullable<DecisionFacts['conditions']>): Content[] {
  const pct = (bp: number) => `${(bp / 100).toLocaleString('fr-FR')} %`;
  return [
    heading('Conditions'),
    {
      ul: [
        `Les travaux ou l'opération doivent être achevés au plus tard le ${formatDateFr(c.worksDeadline)} ` +
          `(${c.worksDeadlineMonths} mois à compter de la décision) ; passé ce délai, l'aide devient caduque.`,
        (c.advanceMaxBp > 0
          ? `Une avance de ${pct(c.advanceMaxBp)} au plus du montant peut être versée, puis ${c.instalmentsMax} `
          : // Habitat: no advance for the categories the regime leaves out (issue 14).
            `Aucune avance n'est prévue pour cette aide ; ${c.instalmentsMax} `) +
          `acompte(s) au plus ; avance et acomptes ne dépassent pas ${pct(c.prepaymentTotalMaxBp)} du montant ` +
          `avant le solde.`,
        'Le solde est versé sur factures acquittées ; si la dépense réelle est inférieure à celle retenue, l’aide ' +
          'est réduite à due proportion.',
      ],
      margin: [0, 0, 0, 6],
    },
    heading('Pièces à fournir pour chaque versement'),
    {
      table: {
        widths: [140, '*'],
        body: [
          [
            { text: 'Versement', bold: true },
            { text: 'Pièces', bold: true },
          ],
          ['Avance', c.beforeAdvance.join(', ') || 'Aucune pièce'],
          ['Acompte et solde', c.beforePayment.join(', ') || 'Aucune pièce'],
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 6],
    },
    para('Les pièces se déposent depuis la page de votre dossier, en ligne.'),
  ];
}

function signature(): Content {
  return {
    margin: [260, 16, 0, 0],
    stack: [
      { text: 'Pour le Président et par délégation,' },
      { text: 'Le service instructeur', italics: true },
    ],
  };
}

/** Avis de paiement: one per payment (ledger line). */
export function paymentNoticeLetter(f: PaymentNoticeFacts): LetterContent {
  const contact = serviceContacts[f.scheme];
  const p = f.payment;
  const kind = paymentKindLabels[p.kind];
  const remaining = Math.max(0, f.committedCents - f.paidToDateCents);
  return {
    title: `Avis de paiement — ${f.reference}`,
    subject: `${kind} de ${formatEuros(p.amountCents)} — ${funderLabels[p.funder]}`,
    date: p.at,
    fileName: `avis-paiement-${safeRef(f.reference)}-${p.id.slice(0, 8)}.pdf`,
    footer: `${AGGLOMERATION_NAME} — avis de paiement ${f.reference}`,
    content: [
      ...letterhead(contact, { place: 'Béthune', date: p.at.slice(0, 10) }),
      addressee(f),
      { text: 'Avis de paiement', style: 'title' },
      dossierLines(f),
      para(
        `Nous vous informons qu'un versement a été ordonné le ${formatDateFr(p.at.slice(0, 10))} au titre de l'aide ` +
          `attribuée${f.deliberationNumber ? ` par la délibération n° ${f.deliberationNumber}` : ''}. Il sera ` +
          `crédité sur le compte dont vous avez fourni le relevé d'identité bancaire, dans les délais du comptable public.`,
      ),
      {
        margin: [0, 4, 0, 8],
        table: {
          widths: ['*', 120],
          body: [
            [
              { text: 'Nature du versement', bold: true },
              { text: kind, alignment: 'right' },
            ],
            [
              { text: 'Financeur', bold: true },
              { text: funderLabels[p.funder], alignment: 'right' },
            ],
            [
              { text: 'Montant versé', bold: true },
              { text: formatEuros(p.amountCents), alignment: 'right', bold: true },
            ],
            [
              { text: 'Aide attribuée (ce financeur)', bold: true },
              { text: formatEuros(f.committedCents), alignment: 'right' },
            ],
            [
              { text: 'Total versé à ce jour', bold: true },
              { text: formatEuros(f.paidToDateCents), alignment: 'right' },
            ],
            [
              { text: p.kind === 'balance' ? 'Reste à verser' : 'Reste à verser (au plus)', bold: true },
              { text: formatEuros(p.kind === 'balance' ? 0 : remaining), alignment: 'right' },
            ],
          ],
        },
        layout: 'lightHorizontalLines',
      },
      ...(p.kind === 'balance'
        ? [para('Ce versement est le solde : votre aide est entièrement payée et votre dossier est clos.')]
        : [
            para(
              'Les versements suivants seront faits sur présentation des pièces demandées, depuis votre dossier en ligne.',
            ),
          ]),
      { text: `Référence du versement : ${p.id}`, style: 'small' },
    ],
  };
}
