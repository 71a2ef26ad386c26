// Prometheus metrics of the extractions this process ran (a worker, or the server's own workers).
// Each process counts its own; Prometheus adds them up across machines. The document counts by
// state come from the store, so the server adds those at scrape time (src/server/metrics.ts).
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class QueueMetrics {
  readonly registry = new Registry();
  readonly extractionSeconds = new Histogram({
    name: 'zhibiao_extraction_seconds',
    help: 'Time to extract one document in its worker thread (reading the bytes from the store excluded)',
    labelNames: ['outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  readonly pages = new Counter({
    name: 'zhibiao_pages_total',
    help: 'PDF pages of the documents extracted',
    registers: [this.registry],
  });

  readonly failures = new Counter({
    name: 'zhibiao_extraction_failures_total',
    help: 'Extractions that failed, by error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'zhibiao_' });
  }

  /** One extraction's outcome. */
  observe(seconds: number, outcome: { status: 'ok'; pages: number } | { status: 'failed'; code: string }): void {
    this.extractionSeconds.observe({ outcome: outcome.status }, seconds);
    if (outcome.status === 'ok') this.pages.inc(outcome.pages);
    else this.failures.inc({ code: outcome.code });
  }
}
