// GET /metrics: the extraction metrics of this process (pipelines/queue-metrics.ts) plus, read
// from the store at scrape time, the documents by state and the failures by code of the whole
// queue (all machines).
import { Gauge } from 'prom-client';
import type { QueueMetrics } from '../../pipelines/queue-metrics.ts';
import type { DocumentStore } from '../../pipelines/queue-types.ts';

export function addStoreGauges(metrics: QueueMetrics, store: DocumentStore): void {
  let last: Promise<Awaited<ReturnType<DocumentStore['counts']>>> | null = null;
  // Both gauges are filled from one query pair per scrape.
  const counts = () => (last ??= store.counts().finally(() => { setImmediate(() => { last = null; }); }));
  new Gauge({
    name: 'zhibiao_documents',
    help: 'Documents (jobs) by state, whole queue',
    labelNames: ['state'] as const,
    registers: [metrics.registry],
    async collect() {
      const { byStatus } = await counts();
      for (const [state, n] of Object.entries(byStatus)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'zhibiao_documents_failed',
    help: 'Failed documents by error code, whole queue',
    labelNames: ['code'] as const,
    registers: [metrics.registry],
    async collect() {
      this.reset();
      const { failuresByCode } = await counts();
      for (const [code, n] of Object.entries(failuresByCode)) this.set({ code }, n);
    },
  });
}
