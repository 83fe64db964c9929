// Integration health against a hand-worked ledger. T = asOf = the start of the current UTC
// hour + 2 h (so the quarantine's wall-clock received_at falls inside the window); window
// [T − 24 h, T). Times below are relative to T.
//
// Flow p2p-invoice-sync (spans, OTLP JSON): 40 one-span traces, span i (1..40) starts at
//   T − 10 h + i min and lasts i × 10 ms; spans 7, 19, 33 have status ERROR; trace 1 is
//   posted twice (counted once); one more span at T − 25 h (5 s, outside the window).
//   messages 40, errors 3, error_rate 3/40 = 0.075. quantileExact = sorted[⌊p·n⌋] (0-based):
//   p50 → [20] = 210 ms, p95 → [⌊38⌋] = 390 ms, p99 → [⌊39.6⌋ = 39] = 400 ms.
//   Two .retried events for message p2p-1 (T − 9 h 50 m, T − 9 h 45 m) → retries 2; messages
//   still 40 (spans are the basis). last_seen = end of span 40 = T − 9 h 20 m + 0.4 s →
//   freshness 9 h 19 m 59.6 s = 33,599.6 s.
// Flow o2c-receipts (integration events from mw/boomi):
//   M1 received T−5h, delivered +250 ms → 250 ms
//   M2 received T−4h, delivered +1.5 s (the delivered event is posted twice) → 1,500 ms
//   M3 received T−3h, retried +1 m, retried +2 m, delivered +2 m 0.5 s → 120,500 ms
//   M4 received T−2h, failed +10 s, retried +20 s, failed +30 s, dead_lettered +5 m
//   M5 received T−1h, failed +1 s
//   M6 received T−26h, delivered +100 ms: outside the window.
//   messages 5, errors 2 (M4, M5), error_rate 0.4; latencies [250, 1500, 120500]:
//   p50 → [⌊1.5⌋ = 1] = 1,500, p95 → [⌊2.85⌋ = 2] = 120,500, p99 → 120,500; retries 3;
//   dead letters 1; last_seen T − 1 h + 1 s → freshness 3,599 s.
// Flow legacy-ftp: M7 received T − 30 h only → quiet before the window: basis none,
//   messages 0, last_seen T − 30 h, freshness 108,000 s.
// Totals: 3 flows, messages 45, errors 5, error_rate 5/45 = 0.1111, retries 5, dead letters 1.
//
// Sources (staleness: 2 × typical gap over 7 days, at least 300 s; 3,600 s with < 2 events):
//   ap/coupa-eu   2 records quarantined, no event → freshness null, stale           (1st)
//   crm/sfdc      events T−50h, T−49h → events 0, freshness 176,400, gap 3,600,
//                 stale after 7,200 → stale, quiet before the window                 (2nd)
//   bank/db-de    events T−20h, T−19h, T−18h → events 3, freshness 64,800, gap 3,600,
//                 stale after 7,200 → stale                                          (3rd)
//   treasury/kyriba  1 event T−90m → freshness 5,400, no gap → after 3,600 → stale    (4th)
//   mw/boomi      in window: M1 2 + M2 2 + M3 4 + M4 5 + M5 2 + p2p retries 2 = 17;
//                 7-day baseline adds M6 (2) and M7 (1): 20 events from T−30h to
//                 T−1h+1s → gap 104,401 s / 19 = 5,494.789 s → after 10,989.578;
//                 freshness 3,599 → fresh                                             (5th)
//   erp/sap-de    events T−6h, T−4h, T−2h, T−30m → events 4, freshness 1,800, gap
//                 19,800 / 3 = 6,600 → after 13,200 → fresh; 1 record quarantined     (6th)
//   Totals: 6 sources, 4 stale, 1 quiet before the window, 25 events, 3 quarantined.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { integrationMetricsRouterEntries } from '../../server/metrics/integration-metrics-router-entries.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
const createCaller = createCallerFactory(router(integrationMetricsRouterEntries));
let api: ReturnType<typeof createCaller>;

const hour = 3600_000;
const T = Math.floor(Date.now() / hour) * hour + 2 * hour;
const asOf = new Date(T).toISOString();
const at = (offsetMs: number) => new Date(T + offsetMs).toISOString();
const min = 60_000;

const event = (source: string, id: string, type: string, time: string, data: Record<string, unknown>) => ({
  specversion: '1.0', id, source, type, time, data: { entity: 'DE01', ...data },
});
const message = (flow: string, messageId: string, step: string, time: string, n = '') =>
  event('mw/boomi', `${flow}-${messageId}-${step}${n}`, `integration.message.${step}`, time, { flow, message_id: messageId });
