// Close risk against a hand-worked ledger, evaluated as of Thu 2026-11-05 12:00Z. Reporting
// currency EUR. Rates: EUR/USD 2026-10-30 1.16 (1 EUR = 1.16 USD), GBP/EUR 2026-10-30 1.15;
// no JPY rate. Money converts at the rate valid on the period end (Sat 31 Oct → Fri's rates).
//
// Settings: DE01 Europe/Berlin, close 5 working days, materiality 10,000, holiday Tue 3 Nov.
//           GB01 Europe/London, close 3 working days, materiality 0 → default 10,000.
// Period: default = October (5 Nov is inside DE01's October close window).
// Deadlines: DE01: after Sat 31 Oct → Mon 2 (1), Tue 3 holiday, Wed 4 (2), Thu 5 (3), Fri 6 (4),
//   weekend, Mon 9 (5) → 2026-11-09; left as of Thu 5: Fri 6, Mon 9 = 2 → urgency 2/(2+2) = 0.5.
//   GB01: Mon 2, Tue 3, Wed 4 → 2026-11-04, passed → working days left −1, urgency 1.
//
// DE01 (all EUR unless said):
//   INV-DE-1   approved Mon 26 Oct 10:00Z, 4,000.00; SLA 1 business day → due Tue 27 10:00Z → 218 h stuck
//   INV-DE-USD approved Mon 26 Oct 10:00Z, 1,160.00 USD → 1,160 / 1.16 = 1,000.00 EUR, 218 h
//   INV-DE-NOV approved Mon 2 Nov, 9,999.00: stuck, but started after the period end → November's
//   BE-DE-1    booked CRDT 2,500.00 Thu 29 Oct 20:00Z, no match → unmatched, 160 h
//   PAY-DE-1   released/sent Fri 30 Oct 08:00/09:00Z, 1,500.00, no bank status; SLA 24 h → due
//              Sat 31 09:00Z → 123 h. Also unsettled and stuck, but counted once: delayed confirmations.
//   PAY-DE-2   released + settled 4 Nov (treasury/kyriba fresh); INV-DE-OK posted 5 Nov (ap fresh)
//   COM-DE-1   CRM promise (made 20 Oct) to pay 1,000.00 by 28 Oct, nothing received → broken
//              promise, 1,000.00, aged from 28 Oct 00:00Z = 204 h (not misaligned: 1,000 is
//              within the tolerance = materiality 10,000). crm/salesforce fresh (credit hold 5 Nov).
//   bank/deutsche-bank last event Thu 29 Oct: silent Fri 30, Mon 2, Wed 4 = 3 business days.
//   Points (cap × money/10,000 × (1 + hours/240) × 0.5):
//     delayed      20 × 0.15 × 1.5125   × 0.5 =  2.26875
//     unmatched    25 × 0.25 × 1.666667 × 0.5 =  5.208333
//     duplicates   none                        =  0
//     receivables  15 × 0.10 × 1.85     × 0.5 =  1.3875
//     stuck        30 × 0.50 × 1.908333 × 0.5 = 14.3125
//     feeds        15 × 3/2 × 0.5              = 11.25
//     Σ 34.427083 → 344 tenths; floors 22 + 52 + 0 + 13 + 143 + 112 = 342, +1 to the two largest
//     remainders (receivables .875, delayed .6875) → 2.3 + 5.2 + 0 + 1.4 + 14.3 + 11.2 = 34.4, medium.
// GB01:
//   INV-GB-1   received Mon 26 Oct 09:00Z, 8,000.00 GBP; SLA 2 business days → due Wed 28 09:00Z
//              → 195 h; 8,000 × 1.15 = 9,200.00 EUR
//   INV-GB-JPY received Mon 26 Oct 09:00Z, 100,000 JPY: no rate → stuck money null, JPY 2026-10-31 listed
//   INV-GB-D1  received Mon 26 Oct 09:00Z, 500.00 GBP, ref "INV-0042"; INV-GB-D2 received Tue 27 Oct
//              09:00Z, 500.00 GBP, ref "inv 42", same supplier → a duplicate pair (both normalise to
//              INV42). D2 counts as duplicate risk (575.00 EUR, 219 h since captured); D1 stays stuck.
//   Stuck: INV-GB-1 + INV-GB-D1 = 8,500.00 GBP → 9,775.00 EUR known, + INV-GB-JPY (no rate).
//   BE-GB-1    booked CRDT 2,000.00 GBP Fri 30 Oct 20:00Z → 136 h; 2,300.00 EUR
//   Fresh feeds (ap and bank/hsbc-uk sent on 5 Nov).
//   Points: unmatched 25 × 0.23 × 1.566667 × 1 = 9.008333; duplicates 15 × 0.0575 × 1.9125 × 1
//     = 1.649531; stuck min(30, 30 × 0.9775 × 1.8125) = 30.
//     Σ 40.657865 → 407 tenths; floors 90 + 16 + 300 = 406, +1 to duplicates (.4953) → 9.0 + 1.7 + 30.0 = 40.7.
// Period 2026-11 for DE01: deadline Dec 1,2,3,4,7 → 2026-12-07; left from Thu 5 Nov: Nov 6, 9–13,
//   16–20, 23–27, 30 (17) + Dec 1–4, 7 (5) = 22. Stuck money then includes INV-DE-NOV:
//   4,000 + 1,000 + 9,999 = 14,999.00 (USD at the 5 Nov rate date → 30 Oct rate, 6 days old).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeRiskRouterEntries } from '../../server/metrics/close-risk-router-entries.ts';
import { syncBusinessCalendar } from '../../server/settings/business-calendar.ts';
import { loadFinanceSettings } from '../../server/settings/finance-settings.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
const createCaller = createCallerFactory(router(closeRiskRouterEntries));
let api: ReturnType<typeof createCaller>;
const asOf = '2026-11-05T12:00:00Z';

