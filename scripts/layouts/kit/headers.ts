// Header words of indicator tables (SPEC §1 and the real forms' variants).
import type { Rng } from '../random.ts';

export function headerWords(rng: Rng) {
  return {
    level1: rng.pick(['一级指标', '一级指标', '一级绩效指标']),
    level2: rng.pick(['二级指标', '二级指标', '二级绩效指标']),
    level3: rng.pick(['三级指标', '三级指标', '三级指标名称', '三级绩效指标']),
    level3Group: '三级指标',
    name: '指标名称',
    op: rng.pick(['性质', '计算符号', '指标性质']),
    value: rng.pick(['指标值', '目标值', '年度指标值', '指标值（目标值）']),
    unit: rng.pick(['单位', '计量单位', '度量单位']),
    description: rng.pick(['指标描述', '指标解释', '指标值说明']),
  };
}
