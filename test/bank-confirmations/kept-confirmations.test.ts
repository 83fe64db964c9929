// Delayed bank confirmations "now" from a kept generation of watched payments
// (server/bank-confirmations/): every answer must be the one recomputed from the events, and it
// must come from the generation (a statement reads watched_confirmations) once one exists.
// "Now" is pinned to Tue 2026-11-10 12:00Z; default SLA 24 h. The ledger is
// delayed-confirmations-now.test.ts's:
//
//  DE01 PAY-N1 200.00 EUR sent Mon 9 Nov 06:00Z, bank "Deutsche Bank", no status → awaiting.
//  DE01 PAY-N2 300.00 EUR sent 9 Nov 06:00Z; rejected AC01 dated 10 Nov 13:00Z (after now)
//       → at 12:00Z still awaiting, bank not known yet ('').
//  DE01 PAY-N3  50.00 EUR sent 10 Nov 08:00Z → due 11 Nov 08:00Z → not yet.
//  DE01 PAY-N4  75.00 EUR sent 5 Nov, returned MS02 by bank/db-de 9 Nov 10:00Z → returned.
//  DE01 PAY-N5 120.00 EUR sent 8 Nov 09:00Z; sent again as 130.00 dated 10 Nov 14:00Z (after now)
//       → at 12:00Z: awaiting 120.00.
// Kept: all five (each needs attention now or will once its SLA passes).
// At 12:00Z: awaiting EUR 3 payments 620.00 (N1, N2, N5); returned EUR 1 payment 75.00.
// At 15:00Z: N2 rejected AC01 300.00; N5 re-sent 14:00Z → not yet due; awaiting N1 200.00.
// Arriving after the generation:
//   PAY-N1 acknowledged by bank/db-de 10 Nov 11:00Z → no longer awaiting.
//   PAY-N6 400.00 EUR sent 9 Nov 07:00Z (new) → awaiting, due 10 Nov 07:00Z.
//   → at 12:00Z: awaiting EUR 3 payments 820.00 (N5, N2, N6 by due time); returned 75.00.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { buildKeptConfirmations, keptConfirmationsDue } from '../../server/bank-confirmations/kept-confirmations.ts';
import { delayedConfirmations } from '../../server/metrics/delayed-confirmations.ts';
import { loadFinanceSettings, type FinanceSettings } from '../../server/settings/finance-settings.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';
import { recordedStatements } from '../support/recorded-statements.ts';

let ingest: TestIngest;
let settings: FinanceSettings;
const noon = '2026-11-10T12:00:00Z';
const afternoon = '2026-11-10T15:00:00Z';

type Data = Record<string, string>;
const paymentEvent = (source: string, id: string, stage: string, time: string, amount: string, extra: Data = {}) => ({
  specversion: '1.0', id: `${id}.${stage}.${time}`, source, type: `finance.payment.${stage}`, time, subject: id,
  data: { entity: 'DE01', currency: 'EUR', document_type: 'payment', document_id: id, amount, counterparty_id: 'SUP-9', counterparty_name: 'Schäfer KG', ...extra },
});
const sent = (id: string, time: string, amount: string, extra: Data = {}) => paymentEvent('treasury/kyriba', id, 'sent', time, amount, extra);
const bank = (id: string, stage: string, time: string, amount: string, extra: Data = {}) => paymentEvent('bank/db-de', id, stage, time, amount, extra);

const ledger = [
  sent('PAY-N1', '2026-11-09T06:00:00Z', '200.00', { bank: 'Deutsche Bank' }),
  sent('PAY-N2', '2026-11-09T06:00:00Z', '300.00'),
  bank('PAY-N2', 'rejected', '2026-11-10T13:00:00Z', '300.00', { reason_code: 'AC01' }),
  sent('PAY-N3', '2026-11-10T08:00:00Z', '50.00'),
  sent('PAY-N4', '2026-11-05T09:00:00Z', '75.00'),
  bank('PAY-N4', 'returned', '2026-11-09T10:00:00Z', '75.00', { reason_code: 'MS02' }),
  sent('PAY-N5', '2026-11-08T09:00:00Z', '120.00'),
  sent('PAY-N5', '2026-11-10T14:00:00Z', '130.00'),
];