type Data = Record<string, string>;
const event = (source: string, id: string, type: string, time: string, data: Data) => ({
  specversion: '1.0', id, source, type, time, subject: data.document_id ?? id, data,
});
const invoice = (entity: string, id: string, stage: string, time: string, amount: string, currency: string, extra: Data = {}) =>
  event('ap/coupa-eu', `${id}.${stage}`, `finance.invoice.${stage}`, time,
    { entity, document_type: 'supplier_invoice', document_id: id, amount, currency, counterparty_id: 'SUP-1', counterparty_name: 'Müller GmbH', ...extra });
const payment = (id: string, type: string, time: string, amount: string) =>
  event('treasury/kyriba', `${id}.${type}`, `finance.payment.${type}`, time,
    { entity: 'DE01', document_type: 'payment', document_id: id, amount, currency: 'EUR', counterparty_id: 'SUP-2', counterparty_name: 'Weber AG' });
const bankEntry = (entity: string, source: string, id: string, type: 'booked' | 'pending', time: string, amount: string, currency: string) =>
  event(source, `${id}.${type}`, `finance.bank_entry.${type}`, time,
    { entity, document_type: 'bank_entry', document_id: id, amount, currency, credit_debit: 'CRDT', value_date: time.slice(0, 10), account: `ACC-${entity}`, counterparty_name: 'Unknown payer' });
const rate = (base: string, quote: string, value: string, date: string) =>
  event('treasury/kyriba', `FX-${base}-${quote}-${date}`, 'finance.fx.rate', `${date}T15:05:00Z`, { entity: 'GROUP', base_currency: base, quote_currency: quote, rate: value, rate_date: date });

const ledger = [
  rate('EUR', 'USD', '1.160000', '2026-10-30'),
  rate('GBP', 'EUR', '1.150000', '2026-10-30'),
  invoice('DE01', 'INV-DE-1', 'approved', '2026-10-26T10:00:00Z', '4000.00', 'EUR'),
  invoice('DE01', 'INV-DE-USD', 'approved', '2026-10-26T10:00:00Z', '1160.00', 'USD'),
  invoice('DE01', 'INV-DE-NOV', 'approved', '2026-11-02T10:00:00Z', '9999.00', 'EUR'),
  invoice('DE01', 'INV-DE-OK', 'posted', '2026-11-05T08:00:00Z', '700.00', 'EUR'),
  bankEntry('DE01', 'bank/deutsche-bank', 'BE-DE-1', 'booked', '2026-10-29T20:00:00Z', '2500.00', 'EUR'),
  payment('PAY-DE-1', 'released', '2026-10-30T08:00:00Z', '1500.00'),
  payment('PAY-DE-1', 'sent', '2026-10-30T09:00:00Z', '1500.00'),
  payment('PAY-DE-2', 'released', '2026-11-04T08:00:00Z', '300.00'),
  payment('PAY-DE-2', 'settled', '2026-11-04T10:00:00Z', '300.00'),
  event('crm/salesforce', 'COM-DE-1', 'finance.collection.commitment', '2026-10-20T10:00:00Z',
    { entity: 'DE01', document_type: 'collection_commitment', document_id: 'COM-DE-1', amount: '1000.00', currency: 'EUR', counterparty_id: 'CUS-1', counterparty_name: 'Acme Retail', promised_date: '2026-10-28' }),
  event('crm/salesforce', 'HOLD-CUS-9', 'finance.customer.credit_hold', '2026-11-05T08:00:00Z', { entity: 'DE01', counterparty_id: 'CUS-9' }),
  invoice('GB01', 'INV-GB-1', 'received', '2026-10-26T09:00:00Z', '8000.00', 'GBP'),
  invoice('GB01', 'INV-GB-JPY', 'received', '2026-10-26T09:00:00Z', '100000', 'JPY'),
  invoice('GB01', 'INV-GB-D1', 'received', '2026-10-26T09:00:00Z', '500.00', 'GBP', { reference: 'INV-0042' }),
  invoice('GB01', 'INV-GB-D2', 'received', '2026-10-27T09:00:00Z', '500.00', 'GBP', { reference: 'inv 42' }),
  invoice('GB01', 'INV-GB-OK', 'posted', '2026-11-05T08:00:00Z', '50.00', 'GBP'),
  bankEntry('GB01', 'bank/hsbc-uk', 'BE-GB-1', 'booked', '2026-10-30T20:00:00Z', '2000.00', 'GBP'),
  bankEntry('GB01', 'bank/hsbc-uk', 'BE-GB-2', 'pending', '2026-11-05T08:00:00Z', '10.00', 'GBP'),
];

