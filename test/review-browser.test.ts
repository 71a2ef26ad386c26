// The review pages in a real browser (Debian's chromium through playwright-core; nothing is
// downloaded): the list, a PDF's page drawn by pdf.js with the row's bbox on it, an XLSX's grid
// around the row, a correction entered in the page and seen in GET /v1/documents/{id} and in the
// export, and a document whose cell holds markup showing it as text without running it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../src/server/serve.ts';
import { parseTokens } from '../src/server/auth.ts';
import { TOKEN, TOKENS, client, type Client } from './api-fixture.ts';
import { CHROMIUM, HAS_CHROMIUM, HOSTILE_NAME, PDF_SAMPLE, hostileWorkbook } from './review-fixture.ts';

if (!HAS_CHROMIUM) console.warn(`review-browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`);

let out: string;
let server: RunningServer;
let api: Client;
let browser: Browser;
let page: Page;
let pdfId: string;
let xlsxId: string;

async function upload(bytes: Uint8Array, name: string): Promise<string> {
  const response = await api.upload(bytes, name);
  expect(response.status).toBe(202);
  const { id } = (await response.json()) as { id: string };
  const settled = await api.settle(id, 120_000);
  expect(settled.status).toBe('done');
  return id;
}

const rowsOf = (body: Record<string, unknown>) => ((body.result as { tables: { indicators: Record<string, unknown>[] }[] }).tables[0].indicators);

describe.skipIf(!HAS_CHROMIUM)('review pages in chromium', () => {
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'zhibiao-review-'));
    server = await startServer({ port: 0, host: '127.0.0.1', out, workers: true, concurrency: 1, timeoutMs: 120_000, maxHeapMb: 768, tokens: parseTokens(TOKENS) });
    api = client(server.url);
    pdfId = await upload(readFileSync(PDF_SAMPLE), 'self-evaluation.pdf');
    xlsxId = await upload(hostileWorkbook(), 'hostile.xlsx');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('dialog', (dialog) => { throw new Error(`a dialog opened: ${dialog.message()}`); });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('lists the documents with their rows to review, under a strict CSP, and needs the token', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(401);
    const response = await page.goto(`${server.url}/?token=${TOKEN}`);
    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    await expect.poll(() => page.locator('table.documents tbody tr').count(), { timeout: 30_000 }).toBe(2);
    const hostile = page.locator(`tr[data-id="${xlsxId}"]`);
    expect(await hostile.getAttribute('class')).toContain('needs-review');
    expect((await hostile.locator('td').nth(5).textContent())?.trim()).toBe('2');
    expect((await page.locator(`tr[data-id="${pdfId}"] td`).nth(5).textContent())?.trim()).toBe('0');
    await page.getByLabel('只看待审核').check();
    await page.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => page.locator('table.documents tbody tr').count(), { timeout: 30_000 }).toBe(1);
  });

  it('shows the markup in a cell as text and runs nothing; its doubtful rows come first', async () => {
    await page.goto(`${server.url}/review/${xlsxId}?token=${TOKEN}`);
    await expect.poll(() => page.locator('tr.to-review').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.locator('.to-review-list li').count()).toBe(2);
    const cell = page.locator('tr.to-review td[data-field="level3"]').first();
    expect(await cell.textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Selecting it shows the grid around its sheet row, the row highlighted.
    await page.locator('tr.to-review').first().click();
    const hit = page.locator('#grid-hit');
    await expect.poll(() => hit.count(), { timeout: 30_000 }).toBe(1);
    expect(await hit.locator('th').textContent()).toBe('11');
    expect(await hit.textContent()).toContain(HOSTILE_NAME);
    expect(await page.locator('.source-caption').textContent()).toContain('第 11 行');
  });

  it('a value corrected in the page is stored with who and when, and is what the API and the export give', async () => {
    await page.goto(`${server.url}/review/${xlsxId}?token=${TOKEN}`);
    const row = page.locator('tr.to-review').first();
    await row.focus();
    await row.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 30_000 }).toBe('edit-level1');
    expect(await page.locator('#edit-value').inputValue()).toBe('120');
    await page.locator('#edit-value').fill('125');
    await Promise.all([page.waitForEvent('load'), page.locator('#save').click()]);
    await expect.poll(() => page.locator('tr.corrected').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('tr.corrected td[data-field="value"]').textContent()).toBe('125');
    expect(await page.locator('.corrections li').first().textContent()).toContain('alice');

    const body = await (await api.get(`/v1/documents/${xlsxId}`)).json() as Record<string, unknown>;
    const fixed = rowsOf(body)[0];
    expect(fixed).toMatchObject({ value: '125', number: 125, corrected: true, original: { value: '120' } });
    expect((fixed.corrections as { by: string }[])[0].by).toBe('alice');
    const exported = await (await api.get('/v1/export?format=jsonl&q=%E6%97%A5%E5%B8%B8%E5%85%BB%E6%8A%A4')).text();
    const line = exported.split('\n').filter(Boolean).map((text) => JSON.parse(text) as Record<string, unknown>).find((hit) => hit.level3 === HOSTILE_NAME);
    expect(line?.value).toBe('125');

    // The other doubtful row accepted as read: nothing is left to review.
    await page.locator('tr.to-review').first().click();
    await Promise.all([page.waitForEvent('load'), page.locator('#accept').click()]);
    await expect.poll(() => page.locator('tr.to-review').count(), { timeout: 30_000 }).toBe(0);
    const accepted = rowsOf(await (await api.get(`/v1/documents/${xlsxId}`)).json() as Record<string, unknown>)[1];
    expect(accepted.accepted).toMatchObject({ by: 'alice' });
  });

  it('draws the PDF page in the browser with the selected row\'s bbox on it', async () => {
    await page.goto(`${server.url}/review/${pdfId}?token=${TOKEN}`);
    expect(await page.locator('.done').textContent()).toContain('没有待审核的行');
    const rows = page.locator('tr[data-key]');
    expect(await rows.count()).toBe(9);
    await rows.nth(2).click();
    await page.locator('.page-frame[data-rendered="true"]').waitFor({ timeout: 60_000 });
    const inked = await page.locator('#page-canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(2000);
    const result = (await (await api.get(`/v1/documents/${pdfId}`)).json() as { result: { tables: { indicators: { source: { bbox: number[] } }[] }[] } }).result;
    const bbox = result.tables[0].indicators[2].source.bbox;
    const scale = Number(await page.locator('#highlight').getAttribute('data-scale'));
    const canvasBox = (await page.locator('#page-canvas').boundingBox())!;
    const box = (await page.locator('#highlight').boundingBox())!;
    expect(Math.abs(box.x - canvasBox.x - bbox[0] * scale)).toBeLessThan(3);
    expect(Math.abs(box.y - canvasBox.y - bbox[1] * scale)).toBeLessThan(3);
    expect(Math.abs(box.width - (bbox[2] - bbox[0]) * scale)).toBeLessThan(3);
    expect(Math.abs(box.height - (bbox[3] - bbox[1]) * scale)).toBeLessThan(3);
    // ↓ selects the next row and moves the highlight down the page.
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await page.locator('#highlight').boundingBox())?.y ?? 0, { timeout: 30_000 }).toBeGreaterThan(box.y);
  });
});
