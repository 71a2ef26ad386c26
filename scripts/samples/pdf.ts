// PDF samples: LibreOffice conversions of the DOCX/XLSX samples (generation time only;
// skipped with a message when `soffice` is absent) and a hand-written PDF that uses a
// NON-EMBEDDED CID font (STSong-Light, UniGB-UCS2-H), verified with pdfjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as XLSX from 'xlsx';
import { pdfFile } from '../lib/pdf-file.ts';
import { stSongFontObjects, stSongWidth as textWidth, ucs2Hex } from '../lib/cid-font.ts';
import { clean, indicator, type Expected, type ExpectedIndicator } from './common.ts';
import { carryForward, selfEvaluation } from './own.ts';
import { seedExpected, type Seed } from './seed.ts';
import { levelSpans, seedDocx } from './xiangfuban.ts';

export interface PdfContext {
  root: string;
  samples: string;
  seed: Seed;
  /** Writes the sample (unless buffer is null: keep the committed file) and its expected JSON. */
  emit: (file: string, buffer: Buffer | null, expected: Expected, quirks: string, notes?: string) => void;
  /** Skip LibreOffice even when it is installed (--no-pdf). */
  skipLibreOffice?: boolean;
}

// ---------------------------------------------------------------- pdfjs text

interface PageText { items: { str: string; x: number; y: number }[] }

async function pdfText(root: string, data: Buffer): Promise<PageText[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(data),
    cMapUrl: join(root, 'node_modules/pdfjs-dist/cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: join(root, 'node_modules/pdfjs-dist/standard_fonts/'),
    verbosity: 0,
  }).promise;
  const pages: PageText[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tc = await page.getTextContent();
    const items: PageText['items'] = [];
    for (const it of tc.items) if ('str' in it) items.push({ str: it.str, x: it.transform[4], y: it.transform[5] });
    pages.push({ items });
  }
  await doc.destroy();
  return pages;
}

interface Cut { category: string; row: number; name: string; level: 'level1' | 'level2'; pages: [number, number] }

/**
 * Finds where a page break falls inside a merged 一级/二级 run: walks the seed rows in order,
 * locating each 三级 name in the page texts (stream order, whitespace removed).
 */
function findCuts(seed: Seed, pages: PageText[]): Cut[] {
  const texts = pages.map((p) => p.items.map((i) => i.str).join('').replace(/\s+/g, ''));
  const all = texts.join('');
  const starts: number[] = [];
  let acc = 0;
  for (const t of texts) {
    starts.push(acc);
    acc += t.length;
  }
  const pageOf = (pos: number) => {
    let p = 0;
    while (p + 1 < starts.length && starts[p + 1] <= pos) p++;
    return p + 1;
  };
  const cuts: Cut[] = [];
  let ptr = 0;
  for (const cat of seed.categories) {
    const t = all.indexOf(cat.title, ptr);
    if (t < 0) throw new Error(`pdf check: category ${cat.title} not found`);
    ptr = t + cat.title.length;
    const { l1, l2 } = levelSpans(cat.rows);
    let prevPage = -1;
    cat.rows.forEach((r, i) => {
      const pos = all.indexOf(r.name, ptr);
      if (pos < 0) throw new Error(`pdf check: row ${r.name} of ${cat.title} not found`);
      ptr = pos + r.name.length;
      const page = pageOf(pos);
      if (i > 0 && page !== prevPage) {
        if (l1[i] === 0) cuts.push({ category: cat.title, row: i, name: r.name, level: 'level1', pages: [prevPage, page] });
        if (l2[i] === 0) cuts.push({ category: cat.title, row: i, name: r.name, level: 'level2', pages: [prevPage, page] });
      }
      prevPage = page;
    });
  }
  return cuts;
}

// ---------------------------------------------------------------- LibreOffice

