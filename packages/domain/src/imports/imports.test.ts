import { describe, expect, it } from 'vitest';
import { checkDossierRows, type SourceRow } from './dossier-rows.ts';
import { parseChoice, parseCountFr, parseDateFr, parseEurosFr } from './french-formats.ts';
import { groupDossierRows } from './group-rows.ts';
import { importColumns, readHeader } from './templates.ts';

describe('French formats', () => {
  it('reads amounts with a decimal comma and any kind of thousands space, in cents', () => {
    expect(parseEurosFr('1 234,56')).toEqual({ ok: true, value: 123_456 });
    expect(parseEurosFr('1\u00a0234,5')).toEqual({ ok: true, value: 123_450 });
    expect(parseEurosFr('1\u202f234 €')).toEqual({ ok: true, value: 123_400 });
    expect(parseEurosFr('0,07')).toEqual({ ok: true, value: 7 });
  });
  it('refuses a decimal point, three decimals, negatives and words, in French', () => {
    expect(parseEurosFr('1234.56')).toEqual({
      ok: false,
      message: 'Montant « 1234.56 » : la décimale s’écrit avec une virgule (par exemple 1 234,56)',
    });
    for (const bad of ['1,234', '-5,00', 'mille', '1,2,3'])
      expect(parseEurosFr(bad)).toMatchObject({ ok: false, message: expect.stringContaining('invalide') });
  });
  it('reads dd/mm/yyyy dates that exist, and nothing else', () => {
    expect(parseDateFr('30/06/2022')).toEqual({ ok: true, value: '2022-06-30' });
    expect(parseDateFr('29/02/2024')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDateFr('29/02/2023')).toEqual({ ok: false, message: 'Date « 29/02/2023 » inexistante' });
    expect(parseDateFr('2022-06-30')).toMatchObject({ ok: false });
    expect(parseDateFr('6/30/2022')).toMatchObject({ ok: false });
  });
  it('reads counts and choices without case or accents', () => {
    expect(parseCountFr('3')).toEqual({ ok: true, value: 3 });
    expect(parseCountFr('2,5')).toMatchObject({ ok: false });
    expect(parseChoice('REGION', [['Région', 'region']], 'Financeur')).toEqual({ ok: true, value: 'region' });
    expect(parseChoice('Départ', [['Région', 'region']], 'Financeur')).toEqual({
      ok: false,
      message: 'Financeur « Départ » inconnu : attendu « Région »',
    });
  });
});