beforeAll(async () => {
  ingest = await startTestIngest();
  const db = ingest.postgres.db;
  await db.insertInto('entity_settings').values([
    { entity: 'DE01', name: 'Aurelia Industrial GmbH', time_zone: 'Europe/Berlin', functional_currency: 'EUR', close_working_days: 5, materiality: '10000' },
    { entity: 'GB01', name: 'Aurelia Industrial Ltd', time_zone: 'Europe/London', functional_currency: 'GBP', close_working_days: 3, materiality: '0' },
  ]).execute();
  await db.insertInto('holidays').values({ entity: 'DE01', date: '2026-11-03', name: 'Company holiday' }).execute();
  await syncBusinessCalendar(ingest.clickhouse.ch, await loadFinanceSettings(db), new Date('2026-10-01T00:00:00Z'));
  await ingest.post(ledger);
  await ingest.post(ledger.slice(0, 9)); // redelivered: counted once
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db }));
});
afterAll(() => ingest?.close());

const summary = (e: Awaited<ReturnType<typeof api.closeRisk>>['entities'][number]) => ({
  entity: e.entity, score: e.score, level: e.level, period_end: e.period_end, deadline: e.deadline, working_days_left: e.working_days_left,
  components: e.components.map((c) => [c.component, c.money_at_risk, c.documents, c.contribution]),
  missing_rates: e.missing_rates,
});

it('scores each entity from its components, riskiest first, to the cent and the tenth', async () => {
  const result = await api.closeRisk({ asOf });
  expect(result.period).toBe('2026-10');
  expect(result.reporting_currency).toBe('EUR');
  expect(result.entities.map(summary)).toEqual([
    {
      entity: 'GB01', score: 40.7, level: 'medium', period_end: '2026-10-31', deadline: '2026-11-04', working_days_left: -1,
      components: [['delayed_confirmations', '0', 0, 0], ['unmatched_payments', '2300', 1, 9], ['duplicate_payment_risk', '575', 1, 1.7],
        ['receivables_misalignment', '0', 0, 0], ['stuck_documents', null, 3, 30], ['stale_feeds', null, 0, 0]],
      missing_rates: [{ currency: 'JPY', date: '2026-10-31' }],
    },
    {
      entity: 'DE01', score: 34.4, level: 'medium', period_end: '2026-10-31', deadline: '2026-11-09', working_days_left: 2,
      components: [['delayed_confirmations', '1500', 1, 2.3], ['unmatched_payments', '2500', 1, 5.2], ['duplicate_payment_risk', '0', 0, 0],
        ['receivables_misalignment', '1000', 1, 1.4], ['stuck_documents', '5000', 2, 14.3], ['stale_feeds', null, 1, 11.2]],
      missing_rates: [],
    },
  ]);
});

it('explains each component: money per currency, the known converted part and the stale source', async () => {
  const result = await api.closeRisk({ asOf });
  const gb = result.entities.find((e) => e.entity === 'GB01')!;
  const gbStuck = gb.components.find((c) => c.component === 'stuck_documents')!;
  expect(gbStuck.detail.known_amount).toBe('9775');
  expect(gbStuck.detail.by_currency).toEqual([{ currency: 'GBP', amount: '8500', documents: 2 }, { currency: 'JPY', amount: '100000', documents: 1 }]);
  expect(gbStuck.detail.oldest_age_hours).toBe(195);
  const de = result.entities.find((e) => e.entity === 'DE01')!;
  const feeds = de.components.find((c) => c.component === 'stale_feeds')!;
  expect(feeds.detail.sources).toEqual([{ source: 'bank/deutsche-bank', last_event_at: '2026-10-29 20:00:00.000', silent_business_days: 3 }]);
  for (const e of result.entities) {
    const sum = e.components.reduce((s, c) => s + Math.round(c.contribution * 10), 0);
    expect(sum / 10).toBe(e.score);
    expect(e.explanation).toContain(`= ${e.score}`);
  }
});

