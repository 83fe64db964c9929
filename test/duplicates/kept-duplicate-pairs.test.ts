// Duplicate payment risk "now" from a kept generation of pairs (server/duplicates/): the
// answer after changes since the generation must be the one recomputed from the events, and
// it must come from the generation (the statements read duplicate_pairs) while one with the
// same settings exists. "Now" is pinned to Tue 2026-11-10 12:00Z; default settings (window
// 30 days, distance 2). DE01, EUR, received 09:00Z by ap/coupa-eu.
//
// Kept (before the generation is built):
//   SUP-1 1,250.00  INV-A 'INV-0042' 1 Nov, INV-B 'inv 42' 3 Nov           pair A–B
//   SUP-2   300.00  INV-G 'G-77' 2 Nov, alone
//   SUP-3    90.00  INV-H 'H-1' 2 Nov, INV-I 'H1' 4 Nov                    pair H–I
//   → EUR 2 pairs, 1,340.00, both before payment.
// Arriving after it:
//   INV-J SUP-2 300.00 'G77' 5 Nov: joins INV-G, alone when the generation was built → pair G–J
//   INV-I received again 6 Nov as 95.00: leaves the 90.00 group → H–I gone
//   PAY-B (released 9 Nov) names INV-B → A–B paid
//   INV-K SUP-1 1,250.00 'INV-42' dated 10 Nov 13:00Z, after now → not yet counted
//   → EUR 2 pairs, 1,550.00: A–B paid (1,250.00), G–J before payment (300.00).
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { numberedPartitions } from '../../platform/clickhouse/numbered-partitions.ts';
import { buildKeptDuplicatePairs, keptPairsDue, pairingSettings } from '../../server/duplicates/kept-duplicate-pairs.ts';
import { duplicatePaymentRisk } from '../../server/metrics/duplicate-payment-risk.ts';
import { loadFinanceSettings, type FinanceSettings } from '../../server/settings/finance-settings.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';
import { recordedStatements } from '../support/recorded-statements.ts';

let ingest: TestIngest;
let settings: FinanceSettings;
const noon = '2026-11-10T12:00:00Z';

type Data = Record<string, string>;
const ev = (source: string, id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source, type, time, subject: data.document_id, data: { entity: 'DE01', currency: 'EUR', ...data },
});
const received = (id: string, supplier: string, amount: string, reference: string, time: string) =>
  ev('ap/coupa-eu', `${id}.received.${time}`, 'finance.invoice.received', time, {
    document_type: 'supplier_invoice', document_id: id, counterparty_id: `SUP-${supplier}`, counterparty_name: `Supplier ${supplier}`, amount, reference,
  });

const kept = [
  received('INV-A', '1', '1250.00', 'INV-0042', '2026-11-01T09:00:00Z'),
  received('INV-B', '1', '1250.00', 'inv 42', '2026-11-03T09:00:00Z'),
  received('INV-G', '2', '300.00', 'G-77', '2026-11-02T09:00:00Z'),
  received('INV-H', '3', '90.00', 'H-1', '2026-11-02T09:00:00Z'),
  received('INV-I', '3', '90.00', 'H1', '2026-11-04T09:00:00Z'),
];
const later = [
  received('INV-J', '2', '300.00', 'G77', '2026-11-05T09:00:00Z'),
  received('INV-I', '3', '95.00', 'H1', '2026-11-06T09:00:00Z'),
  ev('treasury/kyriba', 'PAY-B.released', 'finance.payment.released', '2026-11-09T09:00:00Z',
    { document_type: 'payment', document_id: 'PAY-B', correlation_id: 'INV-B', amount: '1250.00', counterparty_id: 'SUP-1' }),
  received('INV-K', '1', '1250.00', 'INV-42', '2026-11-10T13:00:00Z'),
];

beforeAll(async () => {
  ingest = await startTestIngest();
  settings = await loadFinanceSettings(ingest.postgres.db);
  await ingest.post(kept);
  await ingest.drained();
});
afterAll(() => ingest?.close());
afterEach(() => vi.restoreAllMocks());

