// The server's background matcher: matches appear in payment_matches without anyone asking
// for the metric.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../platform/logging/logger.ts';
import { startPaymentMatcherLoop } from '../../server/matching/payment-matcher-loop.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
beforeAll(async () => {
  ingest = await startTestIngest();
});
afterAll(() => ingest?.close());

const event = (id: string, type: string, time: string, data: Record<string, string>) => ({
  specversion: '1.0', id, source: 'test/matcher', type, time, data: { entity: 'DE01', currency: 'EUR', ...data },
});

async function matches(): Promise<{ bank_entry_id: string; document_id: string; rule: string }[]> {
  const result = await ingest.clickhouse.ch.query({
    query: 'SELECT bank_entry_id, document_id, rule FROM payment_matches FINAL WHERE within_tolerance = 1 ORDER BY bank_entry_id',
    format: 'JSONEachRow',
  });
  return result.json();
}

it('matches a payment and its bank entry in the background', async () => {
  await ingest.post([
    event('p1', 'finance.payment.sent', '2026-11-02T09:00:00Z', { document_type: 'payment', document_id: 'PAY-1', amount: '125.50', end_to_end_id: 'E2E-LOOP-1', counterparty_name: 'Loop AG' }),
    event('b1', 'finance.bank_entry.booked', '2026-11-03T20:00:00Z', { document_type: 'bank_entry', document_id: 'BE-1', amount: '125.50', credit_debit: 'DBIT', value_date: '2026-11-03', account: 'DE89370400440532013000', end_to_end_id: 'E2E-LOOP-1' }),
  ]);
  await ingest.drained();
  expect(await matches()).toEqual([]);
  const loop = startPaymentMatcherLoop({ ch: ingest.clickhouse.ch, db: ingest.postgres.db, log: createLogger('matcher-test', 'silent') }, 100);
  try {
    await expect.poll(matches, { timeout: 15_000, interval: 200 }).toEqual([{ bank_entry_id: 'BE-1', document_id: 'PAY-1', rule: 'exact_reference' }]);
  } finally {
    await loop.stop();
  }
});
