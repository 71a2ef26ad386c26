// Legacy containers without LibreOffice: telling DOC/WPS from XLS/ET by the OLE directory,
// damaged and hostile containers, and XLS/ET read by SheetJS into the same sheets as the XLSX.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { sniffFormat } from '../src/readers/sniff.ts';
import { ExtractError } from '../src/model/errors.ts';
import { readLegacyWorkbook } from '../src/readers/legacy-xls.ts';
import { readXlsx } from '../src/readers/xlsx.ts';
import { DEFAULT_LIMITS } from '../src/readers/limits.ts';
import { documentGrids } from '../pipelines/extract-document.ts';

const SAMPLES = join(import.meta.dirname, '..', 'samples');
const REAL = join(import.meta.dirname, '..', '..', 'shared', 'real', 'other');
const sample = (name: string) => readFileSync(join(SAMPLES, name));

function failure(run: () => unknown): ExtractError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw error;
  }
  throw new Error('expected an ExtractError');
}

/** An OLE compound file holding the named streams (SheetJS's CFB writer). */
function oleWith(streams: Record<string, Uint8Array>): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(cfb, `/${name}`, content);
  return XLSX.CFB.write(cfb, { type: 'buffer', fileType: 'cfb' }) as Buffer;
}

describe('OLE containers are told apart by their streams, not their names', () => {
  it('reads the real WPS Writer file as wps, the résumé as doc, a DOCX named .wps as docx', () => {
    expect(sniffFormat(readFileSync(join(REAL, 'wps-binary-text.wps')))).toBe('wps');
    expect(sniffFormat(readFileSync(join(REAL, 'resume-merged-labels.doc')))).toBe('doc');
    expect(sniffFormat(readFileSync(join(REAL, 'docx-named.wps')))).toBe('docx');
  });

  it('reads the twins LibreOffice wrote as doc and xls, whatever their extension', () => {
    expect(sniffFormat(sample('legacy/declaration.wps'))).toBe('doc');
    expect(sniffFormat(sample('legacy/declaration.doc'))).toBe('doc');
    expect(sniffFormat(sample('legacy/self-evaluation.et'))).toBe('xls');
    expect(sniffFormat(sample('legacy/carry-forward.xls'))).toBe('xls');
  });

  it('calls a workbook with an ETExtData stream et, and a Word document with WpsCustomData wps', () => {
    expect(sniffFormat(oleWith({ Workbook: new Uint8Array(600), ETExtData: new Uint8Array(16) }))).toBe('et');
    expect(sniffFormat(oleWith({ Book: new Uint8Array(600) }))).toBe('xls');
    expect(sniffFormat(oleWith({ WordDocument: new Uint8Array(600), WpsCustomData: new Uint8Array(12) }))).toBe('wps');
  });

  it('does not take a Word document with an embedded workbook for a workbook', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/WordDocument', new Uint8Array(600));
    XLSX.CFB.utils.cfb_add(cfb, '/ObjectPool/_1234/Workbook', new Uint8Array(600));
    expect(sniffFormat(XLSX.CFB.write(cfb, { type: 'buffer', fileType: 'cfb' }) as Buffer)).toBe('doc');
  });

  it('names password-protected files, presentations and other OLE files', () => {
    expect(failure(() => sniffFormat(oleWith({ EncryptionInfo: new Uint8Array(100), EncryptedPackage: new Uint8Array(5000) }))).code).toBe('encrypted');
    // Word's FIB: wIdent 0xA5EC, fEncrypted (0x0100) in the flags at offset 10.
    const fib = new Uint8Array(5000);
    fib.set([0xec, 0xa5, 0xc1, 0x00], 0);
    fib.set([0x00, 0x01], 10);
    expect(failure(() => sniffFormat(oleWith({ WordDocument: fib }))).code).toBe('encrypted');
    fib.set([0x00, 0x00], 10);
    expect(sniffFormat(oleWith({ WordDocument: fib }))).toBe('doc');
    expect(failure(() => sniffFormat(oleWith({ 'PowerPoint Document': new Uint8Array(600) }))).message).toMatch(/PowerPoint/u);
    const other = failure(() => sniffFormat(oleWith({ Contents: new Uint8Array(600) })));
    expect(other.code).toBe('unsupported-format');
    expect(other.message).toMatch(/Contents/u);
  });

  it('reports a damaged container as corrupt-doc / corrupt-xls, without hanging on a loop', () => {
    const xls = sample('legacy/carry-forward.xls');
    const doc = sample('legacy/declaration.doc');
    // Cut before the directory (at the end of LibreOffice's files): the stream starts say what it was.
    expect(failure(() => sniffFormat(xls.subarray(0, 3000))).code).toBe('corrupt-xls');
    expect(failure(() => sniffFormat(doc.subarray(0, 13000))).code).toBe('corrupt-doc');
    expect(failure(() => sniffFormat(doc.subarray(0, 3000))).code).toBe('unsupported-format');
    // The directory's first sector made to point at itself in the FAT: a chain that loops.
    const looped = Buffer.from(xls);
    const shift = looped.readUInt16LE(30);
    const directory = looped.readUInt32LE(48);
    const fatSector = looped.readUInt32LE(76);
    looped.writeUInt32LE(directory, ((fatSector + 1) << shift) + 4 * directory);
    const error = failure(() => sniffFormat(looped));
    expect(error.code).toBe('corrupt-xls');
    expect(error.message).toMatch(/loops/u);
  });
});

