// The three commands of a review: `extract DIR --out OUT` (writes report.html: the review list,
// static, read-only), `serve --out OUT` (lists the extracted documents and takes corrections), and
// a later `extract --out OUT` whose per-file JSON, indicators.jsonl and report.html carry them.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './batch-fixture.ts';
import { startServer } from '../src/server/serve.ts';
import { parseTokens } from '../src/server/auth.ts';
import { TOKEN, TOKENS } from './api-fixture.ts';
import { CHROMIUM, HAS_CHROMIUM, HOSTILE_NAME, PDF_SAMPLE, hostileWorkbook } from './review-fixture.ts';

let dir: string;
let input: string;
let out: string;

const toReviewRows = (htmlText: string) => (htmlText.match(/<tr class="to-review[^"]*" id="row-/gu) ?? []).length;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-review-report-'));
  input = join(dir, 'notices');
  out = join(dir, 'out');
  mkdirSync(input);
  copyFileSync(PDF_SAMPLE, join(input, 'self-evaluation.pdf'));
  writeFileSync(join(input, 'hostile.xlsx'), hostileWorkbook());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('extract → serve → extract again', () => {
  it('extract --out writes report.html with the doubtful rows marked and the markup escaped', async () => {
    const run = await runCli(['extract', input, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(toReviewRows(report)).toBe(2);
    expect(report).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;日常养护农村公路里程');
    expect(report).not.toContain('<img');
    expect(report).not.toMatch(/<script(?! type="application\/json")/u);
    expect(report).toContain('self-evaluation.pdf');
  }, 180_000);

  it.skipIf(!HAS_CHROMIUM)('report.html opens from the folder in chromium and runs nothing', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      expect(await page.locator('table.documents tbody tr').count()).toBe(2);
      expect(await page.locator('tr.to-review td[data-field="level3"]').first().textContent()).toBe(HOSTILE_NAME);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('serve --out lists the extracted documents and stores a correction; the next extract carries it', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', out, workers: true, concurrency: 1, timeoutMs: 60_000, maxHeapMb: 512, tokens: parseTokens(TOKENS) });
    try {
      const list = await (await fetch(`${server.url}/?token=${TOKEN}`)).text();
      const ids = [...list.matchAll(/href="\/review\/([0-9a-f]{32})\?token=/gu)].map((match) => match[1]);
      expect(ids).toHaveLength(2);
      const pages = await Promise.all(ids.map(async (id) => [id, await (await fetch(`${server.url}/review/${id}?token=${TOKEN}`)).text()] as const));
      const [hostileId] = pages.find(([, text]) => text.includes('hostile.xlsx'))!;
      const [pdfId] = pages.find(([, text]) => text.includes('self-evaluation.pdf'))!;
      const file = await fetch(`${server.url}/v1/documents/${pdfId}/file`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(readFileSync(PDF_SAMPLE))).toBe(true);
      const posted = await fetch(`${server.url}/v1/documents/${hostileId}/corrections`, {
        method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ row: '0:0', action: 'edit', field: 'value', after: '125' }),
      });
      expect(posted.status, await posted.clone().text()).toBe(201);
      expect(((await posted.json()) as { correction: { by: string; before: string } }).correction).toMatchObject({ by: 'alice', before: '120' });
      const bad = await fetch(`${server.url}/v1/documents/${hostileId}/corrections`, {
        method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ row: '0:0', action: 'edit', field: 'operator', after: 'about' }),
      });
      expect(bad.status).toBe(400);
      const openapi = await (await fetch(`${server.url}/openapi.json`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as { paths: Record<string, { post?: unknown }>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
      expect(openapi.paths['/v1/documents/{id}/corrections'].post).toBeDefined();
      expect(Object.keys(openapi.components.schemas.CorrectionRequest.properties ?? {})).toEqual(['row', 'action', 'field', 'after']);
    } finally {
      await server.close();
    }

    const run = await runCli(['extract', input, '--out', out, '--force']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'hostile.xlsx.json'), 'utf8')) as { tables: { indicators: Record<string, unknown>[] }[] };
    expect(json.tables[0].indicators[0]).toMatchObject({ value: '125', corrected: true, original: { value: '120' } });
    const line = readFileSync(join(out, 'indicators.jsonl'), 'utf8').split('\n').filter(Boolean)
      .map((text) => JSON.parse(text) as Record<string, unknown>).find((row) => row.level3 === HOSTILE_NAME);
    expect(line).toMatchObject({ value: '125', corrected: true });
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('已更正');
    expect(toReviewRows(report)).toBe(1);
  }, 240_000);
});
