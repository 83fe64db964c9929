// Delayed confirmations read each payment's amount, currency and counterparty from the payment
// confirmation snapshot (0020_payment_confirmation_snapshot_money). A generation built before
// that migration has none of them, so the migration removes its registration: the answer right
// after upgrading comes from the state merged in full, and after the next base from the new
// snapshot — the same payments, amounts and counterparties either way.
//
// Stored before the upgrade (DE01, EUR, SLA 24 h by default):
//   PAY-R  1,250.40 to Nord Logistik (SUP-7), sent 2 Mar 09:00, rejected 2 Mar 15:00 (AC04)
//   PAY-W    310.00 to Ost Metall (SUP-8), sent 3 Mar 10:00, no bank status since
//   PAY-S     99.99 to Süd Papier (SUP-9), sent 3 Mar 11:00, settled 4 Mar 08:00 (not listed)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateClickHouse } from '../../platform/clickhouse/schema/migrate-clickhouse.ts';
import { delayedConfirmations } from '../../server/metrics/delayed-confirmations.ts';
import { loadFinanceSettings, type FinanceSettings } from '../../server/settings/finance-settings.ts';
import { buildStateSnapshot } from '../../server/state-snapshots/build-state-snapshot.ts';
import { freshClickHouse, type FreshClickHouse } from '../support/clickhouse.ts';
import { freshDatabase, type FreshDatabase } from '../support/postgres.ts';

let store: FreshClickHouse;
let pg: FreshDatabase;
let settings: FinanceSettings;
beforeAll(async () => {
  [store, pg] = await Promise.all([freshClickHouse({ migrated: false }), freshDatabase({ migrated: true })]);
  settings = await loadFinanceSettings(pg.db);
  await migrateClickHouse(store.connection, {}, { until: '0019_matching_candidates' });
});
afterAll(async () => {
  await store?.close();
  await pg?.close();
});

const payment = (id: string, type: string, time: string, amount: string, supplier: [string, string], data: Record<string, string> = {}) => ({
  source: type === 'finance.payment.sent' ? 'erp/sap' : 'bank/deutsche', id: `${id}-${type}`, type, time, received_at: time, subject: id,
  entity: 'DE01', document_type: 'payment', document_id: id, correlation_id: '', counterparty_id: supplier[0],
  counterparty_name: supplier[1], amount, currency: 'EUR', reference: '', data: JSON.stringify({ entity: 'DE01', ...data }),
});
const nord: [string, string] = ['SUP-7', 'Nord Logistik'];
const ost: [string, string] = ['SUP-8', 'Ost Metall'];
const sued: [string, string] = ['SUP-9', 'Süd Papier'];

const listed = async () => {
  const answer = await delayedConfirmations(store.ch, settings, { limit: 10, offset: 0 });
  return answer.documents.rows.map((r) => [r.document_id, r.status, r.amount, r.currency, r.counterparty_id, r.counterparty_name, r.reason_code]).sort();
};
const expected = [
  ['PAY-R', 'rejected', '1250.4', 'EUR', 'SUP-7', 'Nord Logistik', 'AC04'],
  ['PAY-W', 'awaiting_bank_status', '310', 'EUR', 'SUP-8', 'Ost Metall', ''],
];

it('answers from the full state right after the upgrade, and from the new snapshot after the next base', async () => {
  await store.ch.insert({
    table: 'finance_events',
    format: 'JSONEachRow',
    values: [
      payment('PAY-R', 'finance.payment.sent', '2026-03-02 09:00:00.000', '1250.40', nord),
      payment('PAY-R', 'finance.payment.rejected', '2026-03-02 15:00:00.000', '1250.40', nord, { reason_code: 'AC04' }),
      payment('PAY-W', 'finance.payment.sent', '2026-03-03 10:00:00.000', '310.00', ost),
      payment('PAY-S', 'finance.payment.sent', '2026-03-03 11:00:00.000', '99.99', sued),
      payment('PAY-S', 'finance.payment.settled', '2026-03-04 08:00:00.000', '99.99', sued),
    ],
  });
  // a generation as it was built before the upgrade: the flags only, registered
  await store.ch.command({ query: `INSERT INTO payment_confirmation_state_snapshot
    (generation, entity, document_id, was_sent, sent_at, has_bank_status, rejected, returned, refused_at, reason_code, named_bank, bank_source, last_time)
    SELECT 1, entity, document_id, max(was_sent), max(sent_at), max(has_bank_status), max(rejected), max(returned), max(refused_at),
      argMaxMerge(reason_code), argMaxMerge(named_bank), argMaxMerge(bank_source), max(last_time)
    FROM payment_confirmation_state GROUP BY entity, document_id` });
  await store.ch.insert({
    table: 'state_snapshots',
    format: 'JSONEachRow',
    values: [{ state_table: 'payment_confirmation_state', generation: 1, base_generation: 1, watermark: '2099-01-01 00:00:00.000',
      built_at: '2026-03-05 00:00:00.000', documents: 3, build_ms: 1 }],
  });

  await migrateClickHouse(store.connection, {});
  expect(await listed()).toEqual(expected);

  await buildStateSnapshot(store.ch, 'settlement_state', { kind: 'base', marginMs: 0 });
  const base = await buildStateSnapshot(store.ch, 'payment_confirmation_state', { kind: 'base', marginMs: 0 });
  expect(base.documents).toBe(3);
  expect(await listed()).toEqual(expected);
});
