// The state tables move to fine granules (0010_state_snapshots) on a database that already
// holds data: every document keeps its merged state, the materialized views keep feeding the
// new tables, and rows from before the move count as older than any snapshot.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateClickHouse } from '../../platform/clickhouse/schema/migrate-clickhouse.ts';
import { chSql, queryRows } from '../../platform/clickhouse/sql-template.ts';
import { freshClickHouse, type FreshClickHouse } from '../support/clickhouse.ts';

let store: FreshClickHouse;
beforeAll(async () => {
  store = await freshClickHouse({ migrated: false });
});
afterAll(() => store?.close());

const event = (id: string, documentId: string, type: string, time: string, amount: string | null, extra: Record<string, string> = {}) => ({
  source: 'erp/test', id, type, time, received_at: time, subject: documentId, entity: 'DE01', document_type: type.startsWith('finance.payment') ? 'payment' : 'supplier_invoice',
  document_id: documentId, correlation_id: '', counterparty_id: 'SUP-1', counterparty_name: 'Lieferant GmbH', amount, currency: 'EUR', reference: '', data: JSON.stringify(extra),
});

const documents = () => queryRows<Record<string, string>>(store.ch, chSql`
  SELECT document_type, document_id, argMaxMerge(stage) AS stage, toString(argMaxMerge(amount)) AS amount, toString(max(inserted_at)) AS inserted
  FROM document_state GROUP BY document_type, document_id ORDER BY document_id`);

it('keeps every document state through the move to fine granules, and feeds the new tables', async () => {
  await migrateClickHouse(store.connection, {}, { until: '0009_payment_confirmation_state' });
  await store.ch.insert({
    table: 'finance_events',
    values: [
      event('e1', 'INV-1', 'finance.invoice.received', '2026-10-01 09:00:00.000', '100.0000'),
      event('e2', 'INV-1', 'finance.invoice.approved', '2026-10-02 09:00:00.000', '100.0000'),
      event('e3', 'PAY-1', 'finance.payment.released', '2026-10-03 09:00:00.000', '100.0000', { end_to_end_id: 'E2E-1' }),
    ],
    format: 'JSONEachRow',
  });
  const applied = await migrateClickHouse(store.connection, {});
  expect(applied.applied).toContain('0010_state_snapshots');

  expect(await documents()).toEqual([
    { document_type: 'supplier_invoice', document_id: 'INV-1', stage: 'finance.invoice.approved', amount: '100', inserted: '1970-01-01 00:00:00.000' },
    { document_type: 'payment', document_id: 'PAY-1', stage: 'finance.payment.released', amount: '100', inserted: '1970-01-01 00:00:00.000' },
  ]);
  const [settlement] = await queryRows<Record<string, string>>(store.ch, chSql`
    SELECT document_id, argMaxMerge(end_to_end_id) AS e2e FROM settlement_state GROUP BY document_id`);
  expect(settlement).toEqual({ document_id: 'PAY-1', e2e: 'E2E-1' });
  const tables = await queryRows<{ name: string; granularity: string }>(store.ch, chSql`
    SELECT name, extract(engine_full, 'index_granularity = (\\d+)') AS granularity FROM system.tables
    WHERE database = currentDatabase() AND name IN ('document_state', 'settlement_state', 'payment_confirmation_state') ORDER BY name`);
  expect(tables).toEqual([
    { name: 'document_state', granularity: '256' },
    { name: 'payment_confirmation_state', granularity: '256' },
    { name: 'settlement_state', granularity: '256' },
  ]);
  const [confirmation] = await queryRows<Record<string, string>>(store.ch, chSql`
    SELECT document_id, toString(max(was_sent)) AS sent FROM payment_confirmation_state GROUP BY document_id`);
  expect(confirmation).toEqual({ document_id: 'PAY-1', sent: '0' });

  // the views write to the new tables, stamping inserted_at
  await store.ch.insert({ table: 'finance_events', values: [event('e4', 'PAY-1', 'finance.payment.sent', '2026-10-04 09:00:00.000', '100.0000')], format: 'JSONEachRow' });
  const after = await documents();
  expect(after[1]).toMatchObject({ document_id: 'PAY-1', stage: 'finance.payment.sent' });
  expect(after[1]?.inserted?.localeCompare('2026-01-01')).toBe(1);
  const [settled] = await queryRows<{ stage: string }>(store.ch, chSql`SELECT argMaxMerge(stage) AS stage FROM settlement_state WHERE document_id = 'PAY-1'`);
  expect(settled).toEqual({ stage: 'finance.payment.sent' });
});
