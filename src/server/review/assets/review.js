// The review page in the browser: select a row (click, ↑ ↓), see its source beside it (a PDF page
// rendered by pdf.js with the row's bbox drawn on it; for sheets and Word tables the grid around
// the row), correct it (Enter). Every text from the document is set with textContent, never as
// markup. Served from the package under a CSP without inline scripts.
const dataElement = document.getElementById('view-data');
const view = dataElement ? JSON.parse(dataElement.textContent) : null;
const token = new URLSearchParams(location.search).get('token');
const auth = token ? { authorization: `Bearer ${token}` } : {};
const PDFJS = '/review/assets/pdfjs/';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const rowsByKey = new Map();
if (view) {
  for (const table of view.tables) for (const row of table.rows) rowsByKey.set(row.key, { table, row });
}
const lines = [...document.querySelectorAll('tr[data-key]')];
const source = document.getElementById('source');
const editor = document.getElementById('editor');
let selected = null;

// --------------------------------------------------------------------------------------------
// PDF pages

let pdfPromise = null;
function pdfDocument() {
  pdfPromise ??= (async () => {
    const pdfjs = await import(`${PDFJS}build/pdf.min.mjs`);
    pdfjs.GlobalWorkerOptions.workerSrc = `${PDFJS}build/pdf.worker.min.mjs`;
    const response = await fetch(view.fileUrl, { headers: auth });
    if (!response.ok) throw new Error(`原文件无法取得（${response.status}）`);
    const data = new Uint8Array(await response.arrayBuffer());
    return pdfjs.getDocument({
      data, cMapUrl: `${PDFJS}cmaps/`, cMapPacked: true, standardFontDataUrl: `${PDFJS}standard_fonts/`, isEvalSupported: false,
    }).promise;
  })();
  return pdfPromise;
}

let renderSeq = 0;
async function showPdfRow(entry) {
  const { page: pageNumber, bbox } = entry.row.source;
  const seq = ++renderSeq;
  const frame = el('div', { class: 'page-frame' });
  const caption = el('p', { class: 'source-caption', text: `第 ${pageNumber} 页` });
  source.replaceChildren(caption, frame);
  const pdf = await pdfDocument();
  const pdfPage = await pdf.getPage(pageNumber);
  if (seq !== renderSeq) return;
  const unscaled = pdfPage.getViewport({ scale: 1 });
  const scale = Math.min(2, Math.max(0.5, (source.clientWidth || 600) / unscaled.width));
  const viewport = pdfPage.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;
  const canvas = el('canvas', { id: 'page-canvas', width: String(Math.floor(viewport.width * ratio)), height: String(Math.floor(viewport.height * ratio)) });
  canvas.style.width = `${viewport.width}px`;
  canvas.style.height = `${viewport.height}px`;
  frame.style.width = `${viewport.width}px`;
  frame.style.height = `${viewport.height}px`;
  frame.append(canvas);
  await pdfPage.render({ canvasContext: canvas.getContext('2d'), viewport, transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0] }).promise;
  if (seq !== renderSeq) return;
  // bbox: [x0, top, x1, bottom] in points from the page's top-left corner, as the reader gives it.
  const [x0, top, x1, bottom] = bbox;
  const box = el('div', { id: 'highlight', class: 'highlight', 'data-scale': String(scale), 'data-bbox': JSON.stringify(bbox) });
  Object.assign(box.style, { left: `${x0 * scale}px`, top: `${top * scale}px`, width: `${(x1 - x0) * scale}px`, height: `${(bottom - top) * scale}px` });
  frame.append(box);
  frame.dataset.rendered = 'true';
  box.scrollIntoView({ block: 'center', behavior: 'instant' });
}

// --------------------------------------------------------------------------------------------
// Sheets and Word tables: the grid around the row

const AROUND = 6;
function showGridRow(entry) {
  const { table, row } = entry;
  const at = table.rows.indexOf(row);
  const from = Math.max(0, at - AROUND);
  const to = Math.min(table.rows.length, at + AROUND + 1);
  const where = 'sheet' in row.source
    ? `工作表「${row.source.sheet}」第 ${row.source.row} 行${'range' in table.location ? `（表格区域 ${table.location.range}）` : ''}`
    : `第 ${row.source.table + 1} 个表格 第 ${row.source.row + 1} 行`;
  const head = el('tr', {}, el('th', { scope: 'col', text: '行' }), ...table.columns.map((header) => el('th', { scope: 'col', text: header })));
  const body = table.rows.slice(from, to).map((line) => {
    const number = 'sheet' in line.source ? line.source.row : 'row' in line.source ? line.source.row + 1 : '';
    return el('tr', line === row ? { class: 'hit', id: 'grid-hit' } : {}, el('th', { scope: 'row', text: String(number) }),
      ...line.cells.map((cell) => el('td', { text: cell })));
  });
  source.replaceChildren(el('p', { class: 'source-caption', text: where }), el('table', { class: 'grid' }, el('thead', {}, head), el('tbody', {}, ...body)));
}

