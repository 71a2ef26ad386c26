// The project block of schema v2: a form's header block (项目名称, 主管部门, 实施单位, 项目资金
// rows, 总体/年度目标) as typed facts, read from the table's `context` keys (context.ts writes
// them: `项目名称`, a funding matrix as `row label/column head`, e.g. `年度资金总额/全年执行数`).
// Each fact names the context key it came from; `context` itself stays as it is.
import type { FundLine, Funds, Project, ProjectText } from '../model/schema.ts';
import { parseNumber } from '../normalize/values.ts';

/** Context keys of each fact, most specific first; the first key present wins. */
const FACT_KEYS = {
  name: /^(项目名称|项目全称)$/u,
  departmentName: /^(部门名称|单位名称|部门\(单位\)名称|部门)$/u,
  department: /^(主管部门|项目主管部门|主管单位|一级预算单位|主管部门及代码)$/u,
  implementer: /^(实施单位|项目实施单位|项目单位|申请单位|预算单位|实施单位及代码)$/u,
  year: /^(预算年度|年度|起始年度|起始|项目年度|实施年度)$/u,
  period: /^(实施期限|项目期限|项目周期|实施期|实施周期|项目实施期)$/u,
} as const;

/** The context key of the form's own heading line. */
const HEADING_KEY = /^(表名|标题)$/u;

/** Goals; a matrix key `年度总体目标/预期目标` is judged by its whole text, achieved first. */
const ACHIEVED = /实际完成情况|完成情况|实际完成/u;
const ANNUAL = /年度.*目标|当年.*目标|全年.*目标|预期目标/u;
const OVERALL = /总体目标|实施期.*目标|总体绩效目标|长期目标|中期目标|绩效目标$/u;

/** Column heads of a funding matrix → FundLine fields. */
const FUND_HEADS: [RegExp, keyof Omit<FundLine, 'label' | 'from'>][] = [
  [/年初预算数|年初预算/u, 'initialBudget'],
  [/全年预算数|调整后预算|全年预算/u, 'budget'],
  [/全年执行数|执行数|实际支出|支出数/u, 'executed'],
  [/执行率/u, 'executionRate'],
  [/分值/u, 'weight'],
  [/得分/u, 'score'],
  [/预算数/u, 'budget'],
  [/金额|资金/u, 'amount'],
];

/** Labels of funding lines: the total, and the parts (其中 …). */
const TOTAL_LINE = /资金总额|资金合计|年度资金|总额|^合计$|金额合计|项目资金|预算执行情况|^资金$/u;
const PART_LINE = /^其中|财政拨款|财政资金|其他资金|上年结转|结转|自筹|中央|省级|市级|县级|区级|专项|补助|一般公共预算|政府性基金/u;

/** The unit of the amounts as the form states it: `项目资金（万元）`, `金额单位：万元`. */
const UNIT_STATED = /(?:资金|金额|预算|执行情况|经费)[^()（）]{0,8}[（(]\s*(万元|元|亿元|千元)\s*[)）]|(?:金额)?单位[:：]\s*(万元|元|亿元|千元)/u;

const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/u;

function text(context: Record<string, string>, pattern: RegExp): ProjectText | null {
  for (const [key, value] of Object.entries(context)) if (pattern.test(key) && value.trim()) return { text: value.trim(), from: key };
  return null;
}

/** `96%` → 96, `1,234.5` → 1234.5, `—` / `/` / text → null. */
export function amountOf(value: string): number | null {
  const t = value.trim().replace(/[%％]$/u, '');
  return parseNumber(t);
}

function emptyLine(label: string): FundLine {
  return { label, amount: null, initialBudget: null, budget: null, executed: null, executionRate: null, weight: null, score: null, from: {} };
}

/** A head without its bracketed notes: `全年预算数(A)(上年结转+年初预算+…)` → `全年预算数`. */
function bareHead(head: string): string {
  let out = head;
  for (let before = ''; before !== out;) {
    before = out;
    out = out.replace(/[(（][^()（）]*[)）]/gu, '');
  }
  return out.trim();
}

const hasAmount = (line: FundLine) => (['amount', 'initialBudget', 'budget', 'executed', 'executionRate', 'weight', 'score'] as const).some((f) => line[f] !== null);

/** Funding lines from context: matrix keys `label/head` and single keys `年度资金总额`. */
function readFunds(context: Record<string, string>, unit: () => string | null): Funds | null {
  const lines = new Map<string, FundLine>();
  const line = (label: string) => {
    let found = lines.get(label);
    if (!found) lines.set(label, (found = emptyLine(label)));
    return found;
  };
  for (const [key, value] of Object.entries(context)) {
    const slash = key.lastIndexOf('/');
    const label = slash > 0 ? key.slice(0, slash) : key;
    const head = slash > 0 ? key.slice(slash + 1) : null;
    if (!TOTAL_LINE.test(label) && !PART_LINE.test(label)) continue;
    if (ACHIEVED.test(key) || ANNUAL.test(key) || OVERALL.test(key)) continue;
    const field = head === null ? 'amount' : FUND_HEADS.find(([pattern]) => pattern.test(bareHead(head)))?.[1];
    if (!field) continue;
    const amount = amountOf(value);
    const target = line(label);
    if (amount !== null && target[field] === null) {
      target[field] = amount;
      target.from[field] = key;
    }
  }
  const all = [...lines.values()].filter(hasAmount);
  if (all.length === 0) return null;
  const totalIndex = all.findIndex((l) => TOTAL_LINE.test(l.label) && !PART_LINE.test(l.label));
  const total = totalIndex >= 0 ? all.splice(totalIndex, 1)[0] : { ...emptyLine(''), label: null };
  return { ...total, unit: unit(), parts: all };
}

