import { describe, expect, it } from 'vitest';
import { checkQpvLines, generationOn, type QpvList, qpvListOn } from './qpv-lists.ts';

const communes = [
  { insee: '62119', name: 'Béthune' },
  { insee: '62178', name: 'Bruay-la-Buissière' },
  { insee: '62510', name: 'Houdain' },
];
const list = (generation: '2015' | '2024', code: string): QpvList => ({
  generation,
  source: 'test',
  demonstration: false,
  qpv: [{ code, name: 'Quartier', communes: ['62119'] }],
});

describe('QPV generations: the list in force on the filing date', () => {
  it.each([
    ['2014-12-31', null],
    ['2015-01-01', '2015'],
    ['2023-12-31T23:59:59.000Z', '2015'],
    ['2024-01-01', '2024'],
    ['2026-12-03', '2024'],
  ])('%s → %s', (date, generation) => {
    expect(generationOn(date)).toBe(generation);
  });

  it('a 2023 filing is judged by the 2015 list, a 2024 one by the 2024 list; no list imported, none', () => {
    const lists = [list('2015', 'QP062001'), list('2024', 'QN06201M')];
    expect(qpvListOn(lists, '2023-06-30')?.qpv[0]?.code).toBe('QP062001');
    expect(qpvListOn(lists, '2024-01-01')?.qpv[0]?.code).toBe('QN06201M');
    expect(qpvListOn([list('2015', 'QP062001')], '2024-03-01')).toBeNull();
  });
});

describe('checking an imported list', () => {
  it('groups a district over two communes and keeps single ones', () => {
    const { qpv, issues } = checkQpvLines(
      '2024',
      [
        { line: 2, code: 'QN06201M', name: 'Mont-Liébaut', communeInsee: '62119' },
        { line: 3, code: 'QN06202M', name: 'Intercommunal', communeInsee: '62178' },
        { line: 4, code: 'QN06202M', name: 'Intercommunal', communeInsee: '62510' },
      ],
      communes,
    );
    expect(issues).toEqual([]);
    expect(qpv).toEqual([
      { code: 'QN06201M', name: 'Mont-Liébaut', communes: ['62119'] },
      { code: 'QN06202M', name: 'Intercommunal', communes: ['62178', '62510'] },
    ]);
  });

  it('reports each bad line with its column, in French: code of another generation, commune outside, duplicates', () => {
    const { issues } = checkQpvLines(
      '2024',
      [
        { line: 2, code: 'QP062001', name: 'Ancien code', communeInsee: '62119' },
        { line: 3, code: 'QN06203M', name: 'Lille', communeInsee: '59350' },
        { line: 4, code: 'QN06204M', name: '', communeInsee: '6211' },
        { line: 5, code: 'QN06205M', name: 'A', communeInsee: '62119' },
        { line: 6, code: 'QN06205M', name: 'A', communeInsee: '62119' },
        { line: 7, code: 'QN06205M', name: 'B', communeInsee: '62178' },
      ],
      communes,
    );
    expect(issues).toEqual([
      { line: 2, column: 'code_qp', message: expect.stringContaining('QN06201M') },
      { line: 3, column: 'insee_com', message: 'La commune 59350 n’est pas membre de l’agglomération.' },
      { line: 4, column: 'lib_qp', message: 'Nom du quartier manquant.' },
      { line: 4, column: 'insee_com', message: expect.stringContaining('invalide') },
      { line: 6, column: 'code_qp', message: expect.stringContaining('déjà à la ligne 5') },
      { line: 7, column: 'lib_qp', message: expect.stringContaining('« A » à la ligne 5') },
    ]);
  });

  it('2015 codes are QP + six digits', () => {
    const ok = checkQpvLines(
      '2015',
      [{ line: 2, code: 'QP062001', name: 'X', communeInsee: '62119' }],
      communes,
    );
    expect(ok.issues).toEqual([]);
    const bad = checkQpvLines(
      '2015',
      [{ line: 2, code: 'QN06201M', name: 'X', communeInsee: '62119' }],
      communes,
    );
    expect(bad.issues[0]?.message).toContain('QP062001');
  });
});
