// Stuck documents "now" from a kept generation of SLA clocks (server/sla-clocks/): every answer
// after changes since the generation must be the one recomputed from the events, and it must
// come from the generation (a statement reads sla_clocks) while one with the same settings
// exists. "Now" is pinned to Wed 2026-10-28 14:30Z; payments released have a 4-hour SLA, GB01
// uses the default calendar (UTC, weekends), approved → 1 business day.
//
// Kept (as in stuck-through-snapshot.test.ts):
//   DE01 PAY-S2 200.00 EUR released Fri 23 Oct 08:30Z → due 12:30Z → 122 h past due.
//   DE01 PAY-S1 100.00 EUR released Mon 26 Oct 08:30Z → due 12:30Z →  50 h past due.
//   GB01 INV-S6 250.00 GBP approved Fri 23 Oct 13:00Z → due Mon 26 Oct 13:00Z → 49.5 h.
//   DE01 PAY-S3 300.00 GBP released Wed 28 Oct 09:00Z → due 13:00Z → 1.5 h.
//   DE01 PAY-S4 400.00 EUR released Wed 28 Oct 12:00Z → due 16:00Z → not yet.
//   → EUR 2 documents 300.00; GBP 2 documents 550.00.
// Arriving after it:
//   PAY-S1 settled Tue 27 Oct 09:00Z → no longer stuck.
//   PAY-S8 800.00 EUR released Tue 27 Oct 08:30Z (new) → due 12:30Z → 26 h past due.
//   PAY-S4 an older 'released' dated 26 Oct arrives late → its stage still entered 28 Oct 12:00Z.
//   → EUR 2 documents 1000.00 (S2, S8); GBP unchanged.
// With released payments given 48 hours instead: S2 (122 − 44 = 78 h) and INV-S6 only.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { numberedPartitions } from '../../platform/clickhouse/numbered-partitions.ts';
import { stuckDocuments } from '../../server/metrics/stuck-documents.ts';
import { syncBusinessCalendar } from '../../server/settings/business-calendar.ts';
import { loadFinanceSettings, type FinanceSettings } from '../../server/settings/finance-settings.ts';
import { buildKeptSlaClocks, keptSlaClocksDue } from '../../server/sla-clocks/kept-sla-clocks.ts';
import { invoiceEvent } from '../support/finance-events.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';
import { recordedStatements } from '../support/recorded-statements.ts';

let ingest: TestIngest;
let settings: FinanceSettings;
const now = '2026-10-28T14:30:00Z';

const ev = (id: string, documentId: string, type: string, time: string, data: Record<string, unknown> = {}, entity = 'DE01') =>
  invoiceEvent({ id, type, time, data: { entity, document_id: documentId, ...data } });
const pay = (id: string, documentId: string, type: string, time: string, amount: string, data: Record<string, unknown> = {}) =>
  ev(id, documentId, `finance.payment.${type}`, time, { document_type: 'payment', amount, ...data });

beforeAll(async () => {
  ingest = await startTestIngest();
  settings = await loadFinanceSettings(ingest.postgres.db);
  await syncBusinessCalendar(ingest.clickhouse.ch, settings, new Date('2026-10-01T00:00:00Z'));
  await ingest.post([
    pay('n2', 'PAY-S2', 'released', '2026-10-23T08:30:00Z', '200.00'),
    pay('n1', 'PAY-S1', 'released', '2026-10-26T08:30:00Z', '100.00'),
    ev('n6', 'INV-S6', 'finance.invoice.approved', '2026-10-23T13:00:00Z', { amount: '250.00', currency: 'GBP' }, 'GB01'),
    pay('n3', 'PAY-S3', 'released', '2026-10-28T09:00:00Z', '300.00', { currency: 'GBP' }),
    pay('n4', 'PAY-S4', 'released', '2026-10-28T12:00:00Z', '400.00'),
  ]);
  await ingest.drained();
});
afterAll(() => ingest?.close());
afterEach(() => vi.restoreAllMocks());

type Input = Parameters<typeof stuckDocuments>[2];

/** The answer now, after checking it equals the one recomputed from the events; and whether it read the kept clocks. */
async function stuckNow(input: Partial<Input> = {}, s: FinanceSettings = settings) {
  vi.spyOn(Date, 'now').mockReturnValue(Date.parse(now));
  const { ch, statements } = recordedStatements(ingest.clickhouse.ch);
  const result = await stuckDocuments(ch, s, { limit: 50, offset: 0, ...input });
  const fromEvents = await stuckDocuments(ingest.clickhouse.ch, s, { limit: 50, offset: 0, ...input, asOf: now });
  for (const part of ['totals', 'byStage', 'byLateness', 'documents', 'reporting'] as const) expect(result[part]).toEqual(fromEvents[part]);
  return { result, fromKept: statements.some((q) => /FROM sla_clocks\b/.test(q)) };
}

