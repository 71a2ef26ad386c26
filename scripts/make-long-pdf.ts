// Makes bench/long-xiangfuban.pdf: the seed notice with its 13 category tables repeated
// until the PDF passes 200 pages, for the peak-memory measurement of `npm run bench`.
// Needs LibreOffice (soffice) and fonts-noto-cjk; the output is committed.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSeed } from './samples/seed.ts';
import { seedDocx } from './samples/xiangfuban.ts';
import { sofficeToPdf } from './samples/pdf.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const seed = readSeed(resolve(root, '../shared/seeds/notice-xiangfuban-2024-40.txt'));
const copies = Number(process.argv[2] ?? 30);
const categories = Array.from({ length: copies }, (_, k) => seed.categories.map((c) => ({ ...c, title: `${c.title}(${k + 1})` }))).flat();
const docx = await seedDocx({ ...seed, categories }, { repeatHeader: true });
const pdf = sofficeToPdf(docx, 'long-xiangfuban.docx');
const out = join(root, 'bench', 'long-xiangfuban.pdf');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, pdf);
console.log(`wrote ${out} (${(pdf.length / 1024).toFixed(0)} KiB, ${categories.length} tables)`);
