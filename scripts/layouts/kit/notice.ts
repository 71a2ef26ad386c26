// A 公文 head (文号, issuer, title, 主送, body, 附件, signature, date) as blocks, with its truth.
import type { Rng } from '../random.ts';
import type { Block, NoticeTruth } from '../spec.ts';
import { CODES, ORGANS, PLACES, PURPOSES } from '../vocab/notice.ts';

export interface NoticeHead {
  blocks: Block[];
  truth: NoticeTruth;
  issuer: string;
  year: number;
}

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function chineseMonthDay(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n === 10) return '十';
  if (n < 20) return `十${CN_DIGITS[n % 10]}`;
  return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
}

export function noticeHead(rng: Rng, subject: string, attachmentTitles: string[], size: number): NoticeHead {
  const place = rng.pick(PLACES);
  const organ = rng.pick(ORGANS);
  const issuer = `${place}${organ}`;
  const year = rng.int(2019, 2025);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const code = `${place.slice(0, 1)}${CODES[organ]}${rng.pick(['发', '函', ''])}`;
  const [open, close] = rng.pick([['〔', '〕'], ['〔', '〕'], ['[', ']'], ['（', '）']]);
  const docNumber = `${code}${open}${year}${close}${rng.int(1, 120)}号`;
  const title = `关于${rng.pick(['印发', '下达'])}${year}年${subject}${rng.pick(['绩效目标', '绩效指标'])}的通知`;
  const recipients = rng.pick(['各乡镇人民政府，县直各部门：', '各乡镇财政所：', '各科（室）：', '各有关单位：']);
  const dateText = rng.chance(0.8) ? `${year}年${month}月${day}日`
    : `${[...String(year)].map((d) => CN_DIGITS[Number(d)]).join('')}年${chineseMonthDay(month)}月${chineseMonthDay(day)}日`;
  const blocks: Block[] = [
    { kind: 'line', text: docNumber, size, align: 'center' },
    { kind: 'gap', lines: 1 },
    { kind: 'line', text: title, size: size + 4, align: 'center', bold: true },
    { kind: 'gap', lines: 1 },
    { kind: 'line', text: recipients, size, align: 'left' },
    { kind: 'paragraph', text: `为${rng.pick(PURPOSES)}，现将${year}年${subject}绩效目标印发给你们，请认真组织实施，确保目标如期实现。`, size, indent: 2 },
  ];
  if (attachmentTitles.length === 1) blocks.push({ kind: 'paragraph', text: `附件：${attachmentTitles[0]}`, size, indent: 2 });
  else if (attachmentTitles.length > 1) {
    blocks.push({ kind: 'paragraph', text: `附件：1.${attachmentTitles[0]}`, size, indent: 2 });
    attachmentTitles.slice(1).forEach((t, i) => blocks.push({ kind: 'paragraph', text: `${i + 2}.${t}`, size, indent: 5 }));
  }
  blocks.push(
    { kind: 'gap', lines: 2 },
    { kind: 'line', text: issuer, size, align: 'right' },
    { kind: 'line', text: dateText, size, align: 'right' },
  );
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { blocks, truth: { title, docNumber, issuer, date: iso }, issuer, year };
}
