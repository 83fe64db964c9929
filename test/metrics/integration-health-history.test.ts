// Integration health reads what happened before the day of its window's end from daily
// rollups (0017_integration_health_rollups) and only that day raw. Here part of the history
// is stored before the migration (copied by it) and the rest after (fed by the views), and
// the answers are worked out by hand from the events and spans — as of a moment in the
// middle of a day, and again two days later when that day has become history.
//
// Stored before the migration (times 2026-03, UTC):
//   erp/old    O1 04th 10:00, O2 05th 09:00 (received +5 s) — quiet since
//   bank/late  B1 02nd 12:00
//   mw/boomi   flow f-quiet: Q received 06th 08:00, delivered 08:00:01
//              flow f-live: M1 received 09th 16:00, delivered 16:00:00.5;
//                           M2 received 10th 09:00, delivered 09:00:02
//   erp/sap    S1 09th 20:00, S2 10th 00:00:00.000 (the first instant of the day)
//   spans      f-span A 08th 10:00:00–10:00:01; f-span-quiet 01st 12:00:00–12:00:02;
//              f-long L 09th 23:00 – 10th 20:00 (still running at 14:30 on the 10th)
// Stored after it:
//   mw/boomi   M2 delivered again (received 10th 13:00); late: Q retried 07th 09:00
//              (received 10th 10:00); M3 received 10th 15:00
//   bank/late  late: B2 07th 12:00 (received 10th 11:00)
//   erp/sap    S3 10th 14:29:59, S4 10th 14:30:00.000, S5 10th 16:00, S6 12th 08:00
//   spans      f-span B 10th 08:00:00–08:00:00.25, C 10th 14:30:00–14:30:01,
//              D 10th 15:00:00–15:00:00.1
// Unless said otherwise received_at is the business time + 1 s.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateClickHouse } from '../../platform/clickhouse/schema/migrate-clickhouse.ts';
import { integrationHealth, integrationHealthInput } from '../../server/metrics/integration-health.ts';
import { freshClickHouse, type FreshClickHouse } from '../support/clickhouse.ts';

let store: FreshClickHouse;

const t = (dayHms: string) => `2026-03-${dayHms}`;
const plus1s = (time: string) => new Date(Date.parse(`${time.replace(' ', 'T')}Z`) + 1000).toISOString().replace('T', ' ').replace('Z', '');

const event = (source: string, id: string, type: string, time: string, data: Record<string, string>, receivedAt = plus1s(time)) => ({
  source, id, type, time, received_at: receivedAt, entity: 'DE01',
  document_type: type.startsWith('integration.') ? 'integration_message' : 'supplier_invoice',
  document_id: type.startsWith('integration.') ? `${data.flow}/${data.message_id}` : id,
  data: JSON.stringify({ entity: 'DE01', ...data }),
});
const invoice = (source: string, id: string, time: string, receivedAt?: string) => event(source, id, 'finance.invoice.approved', time, {}, receivedAt);
const message = (flow: string, messageId: string, step: string, time: string, receivedAt?: string) =>
  event('mw/boomi', `${flow}-${messageId}-${step}`, `integration.message.${step}`, time, { flow, message_id: messageId }, receivedAt);
const span = (flow: string, id: string, start: string, end: string, durationNs: string) => ({
  trace_id: `trace-${id}`, span_id: `span-${id}`, name: 'sync', start_time: start, end_time: end, duration_ns: durationNs,
  status_code: 'OK', flow, received_at: end.slice(0, 23),
});

