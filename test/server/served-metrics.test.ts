// The dashboard's server answers a repeated metric question from its latest evaluation and
// says when that was computed; new events show once the answer is refreshed. Callers without
// the server's cache (tRPC caller: tests, benchmarks) always compute.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerApp } from '../../server/http/server-app.ts';
import { createCaller } from '../../server/trpc/app-router.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { invoiceEvent } from '../support/finance-events.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
let app: ReturnType<typeof createServerApp>;
beforeAll(async () => {
  ingest = await startTestIngest();
  app = createServerApp({ ch: ingest.clickhouse.ch, db: ingest.postgres.db, log: createLogger('served-test', 'silent') });
});
afterAll(() => ingest?.close());

async function duplicates(): Promise<{ totals: { pairs: string }[]; computed_at: string }> {
  const input = encodeURIComponent(JSON.stringify({ limit: 5, offset: 0 }));
  const response = await app.request(`/trpc/metrics.duplicatePaymentRisk?input=${input}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: { data: { totals: { pairs: string }[]; computed_at: string } } }).result.data;
}

it('serves a repeated question from the latest evaluation, with computed_at', async () => {
  const first = await duplicates();
  expect(first.totals).toEqual([]);
  expect(Math.abs(Date.now() - Date.parse(first.computed_at))).toBeLessThan(60_000);
  // two captures of the same invoice under two sources: one duplicate pair
  await ingest.post([invoiceEvent({ id: 'dup-1', source: 'ap/one' }), invoiceEvent({ id: 'dup-1', source: 'ap/two' })]);
  await ingest.drained();
  const again = await duplicates();
  expect(again.computed_at).toBe(first.computed_at);
  expect(again.totals).toEqual([]);
  const caller = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
  const direct = await caller.metrics.duplicatePaymentRisk({});
  expect(direct.totals.map((t) => t.pairs)).toEqual(['1']);
  expect(Date.parse(direct.computed_at)).toBeGreaterThan(Date.parse(first.computed_at));
});
