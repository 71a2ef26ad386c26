import { describe, expect, it } from 'vitest';
import { cleanText, joinCellLines } from '../src/normalize/text.ts';
import { normalizeValue, splitOperator } from '../src/normalize/values.ts';
import { canonicalLevel1, canonicalLevel2 } from '../src/normalize/vocabulary.ts';

describe('cleanText', () => {
  it('removes line-wrap spaces inside Chinese words and around CJK punctuation', () => {
    expect(cleanText('可持续影响指 标')).toBe('可持续影响指标');
    expect(cleanText('反映上报建议 、 意见数量完成情况')).toBe('反映上报建议、意见数量完成情况');
    expect(cleanText('反映通过活动 , 一年成交金额')).toBe('反映通过活动,一年成交金额');
  });
  it('keeps single spaces in Latin text and folds full-width forms but not ≧ or ²', () => {
    expect(cleanText('  ISO   9001  认证 ')).toBe('ISO 9001认证');
    expect(cleanText('ISO 认证 2022 年 12 月底前')).toBe('ISO 认证2022年12月底前');
    expect(cleanText('（试行）＞９５％')).toBe('(试行)>95%');
    expect(cleanText('≧98')).toBe('≧98');
    expect(cleanText('面积米²')).toBe('面积米²');
  });
  it('joins cell lines without spaces between CJK and with one in Latin', () => {
    expect(joinCellLines(['服务对象满', '意度指标'])).toBe('服务对象满意度指标');
    expect(joinCellLines(['annual', 'report'])).toBe('annual report');
    expect(joinCellLines(['2025年9', '月底前'])).toBe('2025年9月底前');
  });
});

describe('normalizeValue', () => {
  it('moves a leading operator out of the value and splits the unit', () => {
    expect(normalizeValue('', '≥98', '%', true)).toMatchObject({ operator: '≥', value: '98', number: 98, unit: '%' });
    expect(normalizeValue('', '≤25万元', '', true)).toMatchObject({ operator: '≤', value: '25', number: 25, unit: '万元' });
    expect(normalizeValue('', '≧95%', '', true)).toMatchObject({ operator: '≥', value: '95', unit: '%' });
  });
  it('maps word operators and full-width symbols', () => {
    expect(splitOperator('不低于90')).toEqual({ operator: '≥', rest: '90' });
    expect(splitOperator('不超过3天')).toEqual({ operator: '≤', rest: '3天' });
    expect(splitOperator('95%以上')).toEqual({ operator: '≥', rest: '95%' });
    expect(normalizeValue('＞', '0', '起', true)).toMatchObject({ operator: '>', value: '0', unit: '起' });
  });
  it('treats % in the operator column as a unit and keeps dates and words whole', () => {
    expect(normalizeValue('%', '100', '', true)).toMatchObject({ operator: null, value: '100', number: 100, unit: '%' });
    expect(normalizeValue('', '2025年12月底前', '', true)).toMatchObject({ value: '2025年12月底前', number: null, unit: null });
    expect(normalizeValue('定性', '良', '', true)).toMatchObject({ operator: '定性', value: '良', unit: null });
  });
  it('reads a 定性 row of a table without value column: the unit cell is the value', () => {
    expect(normalizeValue('定性', '', '优、良', false)).toMatchObject({ operator: '定性', value: '优、良', unit: null });
    expect(normalizeValue('≥', '', '台(套)', false)).toMatchObject({ operator: '≥', value: null, unit: '台(套)' });
  });
  it('reads forms\' values: a bracketed unit, word operators, 无 as no operator or unit', () => {
    expect(normalizeValue('', '≥13459.00(平方米)', '', true)).toMatchObject({ operator: '≥', value: '13459.00', number: 13459, unit: '平方米' });
    expect(normalizeValue('', '=100.00(%)', '', true)).toMatchObject({ operator: '=', value: '100.00', unit: '%' });
    expect(normalizeValue('', '≥190元每人每月', '', true)).toMatchObject({ operator: '≥', value: '190', unit: '元每人每月' });
    expect(normalizeValue('', '不低于上年度水平', '', true)).toMatchObject({ operator: '≥', value: '上年度水平', unit: null });
    expect(normalizeValue('', '小于或者等于6小时', '', true)).toMatchObject({ operator: '≤', value: '6', unit: '小时' });
    expect(normalizeValue('无', '合规', '无', true)).toMatchObject({ operator: null, value: '合规', unit: null, notes: [] });
  });
  it('notes an operator that contradicts the value', () => {
    expect(normalizeValue('≤', '≥90', '%', true).notes).toContain('operator-conflict');
  });
});

describe('vocabulary', () => {
  it('gives canonical names for variants and null for unknown names', () => {
    expect(canonicalLevel1('效果指标')).toBe('效益指标');
    expect(canonicalLevel2('进度指标')).toBe('时效指标');
    expect(canonicalLevel2('环境效益指标')).toBe('生态效益指标');
    expect(canonicalLevel2('社会公众或服务对象满意度指标')).toBe('服务对象满意度指标');
    expect(canonicalLevel2('项目管理')).toBeNull();
  });
  it('reads category names written with 类 and the short 成本 of a 产出 group', () => {
    expect(canonicalLevel1('产出类指标')).toBe('产出指标');
    expect(canonicalLevel1('满意度类指标')).toBe('满意度指标');
    expect(canonicalLevel1('效益类')).toBe('效益指标');
    expect(canonicalLevel1('管理类指标')).toBeNull();
    expect(canonicalLevel2('成本')).toBe('成本指标');
  });
});
