// The quality rules: what is checked on an indicator or table AS PUBLISHED (not how zhibiao
// read it — that is the confidence, src/confidence/). Every finding has a stable code, a
// Chinese message and the published rule it comes from. Findings never lower `confidence`.
//
// Sources, and what the rules below take from them (README "Quality review" says which
// passages were checked against published text and which are read from the forms' layout):
// - 财预〔2015〕88号《中央部门预算绩效目标管理办法》: the indicator kinds — 数量指标 (数量), 质量指标
//   (标准、水平和效果), 时效指标 (及时程度和效率), 成本指标 (单位成本和总成本); 效益指标;
//   满意度指标 (服务对象或项目受益人对相关产出及其影响的认可程度).
// - 财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》(2021-08-18):
//   绩效目标通过具体绩效指标予以细化、量化描述; 总体目标分解细化为指标; 成本指标 joins 产出、
//   效益、满意度 as a first-level category; 附件2 指标表模板 has 指标值 and 度量单位.
// - 财预〔2020〕10号《项目支出绩效评价管理办法》and its 项目支出绩效自评表 (年初预算数 | 全年预算数 |
//   全年执行数 | 分值 | 执行率 | 得分; 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施;
//   总分): 一级指标 产出、效益、满意度 and 预算执行率 (原则上 50/30/10/10, 总分100); a target
//   met earns the indicator's full points, one not met earns points in proportion (正向:
//   实际值/指标值×分值, 反向: 指标值/实际值×分值) and its deviation is explained; 执行率 =
//   全年执行数 / 全年预算数.
// - 财政部预算司 绩效评价结果等级: 优 90–100、良 80–89、中 60–79、差 0–59 (the 满意度 floor below).

export type QualityScope = 'indicator' | 'table';

export interface QualityRule {
  message: string;
  /** The published rule the finding comes from. */
  rule: string;
  scope: QualityScope;
}

const TARGETS_2015 = '财预〔2015〕88号《中央部门预算绩效目标管理办法》';
const GUIDE_2021 = '财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》';
const EVALUATION_2020 = '财预〔2020〕10号《项目支出绩效评价管理办法》';
const SELF_EVALUATION_FORM = `${EVALUATION_2020} 项目支出绩效自评表`;

/** Settings of the rules, each with the reason for its value. */
export const QUALITY_SETTINGS = {
  /**
   * A 满意度 target below this percentage plans for less than 良: 财政部预算司's grading puts
   * 良 at 80–89 and 中 at 60–79. A bureau with a stated floor (often 85 or 90) sets its own.
   */
  satisfactionFloorPercent: 80,
  /** 101号 (issued 2021-08 for the 2022 budgets) makes 成本指标 a first-level category. */
  costCategoryFromYear: 2022,
  /** Rounding slack for sums of points written to one decimal. */
  pointsTolerance: 0.051,
  /** 执行率 is usually written to a whole or one-decimal percent. */
  rateTolerancePercent: 0.6,
} as const;