const before = {
  events: [
    invoice('erp/old', 'O1', t('04 10:00:00.000'), t('04 10:00:05.000')),
    invoice('erp/old', 'O2', t('05 09:00:00.000'), t('05 09:00:05.000')),
    invoice('bank/late', 'B1', t('02 12:00:00.000')),
    message('f-quiet', 'Q', 'received', t('06 08:00:00.000')),
    message('f-quiet', 'Q', 'delivered', t('06 08:00:01.000')),
    message('f-live', 'M1', 'received', t('09 16:00:00.000')),
    message('f-live', 'M1', 'delivered', t('09 16:00:00.500')),
    message('f-live', 'M2', 'received', t('10 09:00:00.000')),
    message('f-live', 'M2', 'delivered', t('10 09:00:02.000')),
    invoice('erp/sap', 'S1', t('09 20:00:00.000')),
    invoice('erp/sap', 'S2', t('10 00:00:00.000')),
  ],
  spans: [
    span('f-span', 'A', t('08 10:00:00.000000000'), t('08 10:00:01.000000000'), '1000000000'),
    span('f-span-quiet', 'Q', t('01 12:00:00.000000000'), t('01 12:00:02.000000000'), '2000000000'),
    span('f-long', 'L', t('09 23:00:00.000000000'), t('10 20:00:00.000000000'), '75600000000000'),
  ],
};
const after = {
  events: [
    message('f-live', 'M2', 'delivered', t('10 09:00:02.000'), t('10 13:00:00.000')),
    message('f-quiet', 'Q', 'retried', t('07 09:00:00.000'), t('10 10:00:00.000')),
    message('f-live', 'M3', 'received', t('10 15:00:00.000')),
    invoice('bank/late', 'B2', t('07 12:00:00.000'), t('10 11:00:00.000')),
    invoice('erp/sap', 'S3', t('10 14:29:59.000'), t('10 14:29:59.500')),
    invoice('erp/sap', 'S4', t('10 14:30:00.000')),
    invoice('erp/sap', 'S5', t('10 16:00:00.000')),
    invoice('erp/sap', 'S6', t('12 08:00:00.000')),
  ],
  spans: [
    span('f-span', 'B', t('10 08:00:00.000000000'), t('10 08:00:00.250000000'), '250000000'),
    span('f-span', 'C', t('10 14:30:00.000000000'), t('10 14:30:01.000000000'), '1000000000'),
    span('f-span', 'D', t('10 15:00:00.000000000'), t('10 15:00:00.100000000'), '100000000'),
  ],
};

async function insertRows(rows: { events: object[]; spans: object[] }) {
  await store.ch.insert({ table: 'finance_events', values: rows.events, format: 'JSONEachRow' });
  await store.ch.insert({ table: 'spans', values: rows.spans, format: 'JSONEachRow' });
}

beforeAll(async () => {
  store = await freshClickHouse({ migrated: false });
  await migrateClickHouse(store.connection, {}, { until: '0016_forecast_revisions' });
  await insertRows(before);
  const { applied } = await migrateClickHouse(store.connection, {});
  expect(applied).toContain('0017_integration_health_rollups');
  await insertRows(after);
});
afterAll(() => store?.close());

const health = (input: Record<string, unknown>) => integrationHealth(store.ch, integrationHealthInput.parse(input));
const midDay = '2026-03-10T14:30:00Z';

it('as of the middle of a day: flows last seen from history and from the day so far', async () => {
  // window [9th 14:30, 10th 14:30)
  const { flows } = await health({ asOf: midDay });
  expect(flows.map((f) => [f.flow, f.basis, f.messages, f.p50_ms, f.p99_ms, f.last_seen, f.freshness_s])).toEqual([
    // M1 500 ms, M2 2,000 ms (its redelivered delivery counted once); M3 comes after the end
    ['f-live', 'events', 2, 2000, 2000, t('10 09:00:02.000'), 19798],
    // L started the day before and runs past the end: seen up to the end, not beyond
    ['f-long', 'spans', 1, 75600000, 75600000, t('10 14:30:00.000'), 0],
    // the late retried event (7th 09:00) is its latest; 3 d 5 h 30 min before the end
    ['f-quiet', 'none', 0, null, null, t('07 09:00:00.000'), 279000],
    // B ends at 08:00:00.25; C starts at the end itself and D after it
    ['f-span', 'spans', 1, 250, 250, t('10 08:00:00.250'), 23399.75],
    // 9 d 2 h 29 min 58 s
    ['f-span-quiet', 'none', 0, null, null, t('01 12:00:02.000'), 786598],
  ]);
});

it('as of the middle of a day: sources last seen and received, stalest first', async () => {
  // baseline [3rd 14:30, 10th 14:30)
  const { sources, totals } = await health({ asOf: midDay });
  expect(sources.rows.map((r) => [r.source, r.events, r.last_event_at, r.last_received_at, r.freshness_s, r.typical_gap_s, r.stale_after_s, r.stale, r.quiet_before_window])).toEqual([
    // 5 d 5 h 30 min; O1 → O2 23 h
    ['erp/old', 0, t('05 09:00:00.000'), t('05 09:00:05.000'), 451800, 82800, 165600, true, true],
    // the late B2 is its latest; 3 d 2 h 30 min; B1 is before the baseline
    ['bank/late', 0, t('07 12:00:00.000'), t('10 11:00:00.000'), 268200, null, 3600, true, true],
    // M1 and M2 in the window (4 events); received last: M2's redelivery; baseline Q ×3, M1 ×2,
    // M2 ×2 from 6th 08:00:00 to 10th 09:00:02: 349,202 s / 6
    ['mw/boomi', 4, t('10 09:00:02.000'), t('10 13:00:00.000'), 19798, 58200.333, 116400.666, false, false],
    // S1, S2, S3 (S4 is at the end itself); 9th 20:00 → 10th 14:29:59: 66,599 s / 2
    ['erp/sap', 3, t('10 14:29:59.000'), t('10 14:29:59.500'), 1, 33299.5, 66599, false, false],
  ]);
  expect(totals).toMatchObject({ sources: 4, stale_sources: 2, quiet_before_window: 2, events: 7 });
});

