// report.html of `extract --out`: the review list and every document's rows as the server's review
// pages show them (same view model, same markup), static and read-only: it opens from the folder
// without a server, styles inline, no script. The per-file JSON it reads carries the corrections
// already (the batch applied them), so reviewed rows show as such.
import type { DocumentResult } from '../../model/schema.ts';
import type { DocumentSummary } from '../../model/api.ts';
import { Html, html } from './html.ts';
import { documentView, listEntry } from './view.ts';
import { documentBody, listBody, page } from './pages.ts';

export type StaticEntry =
  | { path: string; status: 'ok'; result: DocumentResult }
  | { path: string; status: 'failed'; code: string; reason: string };

function summaryOf(entry: StaticEntry, id: string): DocumentSummary {
  const sha256 = entry.status === 'ok' ? entry.result.source.sha256 : '';
  return {
    id, status: entry.status === 'ok' ? 'done' : 'failed', name: entry.path, sha256, size: 0, stage: null, attempts: 1, submittedBy: null,
    createdAt: '', startedAt: null, finishedAt: null, ...(entry.status === 'failed' ? { error: { code: entry.code, message: entry.reason } } : {}),
  };
}

export function staticReportHtml(entries: StaticEntry[], css: string): string {
  const options = { interactive: false, css, documentHref: (id: string) => `#${id}`, listHref: '#top' };
  const views = entries.map((entry, i) => ({ id: `doc-${i + 1}`, entry, view: entry.status === 'ok' ? documentView(`doc-${i + 1}`, entry.result, []) : null }));
  const list = listBody(views.map(({ id, entry, view }) => listEntry(summaryOf(entry, id), view)), {}, options);
  const documents: Html[] = views.flatMap(({ id, view }) => (view ? [html`<article id="${id}" class="document">${documentBody(view, options)}</article>`] : []));
  const note = html`<p class="hint">静态审核报告（只读）。在 <code>zhibiao serve</code> 的审核页面中可查看原文并录入更正。</p>`;
  return page('绩效指标审核报告', html`<div id="top">${list}${note}</div>${documents}`, options);
}
