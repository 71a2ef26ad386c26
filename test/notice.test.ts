import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNoticeDate, readNotice } from '../src/notice/metadata.ts';

const SEED = join(import.meta.dirname, '..', '..', 'shared', 'seeds', 'notice-xiangfuban-2024-40.txt');

describe('readNotice', () => {
  it('reads the head of the seed notice text', () => {
    const lines = readFileSync(SEED, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean);
    expect(readNotice(lines)).toEqual({
      docNumber: '乡府办发〔2024〕40号',
      issuer: '乡城县人民政府办公室',
      title: '关于印发《乡城县人民政府办公室绩效指标体系表(试行)》的通知',
      date: '2024-09-26',
      recipients: '各科(室)',
      attachments: ['乡城县人民政府办公室绩效指标体系表(试行)'],
    });
  });

  it('accepts every bracket variant and 號, and returns null where a field is absent', () => {
    for (const docNumber of ['财预[2020]10号', '川财绩(2021)3号', '府发［2019］7號', '办字﹝2010﹞12号']) {
      expect(readNotice([docNumber, '关于做好绩效工作的通知']).docNumber).toBe(docNumber);
    }
    expect(readNotice(['一份没有文号的材料'])).toMatchObject({ docNumber: null, title: null, date: null, attachments: [] });
  });

  it('reads multiple attachments and a Chinese-numeral date', () => {
    const notice = readNotice(['XX县财政局', 'X财发〔2010〕5号', '关于印发绩效目标的通知', '各乡镇:', '正文。',
      '附件:1.绩效目标申报表', '2.绩效自评表', 'XX县财政局', '二○一○年十一月十日']);
    expect(notice.attachments).toEqual(['绩效目标申报表', '绩效自评表']);
    expect(notice.date).toBe('2010-11-10');
    expect(notice.issuer).toBe('XX县财政局');
    expect(notice.recipients).toBe('各乡镇');
  });

  it('gives a form (no 公文 head) its own title line and its 填报日期, two facts on one line apart', () => {
    const lines = ['附件2', '2024年市级部门整体预算绩效目标表', '(2025年度)', '填报单位:XX市文化局 填报日期:2025年3月10日'];
    expect(readNotice(lines)).toMatchObject({ title: '2024年市级部门整体预算绩效目标表', date: '2025-03-10', docNumber: null, issuer: null });
    expect(readNotice(['(2025年度)', '项目支出绩效自评表'])).toMatchObject({ title: '项目支出绩效自评表', date: null });
    expect(readNotice(['项目支出绩效目标申报表'], [{ 项目名称: 'X', 填报日期: '2025-1-5' }]).date).toBe('2025-01-05');
    expect(readNotice(['项目支出绩效目标申报表', '填报时间:2021年7月7日']).date).toBe('2021-07-07');
    // The title line inside the grid (a sheet printed with gridlines) is the form's 表名.
    expect(readNotice([], [{ 表名: '财政项目支出绩效目标填报表', 项目名称: 'X' }]).title).toBe('财政项目支出绩效目标填报表');
    // A 公文 keeps its own title and 成文日期.
    expect(readNotice(['关于下达绩效目标的通知', '正文。', '2024年9月26日', '附件', '项目支出绩效目标申报表'])).toMatchObject({ title: '关于下达绩效目标的通知', date: '2024-09-26' });
  });

  it('parses dates in both numeral systems', () => {
    expect(parseNoticeDate('2024年9月26日')).toBe('2024-09-26');
    expect(parseNoticeDate('二〇二三年十二月三十一日')).toBe('2023-12-31');
    expect(parseNoticeDate('2024年13月1日')).toBeNull();
  });
});