function hasSoffice(): boolean {
  const r = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

export function sofficeToPdf(input: Buffer, name: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'zhibiao-samples-'));
  try {
    const src = join(dir, name);
    writeFileSync(src, input);
    // A private profile, so a concurrently running LibreOffice does not swallow the job.
    const r = spawnSync('soffice', [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless', '--convert-to', 'pdf', '--outdir', dir, src,
    ], { encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0) throw new Error(`soffice failed on ${name}: ${r.stderr}`);
    return readFileSync(join(dir, name.replace(/\.\w+$/, '.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SheetJS CE does not write page setup: patch each worksheet to print landscape with gridlines, fitted to one page wide. */
export function landscapeXlsx(buffer: Buffer): Buffer {
  interface CfbEntry { content: Uint8Array | number[] }
  interface CfbApi {
    read(b: Buffer, o: { type: 'buffer' }): { FullPaths: string[]; FileIndex: CfbEntry[] };
    write(c: unknown, o: { fileType: 'zip'; type: 'buffer' }): Buffer;
  }
  const cfb = (XLSX as unknown as { CFB: CfbApi }).CFB;
  const zip = cfb.read(buffer, { type: 'buffer' });
  let patched = 0;
  zip.FullPaths.forEach((p, i) => {
    if (!/xl\/worksheets\/sheet\d+\.xml$/.test(p)) return;
    const entry = zip.FileIndex[i];
    let xml = Buffer.from(entry.content).toString('utf8');
    if (!xml.includes('<sheetPr')) xml = xml.replace(/(<worksheet[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    if (!xml.includes('<pageMargins')) throw new Error('landscapeXlsx: no pageMargins to anchor pageSetup');
    // Gridlines printed = ruled cells in the PDF (SheetJS CE cannot write cell borders).
    xml = xml.replace(/(<pageMargins[^>]*\/>)/, '<printOptions gridLines="1"/>$1<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    entry.content = Buffer.from(xml, 'utf8');
    patched++;
  });
  if (!patched) throw new Error('landscapeXlsx: no worksheet found');
  return cfb.write(zip, { fileType: 'zip', type: 'buffer' });
}

/** Re-reads an xlsx and gives every sheet margins, so SheetJS writes <pageMargins> (the pageSetup anchor). */
export function withMargins(buffer: Buffer): Buffer {
  const wb = XLSX.read(buffer, { cellNF: true, cellStyles: true });
  for (const n of wb.SheetNames) wb.Sheets[n]['!margins'] = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', cellStyles: true }) as Buffer;
}

// ---------------------------------------------------------------- hand-written CID-font PDF

const CID = {
  docNumber: '青财发〔2025〕12号',
  issuer: '青山县财政局',
  title: '关于下达2025年乡村道路养护项目绩效目标的通知',
  recipients: '各乡镇财政所：',
  body: '现将2025年乡村道路养护项目绩效目标下达给你们，请认真组织实施。',
  attachment: '附件：乡村道路养护项目绩效目标表',
  signature: '青山县财政局',
  date: '2025年3月18日',
  caption: '乡村道路养护项目绩效目标表',
  header: ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位'],
  rows: [
    ['产出指标', '数量指标', '养护农村公路里程', '≥', '85', '公里'],
    ['产出指标', '质量指标', '养护路段优良路率', '≥', '80', '%'],
    ['产出指标', '时效指标', '养护任务完成时间', '', '2025年12月底前', ''],
    ['效益指标', '社会效益指标', '群众出行条件', '定性', '明显改善', ''],
    ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥', '90', '%'],
  ],
};

function cidExpected(): Expected {
  const indicators: ExpectedIndicator[] = CID.rows.map((r) => indicator({
    level1: r[0], level2: r[1], level3: r[2],
    operator: r[3] === '' ? null : (r[3] as '≥' | '定性'),
    value: r[4], unit: r[5] || null, description: null,
    targetFrom: CID.header.slice(3).filter((_, i) => r[3 + i] !== ''),
  }));
  return {
    file: 'cid-stsong.pdf',
    format: 'pdf',
    notice: {
      docNumber: CID.docNumber, issuer: CID.issuer, title: CID.title, date: '2025-03-18',
      recipients: clean(CID.recipients).replace(/:$/, ''), attachments: [CID.caption],
    },
    tables: [{ title: CID.caption, kind: 'performance-targets', context: {}, project: null, total: null, indicators }],
  };
}

export function cidPdf(): Buffer {
  const W = 595;
  const H = 842;
  const ops: string[] = [];
  const text = (s: string, x: number, y: number, size: number) => {
    ops.push(`BT /F1 ${size} Tf 1 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)} Tm ${ucs2Hex(s)} Tj ET`);
  };
  const centered = (s: string, cx: number, y: number, size: number) => text(s, cx - textWidth(s, size) / 2, y, size);
  const line = (x0: number, y0: number, x1: number, y1: number) => ops.push(`${x0} ${y0} m ${x1} ${y1} l S`);

  // Notice head.
  let y = 780;
  centered(CID.docNumber, W / 2, y, 12); y -= 30;
  centered(CID.issuer, W / 2, y, 18); y -= 32;
  centered(CID.title, W / 2, y, 16); y -= 36;
  text(CID.recipients, 60, y, 12); y -= 22;
  text(CID.body, 84, y, 12); y -= 22;
  text(CID.attachment, 84, y, 12); y -= 34;
  text(CID.signature, 400, y, 12); y -= 20;
  text(CID.date, 400, y, 12); y -= 50;
  // Attachment: caption + ruled table.
  centered(CID.caption, W / 2, y, 14); y -= 18;
  const widths = [60, 105, 130, 55, 100, 50];
  const x0 = (W - widths.reduce((a, b) => a + b, 0)) / 2;
  const xs = [x0];
  for (const w of widths) xs.push(xs[xs.length - 1] + w);
  const rowH = 24;
  const nRows = CID.rows.length + 1;
  const top = y;
  const ys = Array.from({ length: nRows + 1 }, (_, i) => top - i * rowH);
  const size = 10;
  // Vertical merges of 一级 over equal runs: the text once, centred over the run.
  const spans: number[] = CID.rows.map(() => 0);
  for (let i = 0; i < CID.rows.length;) {
    let j = i;
    while (j + 1 < CID.rows.length && CID.rows[j + 1][0] === CID.rows[i][0]) j++;
    spans[i] = j - i + 1;
    i = j + 1;
  }
  ops.push('0.6 w 0 G');
  line(xs[0], ys[0], xs[xs.length - 1], ys[0]);
  line(xs[0], ys[nRows], xs[xs.length - 1], ys[nRows]);
  for (const x of xs) line(x, ys[0], x, ys[nRows]);
  for (let r = 1; r < nRows; r++) {
    const bodyRow = r - 1; // the line between row r-1 and r (table rows, header = 0)
    // Skip the 一级 column where the line would cut a merged run.
    const insideRun = bodyRow > 0 && spans[bodyRow] === 0;
    line(insideRun ? xs[1] : xs[0], ys[r], xs[xs.length - 1], ys[r]);
  }
  const cellText = (s: string, c: number, rTop: number, rBottom: number) => {
    if (!s) return;
    const cy = (ys[rTop] + ys[rBottom]) / 2 - size * 0.35;
    centered(s, (xs[c] + xs[c + 1]) / 2, cy, size);
  };
  CID.header.forEach((h, c) => cellText(h, c, 0, 1));
  CID.rows.forEach((row, i) => {
    row.forEach((s, c) => {
      if (c === 0) {
        if (spans[i] > 0) cellText(s, 0, i + 1, i + 1 + spans[i]);
      } else cellText(s, c, i + 1, i + 2);
    });
  });
  const content = ops.join('\n') + '\n';

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
    ...stSongFontObjects(5),
  ];
  return pdfFile(objects, { root: 1, header: '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n' });
}

// ---------------------------------------------------------------- driver

export async function makePdfs(ctx: PdfContext): Promise<void> {
  const { root, seed, emit } = ctx;
  const asPdf = (e: Expected, file: string): Expected => ({ ...e, file, format: 'pdf' });

  // 1. The CID-font PDF (pure TypeScript, always generated).
  const cid = cidPdf();
  const cidPages = await pdfText(root, cid);
  const cidText = cidPages[0].items.map((i) => i.str).join('').replace(/\s+/g, '');
  const mustHave = [CID.docNumber, CID.issuer, CID.title, CID.caption, ...CID.header, ...CID.rows.flat().filter(Boolean)];
  const missing = mustHave.filter((s) => !cidText.includes(s.replace(/\s+/g, '')));
  if (missing.length) throw new Error(`cid-stsong.pdf: pdfjs did not give back ${missing.join(', ')}`);
  console.log('cid-stsong.pdf: pdfjs getTextContent returns the Chinese text (STSong-Light, UniGB-UCS2-H, CMaps loaded)');
  emit('pdf/cid-stsong.pdf', cid, cidExpected(),
    'hand-written PDF with a NON-EMBEDDED CID font (/Type0 STSong-Light, /UniGB-UCS2-H, CIDFontType0 Adobe-GB1-4, no FontFile), '
    + 'UCS-2 hex strings, notice head, caption and a ruled table drawn with m/l/S strokes; 一级 产出指标 merged over 3 rows (no inner rules)');

  // 2. LibreOffice conversions.
  const notesPath = join(ctx.samples, 'pdf/layout-notes.json');
  const Q = {
    portrait: 'the seed DOCX (A4 portrait, header rows repeated on each page) through LibreOffice; merged cells cut by page breaks; '
      + 'narrow cells wrap (一级指/标); the Symbol-font ≥/≤ come out of the text layer as private-use U+F0B3/U+F0A3',
    landscape: 'the seed DOCX in a LANDSCAPE section (header NOT repeated: continuation pages start with body rows; '
      + 'Symbol-font ≥/≤ as U+F0B3/U+F0A3 too)',
    'carry-forward': 'carry-forward.xlsx printed landscape with gridlines, fitted to page width (two tables on one page, blank levels, no merges)',
    'self-evaluation': 'self-evaluation.xlsx printed landscape with gridlines, fitted to page width (merged 一级/二级, funding block, 总分 row)',
  };
  const seedPdfExpected = seedExpected(seed, 'xiangfuban-2024-40.pdf', 'pdf');
  const own = { 'carry-forward': carryForward, 'self-evaluation': selfEvaluation } as const;
  const targets: { file: string; quirks: string; expected: () => Expected }[] = [
    { file: 'pdf/xiangfuban-2024-40.pdf', quirks: Q.portrait, expected: () => seedPdfExpected },
    { file: 'pdf/xiangfuban-2024-40-landscape.pdf', quirks: Q.landscape, expected: () => asPdf(seedPdfExpected, 'xiangfuban-2024-40-landscape.pdf') },
    ...(['carry-forward', 'self-evaluation'] as const).map((name) => ({
      file: `pdf/${name}.pdf`, quirks: Q[name],
      expected: (): Expected => ({ file: `${name}.pdf`, format: 'pdf', notice: null, tables: own[name]().tables }),
    })),
  ];
  const why = ctx.skipLibreOffice ? '--no-pdf' : !hasSoffice() ? 'soffice not found' : null;
  if (why) {
    console.log(`${why}: skipping the LibreOffice PDF samples (they need apt-get install fonts-noto-cjk `
      + 'libreoffice-writer-nogui libreoffice-calc-nogui); the committed PDFs are kept, their expected JSON rewritten');
    const notes = existsSync(notesPath) ? (JSON.parse(readFileSync(notesPath, 'utf8')) as Record<string, string>) : {};
    for (const t of targets) {
      if (existsSync(join(ctx.samples, t.file))) emit(t.file, null, t.expected(), t.quirks, notes[t.file]);
      else console.log(`  ${t.file} is missing and cannot be made without LibreOffice`);
    }
    return;
  }
  const notes: Record<string, string> = {};
  const font = 'Noto Serif CJK SC';
  const describeCuts = (cuts: Cut[]) => cuts.map((c) => `${c.category} ${c.level} before 「${c.name}」 (p${c.pages[0]}→p${c.pages[1]})`).join('; ');
  // Seed PDFs: pick the first font size whose layout puts a page break inside a merged run.
  for (const [i, landscape] of [[0, false], [1, true]] as const) {
    let made: { pdf: Buffer; cuts: Cut[]; size: number } | null = null;
    for (const size of [21, 22, 24, 20, 23, 19]) {
      const docx = await seedDocx(seed, { landscape, repeatHeader: !landscape, fontSize: size, eastAsiaFont: font });
      const pdf = sofficeToPdf(docx, landscape ? 'seed-landscape.docx' : 'seed-portrait.docx');
      const cuts = findCuts(seed, await pdfText(root, pdf));
      if (cuts.length) {
        made = { pdf, cuts, size };
        break;
      }
    }
    const t = targets[i];
    if (!made) throw new Error(`${t.file}: no font size puts a page break inside a merged 一级/二级 run`);
    notes[t.file] = `${made.size / 2}pt; cuts: ${describeCuts(made.cuts)}`;
    emit(t.file, made.pdf, t.expected(), t.quirks, notes[t.file]);
  }
  for (const [i, name] of [[2, 'carry-forward'], [3, 'self-evaluation']] as const) {
    const s = own[name]();
    const pdf = sofficeToPdf(landscapeXlsx(withMargins(s.buffer)), `${name}.xlsx`);
    const pages = await pdfText(root, pdf);
    const text = pages.map((p) => p.items.map((it) => it.str).join('')).join('').replace(/\s+/g, '');
    const lost = s.tables.flatMap((tb) => tb.indicators.map((it) => it.level3)).filter((n) => !text.includes(n));
    if (lost.length) throw new Error(`${name}.pdf: rows missing from the text layer: ${lost.join(', ')}`);
    const t = targets[i];
    notes[t.file] = `${pages.length} page(s)`;
    emit(t.file, pdf, t.expected(), t.quirks, notes[t.file]);
  }
  writeFileSync(notesPath, JSON.stringify(notes, null, 2) + '\n');
  console.log(`LibreOffice PDFs written (${basename(ctx.samples)}/pdf)`);
}
