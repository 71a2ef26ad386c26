// Words the generator composes indicator tables from: level names (national vocabulary and
// the variants SPEC §1 lists), indicator name parts per second level, values and units.
// Written for the generator; not taken from any real document.
import type { Op } from '../spec.ts';

/** Second-level kinds by their canonical national name. */
export type Level2Kind = '数量' | '质量' | '时效' | '成本' | '经济效益' | '社会效益' | '生态效益' | '可持续影响' | '满意度';

export interface LevelVocabulary {
  /** Written first-level name per kind group. */
  level1: Record<'产出' | '效益' | '满意度', string>;
  level2: Record<Level2Kind, string>;
}

export const LEVEL1_OF: Record<Level2Kind, '产出' | '效益' | '满意度'> = {
  数量: '产出', 质量: '产出', 时效: '产出', 成本: '产出',
  经济效益: '效益', 社会效益: '效益', 生态效益: '效益', 可持续影响: '效益', 满意度: '满意度',
};

/** Ways real tables name the levels: the national vocabulary, short names, SPEC §1 variants. */
export const VOCABULARIES: LevelVocabulary[] = [
  {
    level1: { 产出: '产出指标', 效益: '效益指标', 满意度: '满意度指标' },
    level2: { 数量: '数量指标', 质量: '质量指标', 时效: '时效指标', 成本: '成本指标', 经济效益: '经济效益指标', 社会效益: '社会效益指标', 生态效益: '生态效益指标', 可持续影响: '可持续影响指标', 满意度: '服务对象满意度指标' },
  },
  {
    level1: { 产出: '产出', 效益: '效益', 满意度: '满意度' },
    level2: { 数量: '数量', 质量: '质量', 时效: '时效', 成本: '成本', 经济效益: '经济效益', 社会效益: '社会效益', 生态效益: '生态效益', 可持续影响: '可持续影响', 满意度: '服务对象满意度' },
  },
  {
    level1: { 产出: '产出指标', 效益: '效果指标', 满意度: '满意度指标' },
    level2: { 数量: '产出数量', 质量: '产出质量', 时效: '进度指标', 成本: '成本指标', 经济效益: '经济效益指标', 社会效益: '社会效益指标', 生态效益: '环境效益指标', 可持续影响: '可持续效益', 满意度: '社会公众或服务对象满意度指标' },
  },
  {
    level1: { 产出: '产出指标', 效益: '效益指标', 满意度: '满意度指标' },
    level2: { 数量: '数量指标', 质量: '质量指标', 时效: '时效指标', 成本: '成本指标', 经济效益: '经济效益指标', 社会效益: '社会效益指标', 生态效益: '生态效益指标', 可持续影响: '可持续影响指标', 满意度: '满意度指标' },
  },
];

/** Things a project works on (objects of indicator names). */
export const OBJECTS = [
  '农村公路', '校舍维修', '技能培训', '调研报告', '督查检查', '政策宣传', '公益性岗位', '慢性病随访', '老年人助餐', '困难群众救助',
  '城市绿化', '污水管网', '路灯改造', '档案整理', '监测站点', '图书配送', '农田灌溉', '河道清淤', '消防设施', '社区服务',
  '就业见习', '创业孵化', '疫苗接种', '食品抽检', '文化下乡', '体育器材', '危房改造', '垃圾清运', '村级道路', '信息系统运维',
];

export interface IndicatorIdea {
  name: string;
  op: Op | null;
  /** Plain number, or text for qualitative/time values. */
  value: string;
  unit: string | null;
  numeric: boolean;
}

type Maker = (obj: string, pick: <T>(xs: readonly T[]) => T, int: (lo: number, hi: number) => number) => IndicatorIdea;

const n = (name: string, op: Op | null, value: string | number, unit: string | null): IndicatorIdea =>
  ({ name, op, value: String(value), unit, numeric: typeof value === 'number' || /^\d+(\.\d+)?$/.test(String(value)) });