/** The answer now at noon, after checking it equals the one recomputed from the events; and what it read. */
async function nowAtNoon(s: FinanceSettings = settings) {
  vi.spyOn(Date, 'now').mockReturnValue(Date.parse(noon));
  const { ch, statements } = recordedStatements(ingest.clickhouse.ch);
  const now = await duplicatePaymentRisk(ch, s, { limit: 50, offset: 0 });
  const fromEvents = await duplicatePaymentRisk(ingest.clickhouse.ch, s, { limit: 50, offset: 0, asOf: noon });
  for (const part of ['totals', 'byEntity', 'byStatus', 'documents', 'reporting'] as const) expect(now[part]).toEqual(fromEvents[part]);
  const fromKept = statements.some((q) => /FROM duplicate_pairs\b/.test(q));
  return { result: now, fromKept };
}

const pairs = (r: Awaited<ReturnType<typeof duplicatePaymentRisk>>) =>
  r.documents.rows.map((x) => `${x.invoice_a}–${x.invoice_b} ${x.status}`);

it('answers from the kept generation what the events say, and pairs again only what changed since', async () => {
  const before = await nowAtNoon();
  expect(before.fromKept).toBe(false); // no generation yet
  expect(before.result.totals).toEqual([{ currency: 'EUR', pairs: '2', amount: '1340' }]);

  expect(await keptPairsDue(ingest.clickhouse.ch, pairingSettings(settings))).toBe(true);
  const built = await buildKeptDuplicatePairs(ingest.clickhouse.ch, pairingSettings(settings), { marginMs: 0 });
  expect([built.captures, built.pairs]).toEqual([5, 2]);
  expect(await keptPairsDue(ingest.clickhouse.ch, pairingSettings(settings))).toBe(false);
  const unchanged = await nowAtNoon();
  expect(unchanged.fromKept).toBe(true);
  expect(unchanged.result.totals).toEqual(before.result.totals);

  await ingest.post(later);
  await ingest.drained();
  expect(await keptPairsDue(ingest.clickhouse.ch, pairingSettings(settings))).toBe(true);
  const after = await nowAtNoon();
  expect(after.fromKept).toBe(true);
  expect(after.result.totals).toEqual([{ currency: 'EUR', pairs: '2', amount: '1550' }]);
  expect(after.result.byStatus).toEqual([
    { status: 'before_payment', currency: 'EUR', pairs: '1', amount: '300' },
    { status: 'paid', currency: 'EUR', pairs: '1', amount: '1250' },
  ]);
  expect(pairs(after.result)).toEqual(['INV-G–INV-J before_payment', 'INV-A–INV-B paid']);

  // a new generation holds the changes; the previous one is dropped once no read can use it
  const next = await buildKeptDuplicatePairs(ingest.clickhouse.ch, pairingSettings(settings), { marginMs: 0, keepMs: 0 });
  // A–B, G–J, and A–K, B–K: INV-K is kept as stored (a read before 13:00Z leaves it out)
  expect(next.pairs).toBe(4);
  expect(await numberedPartitions(ingest.clickhouse.ch, 'duplicate_pairs')).toEqual([next.generation]);
  const rebuilt = await nowAtNoon();
  expect(rebuilt.fromKept).toBe(true);
  expect(rebuilt.result.totals).toEqual(after.result.totals);
});

it('recomputes everything under settings the generation was not built with', async () => {
  const narrow: FinanceSettings = {
    ...settings,
    matching: Object.fromEntries(Object.entries(settings.matching).map(([entity, m]) => [entity, { ...m, duplicateWindowDays: 1 }])),
  };
  const { result, fromKept } = await nowAtNoon(narrow);
  expect(fromKept).toBe(false);
  // 1 day: A–B (2 days apart) and G–J (3 days) are no longer pairs
  expect(result.totals).toEqual([]);
});