it('takes a chosen period: November counts the November invoice and its later deadline', async () => {
  const result = await api.closeRisk({ asOf, period: '2026-11', entities: ['DE01'] });
  expect(result.period).toBe('2026-11');
  const [de] = result.entities;
  expect([de!.entity, de!.period_end, de!.deadline, de!.working_days_left]).toEqual(['DE01', '2026-11-30', '2026-12-07', 22]);
  const stuck = de!.components.find((c) => c.component === 'stuck_documents')!;
  expect([stuck.money_at_risk, stuck.documents]).toEqual(['14999', 3]);
});

it('moves to the current month once every close deadline of the previous one has passed', async () => {
  const result = await api.closeRisk({ asOf: '2026-11-10T12:00:00Z' });
  expect(result.period).toBe('2026-11');
});

it('gives the daily trend of one period: 4 Nov scores lower urgency but a silent CRM feed', async () => {
  // DE01 as of Wed 4 Nov 12:00Z, period October: working days left Thu 5, Fri 6, Mon 9 = 3 → u = 0.4.
  //   delayed 20 × 0.15 × (1 + 99/240) × 0.4 = 1.695; unmatched 25 × 0.25 × (1 + 136/240) × 0.4 = 3.916667;
  //   receivables 15 × 0.1 × (1 + 180/240) × 0.4 = 1.05; stuck 30 × 0.5 × (1 + 194/240) × 0.4 = 10.85;
  //   feeds: crm silent since 20 Oct (9 business days: the CRM hold of 5 Nov is not known yet) and the
  //   bank 2 (Oct 30, Nov 2; yesterday is the holiday) → 15 × 11/2 × 0.4 = 33 → capped 15.
  //   Σ 32.511667 → 32.5.
  const trend = await api.closeRiskTrend({ asOf, days: 2, entities: ['DE01'] });
  expect(trend.period).toBe('2026-10');
  expect(trend.as_of).toEqual(['2026-11-04T12:00:00.000Z', '2026-11-05T12:00:00.000Z']);
  expect(trend.series.map((s) => [s.entity, s.scores])).toEqual([['DE01', [32.5, 34.4]]]);
});

it('evaluates "now" from the kept state tables, flagging rates too old for today', async () => {
  // Any real "now" after November 2026: the period ends after 2 Nov, so stuck are DE01 INV-DE-1,
  // INV-DE-USD, INV-DE-NOV and INV-DE-OK (posted 5 Nov, 3 business days long past); GB01 INV-GB-1,
  // INV-GB-D1, INV-GB-JPY and INV-GB-OK (INV-GB-D2 is in duplicates). The 30 Oct rates are more than 7 days old by then: USD flagged, money null.
  const result = await api.closeRisk({});
  const stuck = (entity: string) => result.entities.find((e) => e.entity === entity)!.components.find((c) => c.component === 'stuck_documents')!;
  expect([stuck('DE01').documents, stuck('GB01').documents]).toEqual([4, 4]);
  expect(stuck('DE01').money_at_risk).toBeNull();
  expect(result.entities.find((e) => e.entity === 'DE01')!.missing_rates.map((m) => m.currency)).toContain('USD');
});

it('treats injection strings as plain values', async () => {
  for (const bad of ["x' OR 1=1 --", "'); DROP TABLE finance_events; --"]) {
    const result = await api.closeRisk({ asOf, entities: [bad] });
    expect(result.entities.map((e) => [e.entity, e.score, e.components.map((c) => c.documents)])).toEqual([[bad, 0, [0, 0, 0, 0, 0, 0]]]);
    await expect(api.closeRisk({ asOf, period: bad })).rejects.toThrow(/YYYY-MM/);
  }
  const again = await api.closeRisk({ asOf, entities: ['DE01'] });
  expect(again.entities[0]!.score).toBe(34.4);
});

it('serves "now" from the latest evaluation and says when it was computed', async () => {
  const first = await api.closeRisk({});
  const second = await api.closeRisk({});
  expect(second.computed_at).toBe(first.computed_at);
  expect(second.entities).toEqual(first.entities);
  expect(Date.now() - Date.parse(first.computed_at)).toBeLessThan(120_000);
  expect((await api.closeRisk({ asOf })).computed_at).toBe(new Date(asOf).toISOString());
});