const invoice = (source: string, id: string, time: string) =>
  event(source, id, 'finance.invoice.approved', time, { document_type: 'supplier_invoice', document_id: id });

const o2c = 'o2c-receipts';
const events = [
  message(o2c, 'M1', 'received', at(-5 * hour)), message(o2c, 'M1', 'delivered', at(-5 * hour + 250)),
  message(o2c, 'M2', 'received', at(-4 * hour)), message(o2c, 'M2', 'delivered', at(-4 * hour + 1500)),
  message(o2c, 'M3', 'received', at(-3 * hour)), message(o2c, 'M3', 'retried', at(-3 * hour + min), '1'),
  message(o2c, 'M3', 'retried', at(-3 * hour + 2 * min), '2'), message(o2c, 'M3', 'delivered', at(-3 * hour + 2 * min + 500)),
  message(o2c, 'M4', 'received', at(-2 * hour)), message(o2c, 'M4', 'failed', at(-2 * hour + 10_000), '1'),
  message(o2c, 'M4', 'retried', at(-2 * hour + 20_000)), message(o2c, 'M4', 'failed', at(-2 * hour + 30_000), '2'),
  message(o2c, 'M4', 'dead_lettered', at(-2 * hour + 5 * min)),
  message(o2c, 'M5', 'received', at(-hour)), message(o2c, 'M5', 'failed', at(-hour + 1000)),
  message(o2c, 'M6', 'received', at(-26 * hour)), message(o2c, 'M6', 'delivered', at(-26 * hour + 100)),
  message('legacy-ftp', 'M7', 'received', at(-30 * hour)),
  message('p2p-invoice-sync', 'p2p-1', 'retried', at(-9 * hour - 50 * min), '1'),
  message('p2p-invoice-sync', 'p2p-1', 'retried', at(-9 * hour - 45 * min), '2'),
  invoice('crm/sfdc', 'C-1', at(-50 * hour)), invoice('crm/sfdc', 'C-2', at(-49 * hour)),
  invoice('bank/db-de', 'B-1', at(-20 * hour)), invoice('bank/db-de', 'B-2', at(-19 * hour)), invoice('bank/db-de', 'B-3', at(-18 * hour)),
  invoice('treasury/kyriba', 'K-1', at(-90 * min)),
  invoice('erp/sap-de', 'E-1', at(-6 * hour)), invoice('erp/sap-de', 'E-2', at(-4 * hour)),
  invoice('erp/sap-de', 'E-3', at(-2 * hour)), invoice('erp/sap-de', 'E-4', at(-30 * min)),
];
const refused = [
  { ...invoice('ap/coupa-eu', 'Q-1', at(-hour)), type: 'finance.invoice.teleported' },
  { ...invoice('ap/coupa-eu', 'Q-2', at(-hour)), type: 'finance.invoice.teleported' },
  { ...invoice('erp/sap-de', 'Q-3', at(-hour)), data: { document_id: 'Q-3' } },
];

const nanos = (ms: number) => (BigInt(ms) * 1_000_000n).toString();
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
function span(i: number, startMs: number, durationMs: number, error: boolean) {
  return {
    traceId: hex(0xabc00 + i, 32), spanId: hex(0xdef00 + i, 16), name: 'sync invoice', kind: 2,
    startTimeUnixNano: nanos(startMs), endTimeUnixNano: nanos(startMs + durationMs),
    attributes: [{ key: 'integration.flow', value: { stringValue: 'p2p-invoice-sync' } }],
    status: error ? { code: 2, message: 'ERP refused' } : {},
  };
}
const spans = Array.from({ length: 40 }, (_, k) => span(k + 1, T - 10 * hour + (k + 1) * min, (k + 1) * 10, [7, 19, 33].includes(k + 1)));

