// The README's screenshots of the review page (docs/review-pdf.png, docs/review-xlsx.png): a
// throwaway `zhibiao serve` with the self-evaluation PDF sample and the XLSX sample with two
// doubtful rows (test/review-fixture.ts), photographed in Debian's chromium with a row selected.
// Run: npm run screenshots:review
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../src/server/serve.ts';
import { parseTokens } from '../src/server/auth.ts';
import { CHROMIUM, PDF_SAMPLE, ROOT, hostileWorkbook } from '../test/review-fixture.ts';

const TOKEN = 'screenshot-token-0123456789';
const out = mkdtempSync(join(tmpdir(), 'zhibiao-shots-'));
const server = await startServer({ port: 0, host: '127.0.0.1', out, workers: true, concurrency: 1, timeoutMs: 120_000, maxHeapMb: 768, tokens: parseTokens(`reviewer:${TOKEN}`) });
const auth = { authorization: `Bearer ${TOKEN}` };

async function upload(bytes: Uint8Array, name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const { id } = await (await fetch(`${server.url}/v1/documents`, { method: 'POST', body: form, headers: auth })).json() as { id: string };
  for (;;) {
    const { status } = await (await fetch(`${server.url}/v1/documents/${id}`, { headers: auth })).json() as { status: string };
    if (status === 'done') return id;
    if (status === 'failed') throw new Error(`${name} failed`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  const pdfId = await upload(readFileSync(PDF_SAMPLE), 'self-evaluation.pdf');
  const xlsxId = await upload(hostileWorkbook(false), 'self-evaluation-doubtful.xlsx');
  const page = await browser.newPage({ viewport: { width: 1500, height: 860 } });
  const docs = join(ROOT, 'docs');
  mkdirSync(docs, { recursive: true });

  await page.goto(`${server.url}/review/${pdfId}?token=${TOKEN}`);
  await page.locator('tr[data-key]').nth(3).click();
  await page.locator('.page-frame[data-rendered="true"]').waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(docs, 'review-pdf.png') });

  await page.goto(`${server.url}/review/${xlsxId}?token=${TOKEN}`);
  await page.locator('tr.to-review').first().click();
  await page.locator('#grid-hit').waitFor();
  await page.screenshot({ path: join(docs, 'review-xlsx.png') });
  console.log(`wrote ${join(docs, 'review-pdf.png')} and ${join(docs, 'review-xlsx.png')}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(out, { recursive: true, force: true });
}
