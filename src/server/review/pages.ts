// The review pages as HTML, from the view model (view.ts): the list of documents and one
// document's tables with the rows still to review marked and listed first. The server's pages
// (`/`, `/review/{id}`) and the static report.html of `extract --out` render the same markup;
// only the server's pages load review.js (source beside the row, corrections).
import type { Indicator } from '../../model/schema.ts';
import { flagMessage } from '../../confidence/score.ts';
import { fieldText } from '../../corrections/apply.ts';
import { CORRECTABLE_FIELDS, type CorrectableField } from '../../model/corrections.ts';
import { type DocumentView, type ListEntry, type ListFilters, type RowView, type TableView } from './view.ts';
import { Html, html, raw } from './html.ts';

export const FIELD_LABELS: Record<CorrectableField, string> = {
  level1: '一级指标', level2: '二级指标', level3: '三级指标', operator: '符号', value: '指标值', unit: '单位', description: '指标说明',
  actual: '实际完成值', weight: '分值', score: '得分', deviation: '偏差原因', direction: '指标方向', basis: '评分依据', origin: '指标来源', remark: '备注',
};

const STATUS_LABELS: Record<string, string> = { queued: '排队中', running: '提取中', done: '已完成', failed: '失败' };

const percent = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 100)}%`);

export interface PageOptions {
  /** Query string carried by every link (the token, for the server's pages). */
  linkQuery?: string;
  /** Load review.js and the stylesheet from the server; false: static, styles inline. */
  interactive: boolean;
  css: string;
  /** Where a document's link goes (default: its review page on the server). */
  documentHref?: (id: string) => string;
  /** Where "back to the list" goes (default: `/`). */
  listHref?: string;
}

export function page(title: string, body: Html, options: PageOptions, data?: unknown): string {
  const head = options.interactive
    ? html`<link rel="stylesheet" href="/review/assets/review.css"><script type="module" src="/review/assets/review.js"></script>`
    : html`<style>${raw(options.css)}</style>`;
  // JSON in a non-executed script element: `<` escaped so no document text can close it.
  const json = data === undefined ? '' : JSON.stringify(data).replace(/</gu, '\\u003c').replace(/\u2028/gu, '\\u2028').replace(/\u2029/gu, '\\u2029');
  return `<!doctype html>\n${html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>${head}</head><body>${body}${json ? raw(`<script type="application/json" id="view-data">${json}</script>`) : ''}</body></html>`}`;
}

// ---------------------------------------------------------------------------------------------
// The list

export function listBody(entries: ListEntry[], filters: ListFilters, options: PageOptions): Html {
  const q = options.linkQuery ? `?${options.linkQuery}` : '';
  const rows = entries.map((entry) => {
    const { summary } = entry;
    const name = entry.title ?? summary.name;
    const href = options.documentHref?.(summary.id) ?? `/review/${summary.id}${q}`;
    const link = summary.status === 'done' ? html`<a href="${href}">${name}</a>` : html`${name}`;
    return html`<tr class="${entry.toReview ? 'needs-review' : ''}" data-id="${summary.id}">
<td>${link}<div class="sub">${summary.name}${entry.docNumber ? html` · ${entry.docNumber}` : ''}</div></td>
<td>${STATUS_LABELS[summary.status] ?? summary.status}${summary.error ? html`<div class="sub error">${summary.error.code}: ${summary.error.message}</div>` : ''}</td>
<td>${entry.format ?? ''}</td><td class="num">${percent(entry.confidence)}</td><td class="num">${entry.rows}</td>
<td class="num">${entry.toReview ? html`<strong>${entry.toReview}</strong>` : '0'}</td><td class="num">${entry.corrections}</td>
<td>${entry.years.join('、')}</td></tr>`;
  });
  return html`<header><h1>绩效指标审核</h1><p>共 ${entries.length} 份文件</p></header>
<main>${options.interactive ? filterForm(filters, options.linkQuery) : ''}
<table class="documents"><caption>文件列表</caption><thead><tr><th scope="col">文件</th><th scope="col">状态</th><th scope="col">格式</th><th scope="col">置信度</th>
<th scope="col">指标行</th><th scope="col">待审核</th><th scope="col">更正</th><th scope="col">年度</th></tr></thead><tbody>${rows}</tbody></table></main>`;
}

function filterForm(filters: ListFilters, linkQuery?: string): Html {
  const token = new URLSearchParams(linkQuery ?? '').get('token');
  const kinds: [string, string][] = [['', '全部'], ['indicator-system', '指标体系'], ['performance-targets', '绩效目标表'], ['self-evaluation', '自评表'], ['other', '其他']];
  return html`<form class="filters" method="get" action="/">
${token ? html`<input type="hidden" name="token" value="${token}">` : ''}
<label><input type="checkbox" name="review" value="1"${filters.review ? raw(' checked') : ''}> 只看待审核</label>
<label><input type="checkbox" name="failed" value="1"${filters.failed ? raw(' checked') : ''}> 只看失败</label>
<label>类型 <select name="kind">${kinds.map(([value, label]) => html`<option value="${value}"${filters.kind === value ? raw(' selected') : ''}>${label}</option>`)}</select></label>
<label>年度 <input type="number" name="year" min="1990" max="2100" value="${filters.year ?? ''}"></label>
<button type="submit">筛选</button></form>`;
}

// ---------------------------------------------------------------------------------------------
// One document

function levelsText(row: Indicator): string {
  return [row.level1, row.level2, row.level3].filter(Boolean).join(' / ');
}

