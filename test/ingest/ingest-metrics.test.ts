// Ingest's own metrics land in ClickHouse and answer the integration-health query:
// accepted / rejected / duplicates per source, spool size and flush latency.
import { metrics } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestMetricReader } from '../../ingest/telemetry/ingest-metric-store.ts';
import { invoiceEvent } from '../support/finance-events.ts';
import type { TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
let provider: MeterProvider;
beforeAll(async () => {
  provider = new MeterProvider({ readers: [ingestMetricReader(200)] });
  metrics.setGlobalMeterProvider(provider);
  const { startTestIngest } = await import('../support/ingest.ts');
  ingest = await startTestIngest();
});
afterAll(async () => {
  await ingest?.close();
  await provider.shutdown();
});

it('reports records per source by outcome and ingest instance health', async () => {
  const a = invoiceEvent({ id: 'm-1', source: 'ap/coupa-eu' });
  await ingest.post([a, invoiceEvent({ id: 'm-2', source: 'ap/coupa-eu' }), invoiceEvent({ id: 'm-3', source: 'erp/sap-s4' })]);
  await ingest.post([a, invoiceEvent({ id: 'm-bad', source: 'erp/sap-s4', data: { amount: '1e3' } })]);
  await ingest.drained(); // the events are flushed, so the flush latency is recorded
  await provider.forceFlush(); // the metrics are spooled
  await ingest.drained(); // and in ClickHouse

  const { createCaller } = await import('../../server/trpc/app-router.ts');
  const { createContextInner } = await import('../../server/trpc/context.ts');
  const api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
  const health = await api.integration.ingestHealth({});
  const bySource = Object.fromEntries(health.sources.map((s) => [s.source, [s.accepted, s.rejected, s.duplicates]]));
  expect(bySource).toEqual({ 'ap/coupa-eu': ['2', '0', '1'], 'erp/sap-s4': ['1', '1', '0'] });
  expect(health.instances).toHaveLength(1);
  expect(health.instances[0]!.flush_max_ms).toBeGreaterThan(0);
});
