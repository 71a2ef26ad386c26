// `zhibiao worker`: takes jobs from the PostgreSQL queue (options: src/server/cli.ts).
import { defaultMaxMemory } from '../cli-common.ts';
import { queueKnobs, onSignals, usage } from '../server/cli.ts';

export default async function workerCommand(opts: { db: string; concurrency: number; stages?: string; timeout: number; maxMemory?: number; metricsPort?: number }): Promise<void> {
  const { parseStages, stagesWithParts } = await import('../../pipelines/queue-stages.ts');
  let stages;
  try {
    if (opts.stages !== undefined) stages = await parseStages(opts.stages);
    else {
      const found = await stagesWithParts();
      for (const [stage, why] of Object.entries(found.missing)) process.stderr.write(`zhibiao: worker: not running stage ${stage}: ${why}\n`);
      stages = found.stages;
    }
  } catch (error) {
    usage((error as Error).message);
  }
  const [{ QueueWorker }, { QueueMetrics }] = await Promise.all([import('../../pipelines/queue-worker.ts'), import('../../pipelines/queue-metrics.ts')]);
  const metrics = new QueueMetrics();
  const worker = await QueueWorker.start({
    db: opts.db, concurrency: opts.concurrency, stages, timeoutMs: opts.timeout * 1000,
    maxHeapMb: opts.maxMemory ?? defaultMaxMemory(opts.concurrency), metrics, ...queueKnobs(),
  });
  if (opts.metricsPort) {
    const { createServer } = await import('node:http');
    createServer((_request, response) => {
      void metrics.registry.metrics().then((text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text));
    }).listen(opts.metricsPort, '127.0.0.1').unref();
  }
  process.stderr.write(`zhibiao: worker ${worker.id}: stages ${stages.join(', ')}, ${opts.concurrency} thread(s), waiting for jobs\n`);
  onSignals(() => worker.stop(), 'worker');
  await worker.stopped;
}