function showSource(entry) {
  if ('page' in entry.row.source && view.format === 'pdf') {
    showPdfRow(entry).catch((error) => source.replaceChildren(el('p', { class: 'error', text: `原文页面无法显示：${error.message}` })));
  } else if ('page' in entry.row.source) {
    source.replaceChildren(el('p', { class: 'source-caption', text: `第 ${entry.row.source.page} 页 [${entry.row.source.bbox.map(Math.round).join(', ')}]（此格式的页面暂不能在浏览器中显示）` }));
  } else showGridRow(entry);
}

// --------------------------------------------------------------------------------------------
// Selection, keyboard, corrections

function select(line, focus = true) {
  if (!line) return;
  selected?.classList.remove('selected');
  selected?.setAttribute('aria-selected', 'false');
  selected = line;
  line.classList.add('selected');
  line.setAttribute('aria-selected', 'true');
  if (focus) line.focus({ preventScroll: false });
  history.replaceState(null, '', `${location.pathname}${location.search}#row-${line.dataset.key}`);
  const entry = rowsByKey.get(line.dataset.key);
  if (entry && source) {
    showSource(entry);
    openEditor(entry, false);
  }
}

async function post(body) {
  const response = await fetch(`/v1/documents/${view.id}/corrections`, {
    method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!response.ok) {
    const answer = await response.json().catch(() => null);
    throw new Error(answer?.error?.message ?? `HTTP ${response.status}`);
  }
}

function openEditor(entry, focus) {
  if (!editor) return;
  const { row } = entry;
  const inputs = view.fields.map((field) => {
    const id = `edit-${field}`;
    const input = el('input', { id, name: field, type: 'text', autocomplete: 'off' });
    input.value = row.values[field] ?? '';
    input.dataset.before = row.values[field] ?? '';
    return el('div', { class: 'field' }, el('label', { for: id, text: view.labels[field] }), input);
  });
  const message = el('p', { class: 'message', role: 'status' });
  const save = el('button', { type: 'submit', id: 'save', text: '保存更正' });
  const accept = el('button', { type: 'button', id: 'accept', text: '确认无误' });
  const exclude = el('button', { type: 'button', id: 'exclude', text: row.excluded ? '恢复为指标' : '标为非指标' });
  editor.replaceChildren(el('h3', { text: `更正第 ${entry.table.rows.indexOf(row) + 1} 行` }), ...inputs, el('div', { class: 'actions' }, save, accept, exclude), message);
  editor.hidden = false;
  const done = () => location.reload();
  const fail = (error) => { message.textContent = `未保存：${error.message}`; };
  editor.onsubmit = async (event) => {
    event.preventDefault();
    try {
      const changed = [...editor.querySelectorAll('input')].filter((input) => input.value.trim() !== input.dataset.before);
      if (changed.length === 0) { message.textContent = '没有改动'; return; }
      for (const input of changed) await post({ row: row.key, action: 'edit', field: input.name, after: input.value.trim() || null });
      done();
    } catch (error) { fail(error); }
  };
  accept.onclick = () => post({ row: row.key, action: 'accept' }).then(done, fail);
  exclude.onclick = () => post({ row: row.key, action: row.excluded ? 'restore' : 'not-indicator' }).then(done, fail);
  if (focus) editor.querySelector('input')?.focus();
}

for (const line of lines) {
  line.addEventListener('click', () => select(line, false));
  line.addEventListener('keydown', (event) => {
    const at = lines.indexOf(line);
    if (event.key === 'ArrowDown') { event.preventDefault(); select(lines[at + 1]); }
    if (event.key === 'ArrowUp') { event.preventDefault(); select(lines[at - 1]); }
    if (event.key === 'Enter') { event.preventDefault(); const entry = rowsByKey.get(line.dataset.key); if (entry) openEditor(entry, true); }
  });
}
for (const link of document.querySelectorAll('.to-review-list a[data-key]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    select(document.getElementById(`row-${link.dataset.key}`));
  });
}
if (lines.length) {
  const fromHash = location.hash.startsWith('#row-') ? document.getElementById(location.hash.slice(1)) : null;
  select(fromHash ?? document.querySelector('tr.to-review[data-key]') ?? lines[0], false);
}