function statedUnit(context: Record<string, string>, texts: string[]): string | null {
  for (const candidate of [...Object.keys(context), ...Object.values(context), ...texts]) {
    const match = UNIT_STATED.exec(candidate);
    if (match) return match[1] ?? match[2];
  }
  return null;
}

/** `2025年度…表`, `（2024年度）`, `2025年部门整体…表`: the budget year a form's heading states. */
function headingYear(text: string): number | null {
  const match = /((?:19|20)\d{2})\s*年度/u.exec(text) ?? (/表/u.test(text) ? /^((?:19|20)\d{2})\s*年/u.exec(text) : null);
  return match ? Number(match[1]) : null;
}

function readYear(context: Record<string, string>, title: string | null, texts: () => string[]): Project['year'] {
  for (const [key, value] of Object.entries(context)) {
    const match = FACT_KEYS.year.test(key) ? YEAR.exec(value) : null;
    if (match) return { value: Number(match[1]), from: key };
  }
  for (const [key, value] of Object.entries(context)) {
    const year = HEADING_KEY.test(key) ? headingYear(value) : null;
    if (year !== null) return { value: year, from: key };
  }
  const inTitle = title ? headingYear(title) : null;
  if (inTitle !== null) return { value: inTitle, from: '(title)' };
  // The form's heading line above or inside the grid (the title may be the project's name).
  for (const text of texts()) {
    const year = text.length <= 40 && /表|^[(（]/u.test(text) ? headingYear(text) : null;
    if (year !== null) return { value: year, from: '(heading)' };
  }
  return null;
}

/** List keys written by context.ts: `年度主要任务/<任务名称>/<column head>`. */
const TASK_LIST = /任务|重点工作/u;

function readTasks(context: Record<string, string>): Project['tasks'] {
  const tasks = new Map<string, Project['tasks'][number]>();
  for (const [key, value] of Object.entries(context)) {
    const parts = key.split('/');
    if (parts.length !== 3 || !TASK_LIST.test(parts[0])) continue;
    const [, name, head] = parts;
    let task = tasks.get(name);
    if (!task) tasks.set(name, (task = { name, description: null, amount: null, from: [] }));
    if (/金额|预算|资金/u.test(head)) task.amount = amountOf(value);
    else if (/内容|描述|说明|目标/u.test(head)) task.description = value.trim() || null;
    else continue;
    task.from.push(key);
  }
  return [...tasks.values()];
}

/**
 * The project block of a table, or null when its context names no project, department or
 * funds. `texts` gives the grid's captions and cell texts, searched for the amounts' unit and,
 * when neither context nor title has one, for a year in the form's heading line.
 */
export function readProject(context: Record<string, string>, title: string | null, texts: () => string[] = () => []): Project | null {
  const name = text(context, FACT_KEYS.name);
  const departmentName = text(context, FACT_KEYS.departmentName);
  const department = text(context, FACT_KEYS.department) ?? departmentName;
  const funds = readFunds(context, () => statedUnit(context, texts()));
  const goalKeys = Object.keys(context).filter((key) => !FACT_KEYS.name.test(key));
  const goal = (pattern: RegExp, not: RegExp[]) => {
    const key = goalKeys.find((k) => pattern.test(k) && not.every((n) => !n.test(k)) && context[k].trim());
    return key ? { text: context[key].trim(), from: key } : null;
  };
  const goals = {
    achieved: goal(ACHIEVED, []),
    annual: goal(ANNUAL, [ACHIEVED]),
    overall: goal(OVERALL, [ACHIEVED, ANNUAL]),
  };
  // A goals block read as a list (`当年绩效目标/<预期目标的文字>/全年目标实际完成情况`): the
  // middle part is the target the achieved text answers.
  const listed = goals.achieved?.from.split('/');
  if (!goals.annual && listed?.length === 3 && /目标/u.test(listed[0])) goals.annual = { text: listed[1], from: goals.achieved!.from };
  const implementer = text(context, FACT_KEYS.implementer);
  const tasks = readTasks(context);
  const anything = name || department || implementer || funds || tasks.length || goals.achieved || goals.annual || goals.overall;
  if (!anything) return null;
  const isDepartment = !name && (departmentName !== null || /部门整体/u.test(title ?? ''));
  return {
    scope: isDepartment ? 'department' : 'project',
    name: name ?? (isDepartment ? departmentName : null),
    department,
    implementer,
    year: readYear(context, title, texts),
    period: text(context, FACT_KEYS.period),
    funds,
    tasks,
    goals: { overall: goals.overall, annual: goals.annual, achieved: goals.achieved },
  };
}