describe('templates', () => {
  it('each scheme’s header is its template’s columns; unknown, repeated and missing columns are refused', () => {
    for (const scheme of ['FTE', 'TPE', 'ESS', 'HABITAT'] as const) {
      const names = importColumns(scheme).map((c) => c.name);
      const r = readHeader(scheme, names);
      expect(r.ok).toBe(true);
    }
    const r = readHeader('ESS', ['Référence', 'référence', 'Colonne en trop']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual(
      expect.arrayContaining([
        { row: 1, column: 'référence', message: 'Colonne « référence » en double' },
        { row: 1, column: 'Colonne en trop', message: 'Colonne « Colonne en trop » inconnue du modèle ESS' },
        { row: 1, column: 'Date de dépôt', message: 'Colonne « Date de dépôt » manquante' },
      ]),
    );
  });
});

const row = (n: number, cells: Record<string, string>): SourceRow => ({
  row: n,
  cells: new Map(Object.entries(cells)),
});
const habitat = (extra: Record<string, string> = {}) => ({
  Référence: 'HABITAT-2022-00007',
  'Date de dépôt': '10/01/2022',
  Bénéficiaire: 'Foyer Dupont',
  'Code INSEE': '62119',
  Statut: 'Soldé',
  'N° de séance': '2022-03',
  'Date de séance': '15/03/2022',
  'N° de délibération': 'B2022-010',
  'Montant Agglomération': '1 000,00',
  'Montant Anah': '9 000,00',
  'Nature des travaux': 'Autonomie',
  'Travaux éligibles HT': '18 000,00',
  ...extra,
});
const pay = (n: number, kind: string, funder: string, euros: string, date = '01/06/2022') =>
  row(n, {
    Référence: 'HABITAT-2022-00007',
    'Nature du versement': kind,
    'Date du versement': date,
    'Financeur du versement': funder,
    'Montant du versement': euros,
  });
const TODAY = '2026-12-03';

describe('a dossier’s rows', () => {
  it('settles each funder: a balance below the commitment releases the rest to the envelope', () => {
    const r = checkDossierRows(
      'HABITAT',
      [
        row(2, habitat()),
        pay(3, 'Avance', 'Anah', '2 700,00'),
        pay(4, 'Solde', 'Anah', '6 000,00', '01/09/2022'),
        pay(5, 'Solde', 'Agglomération', '1 000,00'),
      ],
      TODAY,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dossier.settlements).toEqual([
      expect.objectContaining({
        funder: 'agglomeration',
        committedCents: 100_000,
        paidCents: 100_000,
        releasedCents: 0,
        status: 'closed',
      }),
      expect.objectContaining({
        funder: 'anah',
        committedCents: 900_000,
        paidCents: 870_000,
        releasedCents: 30_000,
        remainingCents: 0,
        status: 'closed',
      }),
    ]);
    expect(r.dossier.application).toMatchObject({
      workKind: 'autonomy',
      works: [{ amountHtCents: 1_800_000 }],
    });
  });

  it('a lapsed dossier releases what was not paid; an approved one keeps it open', () => {
    const lapsed = checkDossierRows(
      'HABITAT',
      [
        row(2, habitat({ Statut: 'Caduc', 'Date de caducité': '01/12/2024' })),
        pay(3, 'Avance', 'Anah', '2 700,00'),
      ],
      TODAY,
    );
    expect(lapsed.ok && lapsed.dossier.settlements.map((s) => [s.funder, s.releasedCents, s.status])).toEqual(
      [
        ['agglomeration', 100_000, 'lapsed'],
        ['anah', 630_000, 'lapsed'],
      ],
    );
    const open = checkDossierRows('HABITAT', [row(2, habitat({ Statut: 'Accordé' }))], TODAY);
    expect(open.ok && open.dossier.settlements.map((s) => [s.remainingCents, s.status])).toEqual([
      [100_000, 'active'],
      [900_000, 'active'],
    ]);
  });

  it('names each inconsistency by row and column', () => {
    const r = checkDossierRows(
      'HABITAT',
      [
        row(2, habitat({ Référence: 'HABITAT-2021-00007', 'Date de séance': '01/01/2022' })),
        pay(3, 'Solde', 'Région', '10,00', '01/02/2022'),
        pay(4, 'Avance', 'Anah', '9 500,00'),
      ],
      TODAY,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual(
      expect.arrayContaining([
        {
          row: 2,
          column: 'Référence',
          message: 'L’année de la référence (2021) doit être celle du dépôt (2022)',
        },
        { row: 2, column: 'Date de séance', message: 'La séance ne peut précéder le dépôt' },
        {
          row: 3,
          column: 'Financeur du versement',
          message: 'Versement Région Hauts-de-France sans montant accordé par ce financeur',
        },
        { row: 4, column: 'Montant du versement', message: 'Versé Anah supérieur au montant accordé' },
        { row: 2, column: 'Statut', message: 'Statut « Soldé » : chaque financeur a un versement « Solde »' },
      ]),
    );
  });

  it('a refused dossier has a motivation and no amount; a future session is refused', () => {
    const r = checkDossierRows(
      'HABITAT',
      [row(2, habitat({ Statut: 'Refusé', 'N° de délibération': '', 'Date de séance': '15/03/2027' }))],
      TODAY,
    );
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        'Date de séance à venir : seuls les dossiers décidés s’importent',
        'Motif du refus obligatoire',
        'Un dossier refusé n’a pas de montant accordé',
      ]),
    );
  });
});

describe('grouping rows into dossiers', () => {
  it('keeps a dossier’s consecutive rows together, refuses a reference met again further down', async () => {
    async function* rows() {
      yield row(2, { Référence: 'A' });
      yield row(3, { Référence: 'A' });
      yield row(4, { Référence: '', Bénéficiaire: '' });
      yield row(5, { Référence: 'B' });
      yield row(6, { Référence: 'A' });
      yield row(7, { Référence: '', Bénéficiaire: 'x' });
    }
    const out = [];
    for await (const g of groupDossierRows(rows()))
      out.push('rows' in g ? g.rows.map((r) => r.row) : g.issue);
    expect(out).toEqual([
      [2, 3],
      [5],
      {
        row: 6,
        column: 'Référence',
        message: 'Référence A déjà rencontrée plus haut : les lignes d’un dossier se suivent',
      },
      { row: 7, column: 'Référence', message: 'Référence obligatoire' },
    ]);
  });
});