it('two days later, the same day read from history', async () => {
  // window [11th 12:00, 12th 12:00): only S6 in it; the 10th now comes from the rollups
  const { flows, sources } = await health({ asOf: '2026-03-12T12:00:00Z' });
  expect(flows.map((f) => [f.flow, f.basis, f.last_seen, f.freshness_s])).toEqual([
    ['f-live', 'none', t('10 15:00:00.000'), 162000], // M3
    ['f-long', 'none', t('10 20:00:00.000'), 144000], // L's end, before the window's end now
    ['f-quiet', 'none', t('07 09:00:00.000'), 442800],
    ['f-span', 'none', t('10 15:00:00.100'), 161999.9], // D
    ['f-span-quiet', 'none', t('01 12:00:02.000'), 950398],
  ]);
  expect(sources.rows.map((r) => [r.source, r.events, r.last_event_at, r.last_received_at, r.freshness_s, r.typical_gap_s, r.stale])).toEqual([
    ['erp/old', 0, t('05 09:00:00.000'), t('05 09:00:05.000'), 615600, null, true],
    ['bank/late', 0, t('07 12:00:00.000'), t('10 11:00:00.000'), 432000, null, true],
    // baseline from the 5th 12:00: Q ×3, M1 ×2, M2 ×2, M3 from 6th 08:00 to 10th 15:00: 370,800 s / 7
    ['mw/boomi', 0, t('10 15:00:00.000'), t('10 15:00:01.000'), 162000, 52971.429, true],
    // S1…S6 from 9th 20:00 to 12th 08:00: 216,000 s / 5
    ['erp/sap', 1, t('12 08:00:00.000'), t('12 08:00:01.000'), 14400, 43200, false],
  ]);
});

it('a source filter narrows the integration events behind a flow, also in history', async () => {
  const boomi = await health({ asOf: midDay, sources: ['mw/boomi'] });
  expect(boomi.flows.map((f) => [f.flow, f.last_seen])).toEqual([
    ['f-live', t('10 09:00:02.000')],
    ['f-long', t('10 14:30:00.000')],
    ['f-quiet', t('07 09:00:00.000')],
    ['f-span', t('10 08:00:00.250')],
    ['f-span-quiet', t('01 12:00:02.000')],
  ]);
  // spans have no source: their flows stay; the event flows go
  const sap = await health({ asOf: midDay, sources: ['erp/sap'] });
  expect(sap.flows.map((f) => f.flow)).toEqual(['f-long', 'f-span', 'f-span-quiet']);
  const quiet = await health({ asOf: midDay, flows: ['f-quiet', 'f-span-quiet'] });
  expect(quiet.flows.map((f) => [f.flow, f.last_seen])).toEqual([['f-quiet', t('07 09:00:00.000')], ['f-span-quiet', t('01 12:00:02.000')]]);
});

it('counts a window longer than the 7-day baseline in full', async () => {
  // [1st 00:00, 10th 14:30): B1 lies before the baseline but in the window
  const { sources, totals } = await health({ asOf: midDay, from: '2026-03-01T00:00:00Z' });
  expect(sources.rows.map((r) => [r.source, r.events, r.typical_gap_s])).toEqual([
    ['erp/old', 2, 82800],
    ['bank/late', 2, null],
    ['mw/boomi', 7, 58200.333],
    ['erp/sap', 3, 33299.5],
  ]);
  expect(totals.events).toBe(14);
});

it('gives the source totals with every page, also one past the last source', async () => {
  const totals = { sources: 4, stale_sources: 2, quiet_before_window: 2, events: 7, quarantined: 0 };
  const pages = await Promise.all([0, 3, 10].map((offset) => health({ asOf: midDay, limit: 3, offset })));
  expect(pages.map((r) => [r.sources.rows.map((s) => s.source), r.sources.hasMore])).toEqual([
    [['erp/old', 'bank/late', 'mw/boomi'], true],
    [['erp/sap'], false],
    [[], false],
  ]);
  for (const r of pages) expect(r.totals).toMatchObject(totals);
  expect(Object.keys(pages[1]!.sources.rows[0]!)).toEqual([
    'source', 'events', 'last_event_at', 'last_received_at', 'freshness_s', 'typical_gap_s', 'stale_after_s', 'stale', 'quiet_before_window', 'quarantined',
  ]);
});