/** Name makers per second-level kind. */
export const MAKERS: Record<Level2Kind, Maker[]> = {
  数量: [
    (o, p, i) => n(`${o}完成数量`, '≥', i(2, 900), p(['个', '项', '次', '处', '场'])),
    (o, p, i) => n(`${o}覆盖人数`, '≥', i(50, 20000), p(['人', '人次'])),
    (o, _p, i) => n(`${o}里程`, '≥', i(3, 180), '公里'),
    (o, _p, i) => n(`${o}面积`, '≥', `${i(100, 30000)}.00`, '平方米'),
    (o, p, i) => n(`开展${o}次数`, '=', i(1, 24), p(['次', '场'])),
  ],
  质量: [
    (o, _p, i) => n(`${o}验收合格率`, '≥', i(85, 100), '%'),
    (o, _p, i) => n(`${o}达标率`, '≥', i(80, 99), '%'),
    (o, p) => n(`${o}质量`, '定性', p(['良好', '优', '优、良', '达标', '合格']), null),
    (o, _p, i) => n(`${o}差错率`, '≤', i(1, 5), '%'),
  ],
  时效: [
    (o, _p, i) => n(`${o}完成时间`, null, `${2024 + i(0, 2)}年${i(6, 12)}月底前`, null),
    (o, _p, i) => n(`${o}及时率`, '≥', i(90, 100), '%'),
    (o, p) => n(`${o}办理时限`, '≤', p(['3', '5', '7', '15']), '个工作日'),
    (o, p) => n(`${o}启动时间`, null, p(['12月底', '一周', '年内', '及时']), null),
  ],
  成本: [
    (o, _p, i) => n(`${o}总成本`, '≤', `${i(1, 900)}.${i(10, 99)}`, '万元'),
    (o, _p, i) => n(`${o}单位成本`, '≤', i(20, 800), '元'),
    (o, _p, i) => n(`人均${o}补助标准`, '≥', i(50, 400), '元/人'),
    (o, _p, i) => n(`${o}补助标准`, '≥', i(100, 600), '元每人每月'),
  ],
  经济效益: [
    (o, _p, i) => n(`带动${o}相关收入`, '≥', i(5, 500), '万元'),
    (o, p) => n(`${o}节约资金情况`, '定性', p(['明显', '有效节约', '逐年减少']), null),
  ],
  社会效益: [
    (o, p) => n(`${o}服务水平`, '定性', p(['明显提升', '有效改善', '稳步提高']), null),
    (o, _p, i) => n(`${o}群众知晓率`, '≥', i(70, 98), '%'),
    (o, p) => n(`${o}社会影响`, null, p(['良好', '积极', '明显']), null),
    (o) => n(`${o}保障水平`, '≥', '上年度水平', null),
    (_o, p, i) => n(`${p(['城镇新增就业人数', '受益群众人数', '帮扶困难家庭户数'])}(${p(['人', '户'])})`, '≥', i(50, 50000), null),
  ],
  生态效益: [
    (o, p) => n(`${o}环境改善情况`, '定性', p(['明显改善', '有所改善', '持续向好']), null),
    (o, _p, i) => n(`${o}资源利用率`, '≥', i(60, 95), '%'),
  ],
  可持续影响: [
    (o, p) => n(`${o}长效管护机制`, '定性', p(['健全', '长期', '持续发挥作用']), null),
    (o, _p, i) => n(`${o}设施使用年限`, '≥', i(3, 20), '年'),
  ],
  满意度: [
    (o, _p, i) => n(`${o}服务对象满意度`, '≥', i(80, 98), '%'),
    (_o, p, i) => n(`${p(['群众', '受益对象', '参训人员', '社区居民'])}满意度`, '≥', i(85, 99), '%'),
  ],
};

export const DESCRIPTIONS = [
  (name: string) => `反映${name}的完成情况`,
  (name: string) => `根据年度工作计划确定${name}`,
  (name: string) => `以统计台账数据核定${name}`,
  (name: string) => `考察${name}是否达到预期`,
];

export const DEVIATIONS = ['无偏差', '受天气影响工期顺延，已督促加快进度', '资金拨付较晚，下年度提前谋划', '按计划完成', '部分项目尚未验收，将于下半年完成'];
export const BASIS = ['计划标准', '行业标准', '历史标准', '其他标准'];
export const ORIGINS = ['自定义', '共性指标', '行业指标', '上级下达'];
export const REMARKS = ['', '', '', '已核实', '参考上年'];

/** Rows that stand where an indicator would but are not indicators (real README rules). */
export const NOT_INDICATOR = ['不适用', '无', '/', '不涉及'];