function reasons(row: Indicator): Html {
  const flags = row.flags.map((flag) => html`<li>${flagMessage(flag)}</li>`);
  const quality = row.quality.map((finding) => html`<li class="quality">审核发现：${finding.message}</li>`);
  return flags.length + quality.length ? html`<ul class="reasons">${flags}${quality}</ul>` : html``;
}

function provenance(row: Indicator): Html {
  const parts: Html[] = [];
  if (row.corrected) parts.push(html`<span class="badge corrected" title="${Object.entries(row.original ?? {}).map(([field, text]) => `${FIELD_LABELS[field as CorrectableField]} 原为「${text ?? ''}」`).join('；')}">已更正</span>`);
  if (row.accepted) parts.push(html`<span class="badge accepted">已确认（${row.accepted.by}）</span>`);
  return html`${parts}`;
}

function rowCells(view: RowView, fields: CorrectableField[]): Html {
  return html`${fields.map((field) => html`<td data-field="${field}">${fieldText(view.row, field) ?? ''}</td>`)}`;
}

function tableFields(table: TableView): CorrectableField[] {
  const base: CorrectableField[] = ['level1', 'level2', 'level3', 'operator', 'value', 'unit'];
  return [...base, ...table.typedFields];
}

function rowLine(view: RowView, fields: CorrectableField[]): Html {
  const classes = [view.toReview ? 'to-review' : '', view.excluded ? 'excluded' : '', view.row.corrected ? 'corrected' : ''].filter(Boolean).join(' ');
  return html`<tr class="${classes}" id="${`row-${view.key}`}" data-key="${view.key}" tabindex="0">
<td class="num">${view.ord + 1}</td>${rowCells(view, fields)}
<td class="num conf">${percent(view.row.confidence)}${view.toReview ? html` <span class="badge doubt">待审核</span>` : ''}${view.excluded ? html` <span class="badge">非指标</span>` : ''}</td>
<td>${provenance(view.row)}${reasons(view.row)}<div class="sub">${view.where}</div></td></tr>`;
}

function tableSection(table: TableView): Html {
  const fields = tableFields(table);
  return html`<section class="table" data-table="${table.table.index}">
<h3>${table.table.title ?? `表格 ${table.table.index + 1}`} <span class="sub">${table.where} · 置信度 ${percent(table.table.confidence)}</span></h3>
<table class="rows"><thead><tr><th scope="col">#</th>${fields.map((field) => html`<th scope="col">${FIELD_LABELS[field]}</th>`)}<th scope="col">置信度</th><th scope="col">说明</th></tr></thead>
<tbody>${table.rows.map((row) => rowLine(row, fields))}</tbody></table></section>`;
}

function reviewList(view: DocumentView): Html {
  if (view.toReview.length === 0) return html`<p class="done">没有待审核的行。</p>`;
  return html`<ol class="to-review-list">${view.toReview.map((row) => html`<li><a href="${`#row-${row.key}`}" data-key="${row.key}">${levelsText(row.row)}</a>
<span class="sub">${percent(row.row.confidence)} · ${row.where}</span></li>`)}</ol>`;
}

function correctionsList(view: DocumentView): Html {
  if (view.corrections.length === 0 && view.unplaced.length === 0) return html``;
  const actions: Record<string, string> = { edit: '修改', accept: '确认无误', 'not-indicator': '标为非指标', restore: '恢复为指标' };
  return html`<section class="corrections"><h2>更正记录</h2><ol>${view.corrections.map((c) => html`<li>${c.at.slice(0, 19).replace('T', ' ')} ${c.by}：${actions[c.action]}
${c.anchor.level3}${c.field ? html` 的${FIELD_LABELS[c.field]}：「${c.before ?? ''}」→「${c.after ?? ''}」` : ''}</li>`)}</ol>
${view.unplaced.length ? html`<h3>无法对应的更正</h3><ul>${view.unplaced.map((u) => html`<li>${u.anchor.level3}：${u.reason}</li>`)}</ul>` : ''}</section>`;
}

export function documentBody(view: DocumentView, options: PageOptions): Html {
  const { result } = view;
  const q = options.linkQuery ? `?${options.linkQuery}` : '';
  return html`<header><nav><a href="${options.listHref ?? `/${q}`}">← 文件列表</a></nav>
<h1>${result.notice.title ?? result.source.path}</h1>
<p class="sub">${result.source.path} · ${result.source.format} · ${result.notice.docNumber ?? ''} · 置信度 ${percent(result.confidence)} · 待审核 ${view.toReview.length} 行</p></header>
<main class="review"><div class="rows-pane">
<section><h2>待审核的行（置信度从低到高）</h2>${reviewList(view)}</section>
${view.tables.map(tableSection)}${correctionsList(view)}</div>
${options.interactive ? html`<aside class="source-pane" aria-live="polite"><h2>原文</h2><p class="hint">选中一行（点击，或用 ↑ ↓ 键）查看它在原文中的位置；按 Enter 编辑。</p>
<div id="source"></div><form id="editor" hidden></form></aside>` : ''}</main>`;
}

/** What review.js needs of the document: the rows' sources and fields, by key. */
export function clientData(view: DocumentView, fileUrl: string | null): unknown {
  return {
    id: view.id, format: view.result.source.format, fileUrl,
    fields: CORRECTABLE_FIELDS, labels: FIELD_LABELS,
    tables: view.tables.map((table) => ({
      index: table.table.index, location: table.table.location, columns: table.table.columns.map((column) => column.header),
      rows: table.rows.map((row) => ({
        key: row.key, source: row.row.source, cells: table.table.columns.map((column) => row.row.fields[column.header] ?? ''),
        values: Object.fromEntries(CORRECTABLE_FIELDS.map((field) => [field, fieldText(row.row, field)])), excluded: row.excluded,
      })),
    })),
  };
}
