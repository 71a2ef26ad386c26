// Parses the seed notice (../shared/seeds/notice-xiangfuban-2024-40.txt, text taken
// from the real PDF) into head paragraphs and the 13 category tables, with every cell
// cleaned to its true text (the seed's spaces inside Chinese words are wrap artefacts).
import { readFileSync } from 'node:fs';
import { clean, indicator, type Expected, type ExpectedNotice, type ExpectedTable, type Op } from './common.ts';

export interface SeedRow {
  level1: string;
  level2: string;
  name: string;
  /** `≥`, `≤` or `定性` */
  nature: string;
  unit: string;
  description: string;
}

export interface SeedCategory {
  title: string;
  /** `指标描述` or `指标解释` */
  descHeader: string;
  rows: SeedRow[];
}

export interface Seed {
  docNumber: string;
  issuer: string;
  title: string;
  recipients: string;
  /** Body paragraphs between 主送 and the 附件 line. */
  body: string[];
  attachmentLine: string;
  signature: string;
  dateText: string;
  attachmentTitle: string;
  categories: SeedCategory[];
}

export function readSeed(path: string): Seed {
  const lines = readFileSync(path, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim());
  let i = 0;
  const docNumber = clean(lines[i++]);
  const issuer = clean(lines[i++]);
  // The title wraps over two lines in the PDF; it is one paragraph in truth.
  let title = clean(lines[i++]);
  while (!title.endsWith('通知')) title += clean(lines[i++]);
  const recipients = clean(lines[i++]);
  const body: string[] = [];
  while (!lines[i].startsWith('附件:')) body.push(clean(lines[i++]));
  const attachmentLine = clean(lines[i++]);
  const signature = clean(lines[i++]);
  const dateText = clean(lines[i++]);
  if (clean(lines[i++]) !== '附件:') throw new Error('seed: expected the 附件: line before the attachment');
  const attachmentTitle = clean(lines[i++]);
  const categories: SeedCategory[] = [];
  while (i < lines.length) {
    const title = clean(lines[i++]);
    if (title.includes('|')) throw new Error(`seed: expected a category title, got ${title}`);
    const header = lines[i++].split('|').map((c) => clean(c));
    if (header[0] !== '绩效指标') throw new Error(`seed: bad header after ${title}`);
    i += 2; // header rows 2 and 3 are the same in every table
    const rows: SeedRow[] = [];
    while (i < lines.length && lines[i].includes('|')) {
      const c = lines[i++].split('|').map((x) => clean(x));
      rows.push({ level1: c[0], level2: c[1], name: c[2], nature: c[3], unit: c[4], description: c[5] });
    }
    categories.push({ title, descHeader: header[1], rows });
  }
  // Guard: after cleaning no space may survive inside the Chinese text of the seed.
  const all = [docNumber, issuer, title, recipients, ...body, attachmentLine, signature, dateText, attachmentTitle,
    ...categories.flatMap((c) => [c.title, ...c.rows.flatMap((r) => Object.values(r))])];
  const spaced = all.filter((t) => / /.test(t));
  if (spaced.length) throw new Error(`seed: spaces left after cleaning: ${spaced.join(' / ')}`);
  return { docNumber, issuer, title, recipients, body, attachmentLine, signature, dateText, attachmentTitle, categories };
}

export function seedNotice(seed: Seed): ExpectedNotice {
  const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(seed.dateText);
  if (!m) throw new Error('seed: bad date');
  return {
    docNumber: seed.docNumber,
    issuer: seed.issuer,
    title: seed.title,
    date: `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`,
    recipients: seed.recipients.replace(/[:：]$/, ''),
    attachments: [seed.attachmentTitle],
  };
}

/** Decided convention: no value column; operator from 性质, unit from 单位, except 定性 rows whose 单位 cell is the value. */
export function seedTables(seed: Seed): ExpectedTable[] {
  return seed.categories.map((cat) => ({
    title: cat.title,
    kind: 'indicator-system',
    context: {},
    project: null,
    total: null,
    indicators: cat.rows.map((r) => {
      const qualitative = r.nature === '定性';
      return indicator({
        level1: r.level1, level2: r.level2, level3: r.name,
        operator: r.nature as Op,
        value: qualitative ? r.unit : null,
        unit: qualitative ? null : r.unit,
        description: r.description,
      });
    }),
  }));
}

export function seedExpected(seed: Seed, file: string, format: Expected['format']): Expected {
  return { file, format, notice: seedNotice(seed), tables: seedTables(seed) };
}
