/**
 * Prometheus metrics for one gateway (its own registry, so tests can run several gateways
 * in one process).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'wall_gateway_' });
  return {
    registry,
    accepted: new Counter({
      name: 'wall_ingest_accepted_total',
      help: 'Feed items accepted into the log',
      labelNames: ['feed'],
      registers: [registry],
    }),
    duplicates: new Counter({
      name: 'wall_ingest_duplicates_total',
      help: 'Duplicate or older versions accepted as no-ops',
      labelNames: ['feed'],
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'wall_ingest_rejected_total',
      help: 'Feed items rejected, by feed and reason',
      labelNames: ['feed', 'reason'],
      registers: [registry],
    }),
    malformed: new Counter({
      name: 'wall_ingest_malformed_total',
      help: 'Requests or messages that could not be parsed at all',
      labelNames: ['source'],
      registers: [registry],
    }),
    masked: new Counter({
      name: 'wall_privacy_masked_total',
      help: 'Names, phone and ID numbers masked before storing, by feed and field',
      labelNames: ['feed', 'field'],
      registers: [registry],
    }),
    throttled: new Counter({
      name: 'wall_ingest_throttled_total',
      help: 'Ingest requests refused for a rate (429) or size (413) limit, by token',
      labelNames: ['token', 'reason'],
      registers: [registry],
    }),
    refused: new Counter({
      name: 'wall_ingest_refused_total',
      help: 'Feed batches refused (HTTP 507) because storage is short, by reason (low, full)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    seq: new Gauge({ name: 'wall_log_seq', help: 'Last seq in the event log', registers: [registry] }),
    clients: new Gauge({ name: 'wall_clients', help: 'Connected wall sockets', registers: [registry] }),
    batchSeconds: new Histogram({
      name: 'wall_pipeline_batch_seconds',
      help: 'Time to validate, reduce, persist and publish one batch',
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
