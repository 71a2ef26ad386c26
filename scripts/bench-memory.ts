// Child process of `npm run bench`: extracts one PDF and prints its peak RSS as JSON.
import { readFileSync } from 'node:fs';
import { extractDocument } from '../pipelines/extract-document.ts';

const file = process.argv[2];
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const start = Date.now();
const result = await extractDocument(readFileSync(file), file);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ pages: result.source.pages ?? 0, peakRssMb: Math.round(peak / 2 ** 20), seconds: (Date.now() - start) / 1000 }));
