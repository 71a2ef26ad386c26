// Debug aid: prints one PDF page as text placed on a character grid (or its raw runs).
// npx tsx scripts/icdar/dump.ts FILE.pdf PAGE [--runs]
import { readFileSync } from 'node:fs';
import { readPdf } from '../../src/readers/pdf.ts';

const args = process.argv.slice(2);
const [file, pageArg] = args.filter((a) => !a.startsWith('--'));
const pages = await readPdf(readFileSync(file), { pages: [Number(pageArg ?? 1)] });
const COL = 3.2; // points per character cell
for (const p of pages) {
  console.log(`page ${p.number} ${p.width}x${p.height} runs=${p.runs.length} rulings=${p.rulings.length}`);
  const sorted = [...p.runs].sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
  if (args.includes('--runs')) {
    for (const r of sorted) console.log(r.bbox.map((v) => v.toFixed(1).padStart(6)).join(' '), r.fontSize, JSON.stringify(r.text));
    for (const r of p.rulings) console.log('ruling', r.x0.toFixed(1), r.y0.toFixed(1), r.x1.toFixed(1), r.y1.toFixed(1));
    continue;
  }
  const lines = new Map<number, string[]>();
  for (const r of sorted) {
    const y = Math.round((r.bbox[1] + r.bbox[3]) / 2 / 4); // 4pt per text row
    const row = lines.get(y) ?? [];
    let x = Math.round(r.bbox[0] / COL);
    for (const ch of r.text) row[x++] = ch;
    lines.set(y, row);
  }
  for (const y of [...lines.keys()].sort((a, b) => a - b)) {
    const row = lines.get(y)!;
    console.log(`${String(y * 4).padStart(4)} ${Array.from(row, (c) => c ?? ' ').join('')}`);
  }
}
