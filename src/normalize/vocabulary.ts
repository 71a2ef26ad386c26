// The national indicator vocabulary (财预〔2015〕88号, 财预〔2020〕10号, 财预〔2021〕101号)
// and the variants met in real files, each mapped to its canonical name.

export const LEVEL1_NAMES = ['产出指标', '效益指标', '满意度指标', '成本指标'] as const;

/** Canonical level2 name → its canonical level1 parent(s). */
export const LEVEL2_PARENTS: Record<string, string[]> = {
  数量指标: ['产出指标'],
  质量指标: ['产出指标'],
  时效指标: ['产出指标'],
  成本指标: ['产出指标'],
  经济效益指标: ['效益指标'],
  社会效益指标: ['效益指标'],
  生态效益指标: ['效益指标'],
  可持续影响指标: ['效益指标'],
  服务对象满意度指标: ['满意度指标'],
  经济成本指标: ['成本指标'],
  社会成本指标: ['成本指标'],
  生态环境成本指标: ['成本指标'],
};

const LEVEL1_VARIANTS: Record<string, string> = {
  产出: '产出指标',
  效益: '效益指标',
  效果指标: '效益指标',
  效果: '效益指标',
  满意度: '满意度指标',
  成本: '成本指标',
  一级指标产出指标: '产出指标',
};

const LEVEL2_VARIANTS: Record<string, string> = {
  产出数量: '数量指标',
  数量: '数量指标',
  产出质量: '质量指标',
  质量: '质量指标',
  产出时效: '时效指标',
  时效: '时效指标',
  进度指标: '时效指标',
  产出成本: '成本指标',
  成本: '成本指标',
  经济效益: '经济效益指标',
  社会效益: '社会效益指标',
  生态效益: '生态效益指标',
  环境效益指标: '生态效益指标',
  生态环境效益指标: '生态效益指标',
  可持续影响: '可持续影响指标',
  可持续效益: '可持续影响指标',
  可持续效益指标: '可持续影响指标',
  可持续发展指标: '可持续影响指标',
  满意度指标: '服务对象满意度指标',
  服务对象满意度: '服务对象满意度指标',
  社会公众或服务对象满意度指标: '服务对象满意度指标',
  社会公众或服务对象满意度: '服务对象满意度指标',
  社会公众满意度指标: '服务对象满意度指标',
  经济成本: '经济成本指标',
  社会成本: '社会成本指标',
  生态环境成本: '生态环境成本指标',
};

/** The lookup key: no spaces or brackets, and `类` of a category name dropped (`产出类指标` → `产出指标`). */
function key(text: string): string {
  return text.replace(/[\s()（）]/gu, '').replace(/类(指标)?$/u, '$1');
}

export function canonicalLevel1(text: string | null): string | null {
  if (!text) return null;
  const k = key(text);
  if ((LEVEL1_NAMES as readonly string[]).includes(k)) return k;
  return LEVEL1_VARIANTS[k] ?? null;
}

export function canonicalLevel2(text: string | null): string | null {
  if (!text) return null;
  const k = key(text);
  if (k in LEVEL2_PARENTS) return k;
  return LEVEL2_VARIANTS[k] ?? null;
}

/**
 * The canonical level2 a 三级 name belongs under by what it measures, or null: a survey of
 * satisfaction (`群众满意度`, `受益对象满意率`) is what 服务对象满意度指标 holds (财预〔2020〕10号:
 * 满意度指标 反映服务对象的认可程度, measured as a surveyed rate).
 */
export function level2OfName(name: string | null): string | null {
  return name && /满意(度|率)$/u.test(key(name)) ? '服务对象满意度指标' : null;
}

/** Whether a canonical level2 sits under a canonical level1 in the national tree. */
export function isConsistentPair(level1: string, level2: string): boolean {
  return LEVEL2_PARENTS[level2]?.includes(level1) ?? false;
}
