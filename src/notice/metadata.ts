// The notice head: 发文字号, issuer, title, 主送机关, 成文日期 and 附件 titles, read from the
// document's text lines. Each field is null where absent; nothing is invented.
import type { Notice } from '../model/schema.ts';
import { isFormTitleLine, lineFacts } from '../structure/context.ts';

const OPEN = '〔\\[(（［﹝【';
const CLOSE = '〕\\])）］﹞】';
const DOC_NUMBER = new RegExp(`([\\u4e00-\\u9fff]{1,15}\\s*[${OPEN}]\\s*(?:19|20)\\d{2}\\s*[${CLOSE}]\\s*第?\\s*\\d{1,5}\\s*[号號])`, 'u');
const TITLE_END = /(通知|决定|意见|办法|批复|报告|函|公告|通告|通报|规定|方案|细则|请示|纪要)$/u;
const ISSUER_END = /(人民政府|政府办公室|办公室|办公厅|政府|局|委员会|委|厅|部|署|院|中心|公司|小组|办)$/u;
const ARABIC_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u;
const CHINESE_DATE = /^([〇○零一二三四五六七八九Ｏ0]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/u;

const DIGITS: Record<string, number> = {
  '〇': 0, '○': 0, '零': 0, 'Ｏ': 0, '0': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 十一 → 11, 二十六 → 26, 三十 → 30. */
function chineseNumber(text: string): number {
  if (!text.includes('十')) return DIGITS[text] ?? Number.NaN;
  const [tens, ones] = text.split('十');
  return (tens ? DIGITS[tens] : 1) * 10 + (ones ? DIGITS[ones] : 0);
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseNoticeDate(line: string): string | null {
  const text = line.replace(/\s/gu, '');
  const arabic = ARABIC_DATE.exec(text);
  if (arabic) return isoDate(Number(arabic[1]), Number(arabic[2]), Number(arabic[3]));
  const chinese = CHINESE_DATE.exec(text);
  if (!chinese) return null;
  const year = Number([...chinese[1]].map((ch) => DIGITS[ch]).join(''));
  return isoDate(year, chineseNumber(chinese[2]), chineseNumber(chinese[3]));
}

/** The title: a line starting 关于 (possibly wrapped over several lines) ending in a document type. */
function findTitle(lines: string[], from: number): { title: string; end: number } | null {
  for (let i = from; i < Math.min(lines.length, from + 12); i++) {
    if (!/^关于/u.test(lines[i])) continue;
    let title = lines[i];
    let j = i;
    while (!TITLE_END.test(title) && j + 1 < lines.length && j - i < 3) title += lines[++j];
    if (TITLE_END.test(title)) return { title, end: j };
  }
  return null;
}

function findAttachments(lines: string[], from: number, to: number): string[] {
  const titles: string[] = [];
  for (let i = from; i < to; i++) {
    const match = /^附件\s*\d*\s*[:：]\s*(.*)$/u.exec(lines[i]);
    if (!match) continue;
    const first = match[1].replace(/^\d+\s*[.、．]\s*/u, '').trim();
    if (first) titles.push(first);
    for (let j = i + 1; j < to; j++) {
      const next = /^\d+\s*[.、．]\s*(.+)$/u.exec(lines[j]);
      if (!next) break;
      titles.push(next[1].trim());
      i = j;
    }
  }
  return titles;
}

const FACT_DATE = /^(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?$/u;

/** The facts that date a form. */
const FILLING_DATE_KEYS = ['填报日期', '填报时间'];

/** How far into a document its own title line is looked for. */
const TITLE_LINES = 12;

/** A date as forms write it in 填报日期: `2025年3月10日`, `2025-03-10`, `2025.3.10`. */
export function parseFactDate(text: string): string | null {
  const match = FACT_DATE.exec(text.replace(/\s/gu, ''));
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : parseNoticeDate(text);
}

/** A document that is no full 公文 (a form, an attachment printed alone): its first title line. */
function formTitle(lines: string[]): string | null {
  for (const line of lines.slice(0, TITLE_LINES)) {
    if (isFormTitleLine(line)) return line;
  }
  return null;
}

/** The 填报日期 a form states, in its text lines or in the facts read from its tables' header blocks. */
function fillingDate(lines: string[], formFacts: Record<string, string>[]): string | null {
  const stated = [
    ...lines.flatMap((line) => lineFacts(line)).filter(([key]) => FILLING_DATE_KEYS.includes(key)).map(([, value]) => value),
    ...formFacts.flatMap((facts) => FILLING_DATE_KEYS.map((key) => facts[key])).filter((value): value is string => Boolean(value)),
  ];
  for (const value of stated) {
    const date = parseFactDate(value);
    if (date) return date;
  }
  return null;
}

/**
 * Reads the notice head from the first lines of a document (the attachment part is ignored).
 * A document without a 公文 title gets its own title line and its 填报日期 instead; `formFacts`
 * are the header-block facts of its tables (`context`). `gridLines` are the rows of its grids
 * before the first indicator header (src/notice/grid-lines.ts): a head printed inside a grid is
 * read from them when the lines hold none.
 */
export function readNotice(lines: string[], formFacts: Record<string, string>[] = [], gridLines: string[] = []): Notice {
  const notice = readOfficialHead(lines);
  if (notice.title !== null) return notice;
  const gridHead = gridLines.length ? readOfficialHead(gridLines) : null;
  if (gridHead?.title) return gridHead;
  // A title line printed inside the form's grid (a sheet printed with its gridlines) is its 表名.
  const title = formTitle(lines) ?? formFacts.map((facts) => facts['表名']).find(Boolean) ?? null;
  return { ...notice, title, date: notice.date ?? fillingDate(lines, formFacts) };
}

function readOfficialHead(lines: string[]): Notice {
  const headEnd = Math.min(lines.length, 80);
  let docIndex = -1;
  let docNumber: string | null = null;
  for (let i = 0; i < Math.min(headEnd, 15) && docIndex < 0; i++) {
    const match = DOC_NUMBER.exec(lines[i]);
    if (match) {
      docIndex = i;
      docNumber = match[1].replace(/\s/gu, '');
    }
  }
  const title = findTitle(lines, Math.max(0, docIndex));
  let dateIndex = -1;
  let date: string | null = null;
  for (let i = title ? title.end + 1 : 0; i < headEnd && dateIndex < 0; i++) {
    const parsed = parseNoticeDate(lines[i]);
    if (parsed) {
      dateIndex = i;
      date = parsed;
    }
  }
  const recipientsLine = title && /[:：]$/u.test(lines[title.end + 1] ?? '') ? lines[title.end + 1] : null;
  const recipients = recipientsLine && recipientsLine.length <= 60 ? recipientsLine.replace(/[:：]$/u, '') : null;
  return {
    docNumber,
    issuer: findIssuer(lines, docIndex, dateIndex, title?.end ?? -1),
    title: title?.title ?? null,
    date,
    recipients,
    attachments: findAttachments(lines, title ? title.end + 1 : 0, dateIndex >= 0 ? dateIndex : headEnd),
  };
}

/** The issuer signs above the date; failing that, it heads the notice near the 文号. */
function findIssuer(lines: string[], docIndex: number, dateIndex: number, titleEnd: number): string | null {
  const candidates: string[] = [];
  if (dateIndex > 0) candidates.push(lines[dateIndex - 1]);
  if (docIndex >= 0) candidates.push(lines[docIndex + 1] ?? '', lines[docIndex - 1] ?? '');
  if (titleEnd < 0 && docIndex < 0) candidates.push(lines[0] ?? '');
  for (const line of candidates) {
    const name = line.replace(/文件$/u, '').trim();
    if (name.length >= 2 && name.length <= 30 && ISSUER_END.test(name) && !/^关于/u.test(name) && !DOC_NUMBER.test(name)) return name;
  }
  return null;
}