async function postSpans(list: object[]) {
  const body = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'boomi' } }] }, scopeSpans: [{ spans: list }] }] };
  const res = await fetch(`${ingest.url}/v1/traces`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${ingest.key}` } });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  ingest = await startTestIngest();
  await ingest.post(events);
  await ingest.post([events[3], events[1]]); // redeliveries: M2 delivered, M1 delivered
  await ingest.post(refused);
  await postSpans(spans);
  await postSpans([spans[0]!, span(99, T - 25 * hour, 5000, true)]);
  await ingest.drained();
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
});
afterAll(() => ingest?.close());

it('reports each flow from spans, from integration events, and a flow quiet before the window', async () => {
  const { flows } = await api.integrationHealth({ asOf });
  expect(flows).toEqual([
    { flow: 'p2p-invoice-sync', basis: 'spans', messages: 40, errors: 3, error_rate: 0.075, p50_ms: 210, p95_ms: 390, p99_ms: 400,
      retries: 2, dead_letters: 0, last_seen: at(-9 * hour - 20 * min + 400).replace('T', ' ').replace('Z', ''), freshness_s: 33599.6 },
    { flow: o2c, basis: 'events', messages: 5, errors: 2, error_rate: 0.4, p50_ms: 1500, p95_ms: 120500, p99_ms: 120500,
      retries: 3, dead_letters: 1, last_seen: at(-hour + 1000).replace('T', ' ').replace('Z', ''), freshness_s: 3599 },
    { flow: 'legacy-ftp', basis: 'none', messages: 0, errors: 0, error_rate: null, p50_ms: null, p95_ms: null, p99_ms: null,
      retries: 0, dead_letters: 0, last_seen: at(-30 * hour).replace('T', ' ').replace('Z', ''), freshness_s: 108000 },
  ]);
});

it('lists sources stalest first with freshness, thresholds and quarantined records', async () => {
  const { sources } = await api.integrationHealth({ asOf, limit: 10 });
  expect(sources.hasMore).toBe(false);
  expect(sources.rows.map((r) => [r.source, r.events, r.freshness_s, r.typical_gap_s, r.stale_after_s, r.stale, r.quiet_before_window, r.quarantined])).toEqual([
    ['ap/coupa-eu', 0, null, null, 3600, true, false, 2],
    ['crm/sfdc', 0, 176400, 3600, 7200, true, true, 0],
    ['bank/db-de', 3, 64800, 3600, 7200, true, false, 0],
    ['treasury/kyriba', 1, 5400, null, 3600, true, false, 0],
    ['mw/boomi', 17, 3599, 5494.789, 10989.578, false, false, 0],
    ['erp/sap-de', 4, 1800, 6600, 13200, false, false, 1],
  ]);
  expect(sources.rows[1]!.last_event_at).toBe(at(-49 * hour).replace('T', ' ').replace('Z', ''));
});

it('totals flows and sources and pages the source list', async () => {
  const result = await api.integrationHealth({ asOf, limit: 3 });
  expect(result.totals).toEqual({
    flows: 3, messages: 45, errors: 5, error_rate: 0.1111, retries: 5, dead_letters: 1,
    sources: 6, stale_sources: 4, quiet_before_window: 1, events: 25, quarantined: 3,
  });
  expect([result.sources.rows.map((r) => r.source), result.sources.hasMore]).toEqual([['ap/coupa-eu', 'crm/sfdc', 'bank/db-de'], true]);
  const next = await api.integrationHealth({ asOf, limit: 3, offset: 3 });
  expect([next.sources.rows.map((r) => r.source), next.sources.hasMore]).toEqual([['treasury/kyriba', 'mw/boomi', 'erp/sap-de'], false]);
});

it('filters by flow and source (a source filter also narrows the integration events behind a flow)', async () => {
  const result = await api.integrationHealth({ asOf, flows: [o2c], sources: ['mw/boomi'] });
  expect(result.flows.map((f) => [f.flow, f.messages])).toEqual([[o2c, 5]]);
  expect(result.sources.rows.map((r) => [r.source, r.events, r.quarantined])).toEqual([['mw/boomi', 17, 0]]);
  const other = await api.integrationHealth({ asOf, flows: [o2c], sources: ['erp/sap-de'] });
  expect(other.flows).toEqual([]);
  expect(other.sources.rows.map((r) => [r.source, r.events, r.quarantined])).toEqual([['erp/sap-de', 4, 1]]);
});

it('counts only what happened in an explicit window', async () => {
  // [T − 3 h, T − 90 min): o2c M3 (received, 2 retries, delivered) and M4 (all five events).
  const result = await api.integrationHealth({ asOf, from: at(-3 * hour), to: at(-90 * min), flows: [o2c] });
  expect(result.flows.map((f) => [f.messages, f.errors, f.p50_ms, f.retries, f.dead_letters, f.freshness_s])).toEqual([[2, 1, 120500, 3, 1, 1500]]);
});

it('treats injection strings as plain names', async () => {
  for (const hostile of ["x' OR 1=1 --", "'); DROP TABLE finance_events; --"]) {
    const result = await api.integrationHealth({ asOf, flows: [hostile], sources: [hostile] });
    expect([result.flows, result.sources.rows, result.totals.sources, result.totals.messages]).toEqual([[], [], 0, 0]);
  }
  expect((await api.integrationHealth({ asOf })).totals.events).toBe(25);
});

it('refuses a window that ends before it starts', async () => {
  await expect(api.integrationHealth({ asOf, from: at(-hour), to: at(-2 * hour) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
});