const rows = (r: Awaited<ReturnType<typeof stuckDocuments>>) => r.documents.rows.map((x) => [x.document_id, x.amount, x.currency, x.hours_past_due]);

it('answers from the kept clocks what the events say, reading afresh only the documents changed since', async () => {
  expect((await stuckNow()).fromKept).toBe(false); // no generation yet
  expect(await keptSlaClocksDue(ingest.clickhouse.ch, settings)).toBe(true);
  const built = await buildKeptSlaClocks(ingest.clickhouse.ch, settings, { marginMs: 0 });
  expect(built.documents).toBe(5); // every document in a stage with a policy, due or not
  expect(await keptSlaClocksDue(ingest.clickhouse.ch, settings)).toBe(false);

  const kept = await stuckNow();
  expect(kept.fromKept).toBe(true);
  expect(kept.result.totals).toEqual([
    { currency: 'EUR', documents: '2', amount: '300' },
    { currency: 'GBP', documents: '2', amount: '550' },
  ]);
  expect(rows(kept.result)).toEqual([
    ['PAY-S2', '200', 'EUR', '122'],
    ['PAY-S1', '100', 'EUR', '50'],
    ['INV-S6', '250', 'GBP', '49.5'],
    ['PAY-S3', '300', 'GBP', '1.5'],
  ]);

  await ingest.post([
    pay('n1s', 'PAY-S1', 'settled', '2026-10-27T09:00:00Z', '100.00'),
    pay('n8', 'PAY-S8', 'released', '2026-10-27T08:30:00Z', '800.00'),
    pay('n4old', 'PAY-S4', 'released', '2026-10-26T08:00:00Z', '400.00'),
  ]);
  await ingest.drained();
  expect(await keptSlaClocksDue(ingest.clickhouse.ch, settings)).toBe(true);
  const changed = await stuckNow();
  expect(changed.fromKept).toBe(true);
  expect(changed.result.totals).toEqual([
    { currency: 'EUR', documents: '2', amount: '1000' },
    { currency: 'GBP', documents: '2', amount: '550' },
  ]);
  expect(rows(changed.result)).toEqual([
    ['PAY-S2', '200', 'EUR', '122'],
    ['INV-S6', '250', 'GBP', '49.5'],
    ['PAY-S8', '800', 'EUR', '26'],
    ['PAY-S3', '300', 'GBP', '1.5'],
  ]);

  // filters, a chosen order and paging through the kept path, as the events
  expect((await stuckNow({ currencies: ['GBP'] })).result.totals).toEqual([{ currency: 'GBP', documents: '2', amount: '550' }]);
  expect(rows((await stuckNow({ entities: ['GB01'] })).result)).toEqual([['INV-S6', '250', 'GBP', '49.5']]);
  expect(rows((await stuckNow({ documentTypes: ['supplier_invoice'] })).result)).toEqual([['INV-S6', '250', 'GBP', '49.5']]);
  expect((await stuckNow({ limit: 2, offset: 1, orderBy: 'amount', direction: 'desc' })).result.documents.rows.map((r) => r.document_id))
    .toEqual(['PAY-S3', 'INV-S6']);
  for (const hostile of ["x' OR 1=1 --", "'); DROP TABLE sla_clocks; --"]) {
    const { result, fromKept } = await stuckNow({ counterparty: hostile, sourceSystem: hostile });
    expect(fromKept).toBe(true);
    expect(result.totals).toEqual([]);
  }

  // a new generation holds the changes; the previous one is dropped once no read can use it
  const next = await buildKeptSlaClocks(ingest.clickhouse.ch, settings, { marginMs: 0, keepMs: 0 });
  expect(next.documents).toBe(5); // S1 left (settled), S8 came
  expect(await numberedPartitions(ingest.clickhouse.ch, 'sla_clocks')).toEqual([next.generation]);
  const rebuilt = await stuckNow();
  expect(rebuilt.fromKept).toBe(true);
  expect(rebuilt.result.documents).toEqual(changed.result.documents);
});

it('recomputes everything under SLA settings the generation was not computed with', async () => {
  const longer: FinanceSettings = {
    ...settings,
    slaPolicies: settings.slaPolicies.map((x) => (x.documentType === 'payment' && x.stage === 'finance.payment.released' ? { ...x, amount: 48 } : x)),
  };
  const { result, fromKept } = await stuckNow({}, longer);
  expect(fromKept).toBe(false);
  expect(rows(result)).toEqual([
    ['PAY-S2', '200', 'EUR', '78'],
    ['INV-S6', '250', 'GBP', '49.5'],
  ]);
});
