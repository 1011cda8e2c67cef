import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import { createXlsxStream } from '../finance/xlsx-stream.ts';
import { readRecords } from './source-rows.ts';
import { isDateFormat, readFirstSheet, type XlsxRow } from './xlsx-reader.ts';

// The import's XLSX reader (yauzl + saxes) on files written by the project's own writer, by
// exceljs (the reader it replaced, as a spreadsheet program would write them: shared strings,
// styles, several sheets) and by hand (what Excel and LibreOffice also write: namespace prefixes,
// rows and cells without references, rich and phonetic text, formulas, errors, the 1904 system).

async function rowsOf(file: Buffer): Promise<XlsxRow[]> {
  const zip = await yauzl.fromBufferPromise(file, { lazyEntries: true, autoClose: false });
  try {
    const out: XlsxRow[] = [];
    for await (const r of readFirstSheet(zip)) out.push(r);
    return out;
  } finally {
    zip.close();
  }
}

/** The records `readRecords` gives for an XLSX file (as the import reads them), and its checksum. */
async function records(file: Buffer) {
  const { records, sha256 } = readRecords(Readable.from([file]), 'xlsx');
  const out: string[][] = [];
  for await (const r of records) out.push(r);
  return { rows: out, sha256: sha256() };
}

async function zipOf(parts: [string, string][]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, text] of parts) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('the XLSX reader', () => {
  it('reads a file of the project’s own XLSX writer (inline strings, numbers, dates, gaps)', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(c);
        cb();
      },
    });
    const sheet = createXlsxStream(out, {
      creator: 'test',
      sheetName: 'Dossiers',
      columns: [
        { width: 10, style: 'text' },
        { width: 10, style: 'date' },
        { width: 10, style: 'amount' },
        { width: 10, style: 'integer' },
      ],
    });
    await sheet.writeRow(['Référence', 'Date', 'Montant', 'Nombre'], { bold: true });
    await sheet.writeRow(['TPE-1 & <fils>', day('2025-03-14'), 1234.5, 3]);
    await sheet.writeRow([null, undefined, 0.05, null]);
    await sheet.end();
    const file = Buffer.concat(chunks);
    expect(await rowsOf(file)).toEqual([
      { number: 1, values: ['Référence', 'Date', 'Montant', 'Nombre'] },
      { number: 2, values: ['TPE-1 & <fils>', day('2025-03-14'), 1234.5, 3] },
      { number: 3, values: [null, null, 0.05] },
    ]);
    const { rows, sha256 } = await records(file);
    expect(rows).toEqual([
      ['Référence', 'Date', 'Montant', 'Nombre'],
      ['TPE-1 & <fils>', '14/03/2025', '1234,50', '3'],
      ['', '', '0,05'],
    ]);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a file written by exceljs: shared strings, date formats, empty rows, the first sheet only', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dossiers');
    ws.addRow(['Référence', 'Dépôt', 'Montant', 'Payé', 'Formule']);
    ws.addRow(['HAB-1', day('2024-12-31'), 12.345, true, { formula: '1+1', result: 2 }]);
    ws.getCell('B2').numFmt = 'dd/mm/yyyy';
    ws.getCell('A4').value = 'HAB-1'; // the same shared string twice; row 3 has no cell
    ws.getCell('C4').value = 7;
    ws.getCell('E4').value = { richText: [{ text: 'gras ', font: { bold: true } }, { text: 'et non' }] };
    const other = wb.addWorksheet('Ignorée');
    other.addRow(['ne doit pas être lue']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await rowsOf(file)).toEqual([
      { number: 1, values: ['Référence', 'Dépôt', 'Montant', 'Payé', 'Formule'] },
      { number: 2, values: ['HAB-1', day('2024-12-31'), 12.345, true, 2] },
      { number: 4, values: ['HAB-1', null, 7, null, 'gras et non'] },
    ]);
    const { rows } = await records(file);
    expect(rows).toEqual([
      ['Référence', 'Dépôt', 'Montant', 'Payé', 'Formule'],
      ['HAB-1', '31/12/2024', '12,35', 'oui', '2'],
      [],
      ['HAB-1', '', '7', '', 'gras et non'],
    ]);
  });

  it('reads what other programs write: prefixes, missing references, phonetics, errors, 1904 dates', async () => {
    const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const file = await zipOf([
      // The second tab's part comes first in the zip and is named sheet1: order is the workbook's.
      [
        'xl/worksheets/sheet1.xml',
        `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>autre</t></is></c></row></sheetData></worksheet>`,
      ],
      [
        'xl/worksheets/sheet2.xml',
        `<x:worksheet xmlns:x="${NS}"><x:sheetData>
          <x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c r="E1" t="str"><x:f>A1</x:f><x:v>calculé</x:v></x:c></x:row>
          <x:row r="3"><x:c r="B3" s="1"><x:v>0</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>a</x:t></x:r><x:r><x:t xml:space="preserve"> b</x:t></x:r></x:is></x:c></x:row>
          <x:row r="4"><x:c r="A4" s="2"><x:v>-1.5</x:v></x:c><x:c r="B4" t="d"><x:v>2025-01-02T00:00:00Z</x:v></x:c></x:row>
        </x:sheetData></x:worksheet>`,
      ],
      [
        'xl/sharedStrings.xml',
        `<sst xmlns="${NS}"><si><t>Nom</t></si><si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>`,
      ],
      [
        'xl/styles.xml',
        `<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="170" formatCode="[$-40C]d\\ mmmm\\ yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
      ],
      [
        'xl/workbook.xml',
        `<workbook xmlns="${NS}" xmlns:r="${R}"><workbookPr date1904="1"/><sheets><sheet name="Données" sheetId="2" r:id="rId2"/><sheet name="Autre" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
      [
        'xl/_rels/workbook.xml.rels',
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${R}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${R}/styles" Target="styles.xml"/></Relationships>`,
      ],
    ]);
    expect(await rowsOf(file)).toEqual([
      { number: 1, values: ['Nom', '東京', null, null, 'calculé'] },
      { number: 3, values: [null, day('1904-01-01'), { error: '#N/A' }, false, 'a b'] },
      { number: 4, values: [-1.5, day('2025-01-02')] },
    ]);
    expect((await records(file)).rows).toEqual([
      ['Nom', '東京', '', '', 'calculé'],
      [],
      ['', '01/01/1904', '#N/A', 'non', 'a b'],
      ['-1,50', '02/01/2025'],
    ]);
  });

  it('streams the sheet, and removes its temporary copy when the reader stops early', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dossiers');
    for (let i = 1; i <= 5_000; i++) ws.addRow([`REF-${i}`, i]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const copies = () => readdirSync(tmpdir()).filter((f) => f.startsWith('aides-import-')).length;
    const before = copies();
    const { records, close } = readRecords(Readable.from([file]), 'xlsx');
    const first = await records.next();
    expect(first.value).toEqual(['REF-1', '1']);
    expect(copies()).toBe(before + 1);
    await records.return(undefined);
    close();
    expect(copies()).toBe(before);
  });

  it('says in French that a file is not a workbook', async () => {
    await expect(records(Buffer.from('Référence;Montant\nA;1\n'))).rejects.toThrow(
      /^Fichier XLSX illisible : /,
    );
    const noSheet = await zipOf([['xl/workbook.xml', '<workbook><sheets/></workbook>']]);
    await expect(records(noSheet)).rejects.toThrow(
      'Fichier XLSX illisible : aucune feuille dans le classeur',
    );
  });

  it('tells date formats from number formats', () => {
    for (const code of ['dd/mm/yyyy', 'd\\ mmmm\\ yyyy', '[$-40C]mmm-yy', 'h:mm', 'yyyy-mm-dd;@'])
      expect(isDateFormat(code), code).toBe(true);
    for (const code of ['#,##0.00\\ "€"', '0.00%', 'General', '"jours" 0', '[Red]#,##0', '#,##0_);(#,##0)'])
      expect(isDateFormat(code), code).toBe(false);
  });
});