describe('XLS / ET through SheetJS', () => {
  it('every XLS/ET twin gives the sheets of its XLSX: displayed text and merged ranges', () => {
    for (const [twin, original] of [['xiangfuban-2024-40.xls', 'xiangfuban-2024-40.xlsx'], ['xiangfuban-2024-40.et', 'xiangfuban-2024-40.xlsx'], ['carry-forward.xls', 'carry-forward.xlsx'], ['row-heading.xls', 'row-heading.xlsx'], ['self-evaluation.et', 'self-evaluation.xlsx']]) {
      const got = readLegacyWorkbook(sample(`legacy/${twin}`), DEFAULT_LIMITS);
      const want = readXlsx(sample(original), DEFAULT_LIMITS);
      expect(got.sheets, twin).toEqual(want.sheets);
    }
  });

  it('shows numbers as Excel does (37.47, a 0% format showing 100%)', () => {
    const { sheets } = readLegacyWorkbook(sample('legacy/carry-forward.xls'), DEFAULT_LIMITS);
    const texts = sheets[0].values.flat();
    expect(texts).toContain('37.47');
    expect(texts).toContain('100%');
  });

  it('keeps the sheet limits of the XLSX reader', () => {
    const bytes = sample('legacy/xiangfuban-2024-40.xls');
    const limits = { ...DEFAULT_LIMITS, maxSheetRows: 20 };
    const cut = readLegacyWorkbook(bytes, limits);
    expect(cut).toEqual(readXlsx(sample('xiangfuban-2024-40.xlsx'), limits));
    expect(cut.sheets.find((s) => s.name === '指标体系')?.values.length).toBeLessThanOrEqual(20);
    expect(cut.warnings).toContain('sheet 指标体系: only the first 20 rows of 198 were read');
    expect(failure(() => readLegacyWorkbook(bytes, { ...DEFAULT_LIMITS, maxCells: 500 })).code).toBe('too-large');
  });

  it('names a workbook SheetJS cannot read corrupt-xls, and prints nothing while reading a damaged one', async () => {
    // The Workbook stream starts at 1536 in this file (its BOF record).
    const damaged = (value: number, length: number) => Buffer.from(sample('legacy/carry-forward.xls')).fill(value, 1536 + 4, 1536 + 4 + length);
    const printed: unknown[] = [];
    const saved = console.error;
    console.error = (...args: unknown[]) => { printed.push(args); };
    try {
      // A BOF of an unknown BIFF version.
      const error = await documentGrids(damaged(0x3c, 3000)).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ExtractError);
      expect((error as ExtractError).code).toBe('corrupt-xls');
      expect((error as ExtractError).message).toMatch(/the XLS cannot be read \(Unexpected BIFF Ver/u);
      // Records of an unknown type (0xffff): SheetJS skips them, saying so on stderr unless hushed.
      const grids = await documentGrids(Buffer.from(sample('legacy/carry-forward.xls')).fill(0xff, 1536 + 20, 1536 + 1500));
      expect(grids.tables).toEqual([]);
    } finally {
      console.error = saved;
    }
    expect(printed).toEqual([]);
  });
});