beforeAll(async () => {
  ingest = await startTestIngest();
  settings = await loadFinanceSettings(ingest.postgres.db);
  await ingest.post(ledger);
  await ingest.drained();
});
afterAll(() => ingest?.close());
afterEach(() => vi.restoreAllMocks());

/** The answer now at `moment`, after checking it equals the one recomputed from the events; and whether it read the kept payments. */
async function delayedNow(moment: string) {
  vi.spyOn(Date, 'now').mockReturnValue(Date.parse(moment));
  const { ch, statements } = recordedStatements(ingest.clickhouse.ch);
  const result = await delayedConfirmations(ch, settings, { limit: 50, offset: 0 });
  const fromEvents = await delayedConfirmations(ingest.clickhouse.ch, settings, { limit: 50, offset: 0, asOf: moment });
  for (const part of ['totals', 'byEntityBank', 'byReason', 'documents', 'reporting'] as const) expect(result[part]).toEqual(fromEvents[part]);
  return { result, fromKept: statements.some((q) => /FROM watched_confirmations\b/.test(q)) };
}

const rows = (r: Awaited<ReturnType<typeof delayedConfirmations>>) => r.documents.rows.map((x) => `${x.status} ${x.document_id} ${x.amount}`);

it('answers from the kept payments what the events say, reading afresh the changed ones and those with later events', async () => {
  expect((await delayedNow(noon)).fromKept).toBe(false); // no generation yet
  expect(await keptConfirmationsDue(ingest.clickhouse.ch)).toBe(true);
  const built = await buildKeptConfirmations(ingest.clickhouse.ch, { marginMs: 0 });
  expect(built.payments).toBe(5);
  expect(await keptConfirmationsDue(ingest.clickhouse.ch)).toBe(false);

  const atNoon = await delayedNow(noon);
  expect(atNoon.fromKept).toBe(true);
  expect(atNoon.result.totals).toEqual([{ currency: 'EUR', payments: '3', amount: '620' }]);
  expect(rows(atNoon.result)).toEqual([
    'awaiting_bank_status PAY-N5 120', 'awaiting_bank_status PAY-N1 200', 'awaiting_bank_status PAY-N2 300', 'returned PAY-N4 75',
  ]);
  const atAfternoon = await delayedNow(afternoon);
  expect(atAfternoon.fromKept).toBe(true);
  expect(atAfternoon.result.totals).toEqual([{ currency: 'EUR', payments: '1', amount: '200' }]);
  expect(atAfternoon.result.byReason.map((r) => `${r.status} ${r.reason_code} ${r.amount}`)).toEqual(['rejected AC01 300', 'returned MS02 75']);

  await ingest.post([
    bank('PAY-N1', 'acknowledged', '2026-11-10T11:00:00Z', '200.00'),
    sent('PAY-N6', '2026-11-09T07:00:00Z', '400.00'),
  ]);
  await ingest.drained();
  expect(await keptConfirmationsDue(ingest.clickhouse.ch)).toBe(true);
  const changed = await delayedNow(noon);
  expect(changed.fromKept).toBe(true);
  expect(changed.result.totals).toEqual([{ currency: 'EUR', payments: '3', amount: '820' }]);
  expect(rows(changed.result)).toEqual([
    'awaiting_bank_status PAY-N5 120', 'awaiting_bank_status PAY-N2 300', 'awaiting_bank_status PAY-N6 400', 'returned PAY-N4 75',
  ]);

  // a new generation holds the changes (N1 acknowledged is no longer watched, N6 is) and answers the same
  const next = await buildKeptConfirmations(ingest.clickhouse.ch, { marginMs: 0, keepMs: 0 });
  expect(next.payments).toBe(5);
  const rebuilt = await delayedNow(noon);
  expect(rebuilt.fromKept).toBe(true);
  expect(rebuilt.result.documents).toEqual(changed.result.documents);
});
