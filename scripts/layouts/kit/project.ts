// A made-up project (or department) and the header-block facts a form states about it.
import type { Rng } from '../random.ts';
import { DEPARTMENTS, GOALS, PROJECT_TOPICS, UNITS } from '../vocab/notice.ts';
import type { HeaderItem } from './form.ts';

export interface Project {
  name: string;
  department: string;
  implementer: string;
  year: number;
  funds: { total: string; fiscal: string; other: string };
  goal: string;
}

export function randomProject(rng: Rng, year = rng.int(2020, 2025)): Project {
  const total = rng.int(5, 3000);
  const fiscal = Math.round(total * rng.real(0.6, 1));
  const k = rng.int(0, DEPARTMENTS.length - 1);
  return {
    name: `${year}年${rng.pick(PROJECT_TOPICS)}${rng.pick(['项目', '专项资金', '补助资金', '经费'])}`,
    department: DEPARTMENTS[k],
    implementer: UNITS[k],
    year,
    funds: { total: total.toFixed(2), fiscal: fiscal.toFixed(2), other: (total - fiscal).toFixed(2) },
    goal: rng.pick(GOALS),
  };
}

/** The 申报表 header block: 项目名称/主管部门, 实施单位, 项目资金 rows, 年度绩效目标. */
export function declarationHeader(rng: Rng, p: Project): HeaderItem[] {
  return [
    { kind: 'pairs', pairs: [['项目名称', p.name], ['主管部门', p.department]] },
    { kind: 'pairs', pairs: [['实施单位', p.implementer]] },
    { kind: 'group', label: '项目资金（万元）', rows: [['年度资金总额', p.funds.total], ['其中：财政拨款', p.funds.fiscal], ['其他资金', p.funds.other]] },
    { kind: 'text', label: rng.pick(['年度绩效目标', '年度总体目标', '绩效目标']), text: p.goal },
  ];
}

/** `project` facts for the truth (schema v2 will score them). */
export function projectFacts(p: Project): Record<string, string> {
  return { 项目名称: p.name, 主管部门: p.department, 实施单位: p.implementer, 年度资金总额: p.funds.total };
}