export const QUALITY_RULES: Record<string, QualityRule> = {
  // One indicator.
  'target-missing': {
    scope: 'indicator', message: '指标没有目标值（运算符号、指标值和单位均为空）',
    rule: `${GUIDE_2021}：绩效目标通过具体绩效指标予以细化、量化描述，每项指标应有指标值`,
  },
  'quantitative-without-number': {
    scope: 'indicator', message: '定量指标（有 ≥、≤、=、>、< 或注明定量）没有数值指标值',
    rule: `${GUIDE_2021}：绩效目标通过具体绩效指标予以细化、量化描述；定量指标的指标值是数值`,
  },
  'quantitative-without-unit': {
    scope: 'indicator', message: '定量指标有数值但没有计量单位',
    rule: `${GUIDE_2021} 附件2 核心绩效指标表模板：指标值与度量单位分栏填写`,
  },
  'timeliness-without-date': {
    scope: 'indicator', message: '时效指标没有时间、期限或及时率',
    rule: `${TARGETS_2015}：时效指标反映提供产品或服务的及时程度和效率（完成时间、时限或及时率）`,
  },
  'satisfaction-not-percent': {
    scope: 'indicator', message: '满意度指标的指标值不是百分比',
    rule: `${TARGETS_2015}：满意度指标反映服务对象或受益人的认可程度，以调查满意率（%）衡量`,
  },
  'satisfaction-below-floor': {
    scope: 'indicator', message: `满意度指标值低于 ${QUALITY_SETTINGS.satisfactionFloorPercent}%`,
    rule: `财政部预算司 绩效评价等级（良 80–89 分）；下限为可调设置 satisfactionFloorPercent`,
  },
  'rate-over-100': {
    scope: 'indicator', message: '比率类指标的百分比超过100%',
    rule: '比率为完成数占应完成数的比例，不超过100%（如 执行率 = 全年执行数 / 全年预算数）',
  },
  'level-nonstandard': {
    scope: 'indicator', message: '一级或二级指标名称不在国家指标体系中',
    rule: `${TARGETS_2015}、${EVALUATION_2020}、${GUIDE_2021}：一级指标 产出、效益、满意度（101号另设 成本），二级指标按体系设置`,
  },
  'score-over-weight': {
    scope: 'indicator', message: '得分高于该指标的分值',
    rule: `${SELF_EVALUATION_FORM}：各指标得分不超过其分值`,
  },
  'met-but-score-below-weight': {
    scope: 'indicator', message: '实际完成值已达到指标值，但得分低于分值，且未说明偏差原因',
    rule: `${SELF_EVALUATION_FORM}：完成指标值的记该指标全部分值；扣分须说明原因`,
  },
  'deviation-reason-missing': {
    scope: 'indicator', message: '实际完成值未达到指标值，未填写偏差原因分析及改进措施',
    rule: `${SELF_EVALUATION_FORM}：未完成或偏离绩效目标的，应分析说明原因并提出改进措施`,
  },
  // One table.
  'satisfaction-missing': {
    scope: 'table', message: '表中没有满意度指标',
    rule: `${EVALUATION_2020} 自评表一级指标含服务对象满意度指标（原则上10分）；${GUIDE_2021} 满意度指标为一级指标`,
  },
  'cost-missing': {
    scope: 'table', message: '表中没有成本指标',
    rule: `${GUIDE_2021}：成本指标为一级指标（2022年预算起）`,
  },
  'category-missing': {
    scope: 'table', message: '表中缺少一级指标类别（产出或效益）',
    rule: `${EVALUATION_2020} 自评表：一级指标 产出指标（原则上50分）、效益指标（原则上30分）`,
  },
  'duplicate-name': {
    scope: 'table', message: '同一表中指标名称重复',
    rule: `${GUIDE_2021}：总体目标分解细化为各项指标；同表同名的指标无法分别衡量和考核`,
  },
  'total-score-mismatch': {
    scope: 'table', message: '总分与各项得分之和（含预算执行率得分）不符',
    rule: `${SELF_EVALUATION_FORM}：总分为各项得分之和`,
  },
  'total-weight-mismatch': {
    scope: 'table', message: '总分值与各项分值之和（含预算执行率分值）不符',
    rule: `${SELF_EVALUATION_FORM}：总分值为各项分值之和`,
  },
  'weight-sum-not-100': {
    scope: 'table', message: '各项分值（权重）之和不是100',
    rule: `${EVALUATION_2020}：总分一般设置为100分`,
  },
  'execution-rate-mismatch': {
    scope: 'table', message: '执行率与 全年执行数 / 全年预算数 不符',
    rule: `${SELF_EVALUATION_FORM}：执行率 = 全年执行数 / 全年预算数`,
  },
  'funds-score-over-weight': {
    scope: 'table', message: '预算执行率得分高于其分值',
    rule: `${SELF_EVALUATION_FORM}：预算执行率得分不超过其分值（原则上10分）`,
  },
};

export function qualityRule(code: string): QualityRule {
  const rule = QUALITY_RULES[code];
  if (!rule) throw new Error(`unknown quality code ${code}`);
  return rule;
}
