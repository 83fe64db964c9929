// Every "now" metric that reads through the state snapshots answers exactly as the plain
// merge of the state does — on a simulated company's records (the simulator's generator,
// row for row what ingest writes), with a base snapshot, with events that arrived after it
// (merged afresh), with those folded into an overlay, and with no snapshot at all.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { EventLoader } from '../../bench/metrics/event-loader.ts';
import { runPaymentMatcher } from '../../server/matching/payment-matcher.ts';
import { syncBusinessCalendar } from '../../server/settings/business-calendar.ts';
import { loadFinanceSettings } from '../../server/settings/finance-settings.ts';
import { buildStateSnapshot, type SnapshotKind } from '../../server/state-snapshots/build-state-snapshot.ts';
import { createCaller } from '../../server/trpc/app-router.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { snapshottedStates } from '../../sql/queries/state-snapshots.sql.ts';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';

let ingest: TestIngest;
let api: ReturnType<typeof createCaller>;
let loader: EventLoader;
const start = new Date('2026-09-01T00:00:00Z');

beforeAll(async () => {
  ingest = await startTestIngest();
  await syncBusinessCalendar(ingest.clickhouse.ch, await loadFinanceSettings(ingest.postgres.db), new Date('2026-08-01T00:00:00Z'));
  loader = new EventLoader(ingest.clickhouse.ch, { seed: 11, start, days: 40, documentsPerDay: 60, batchRows: 5_000 });
  await loader.loadUntil(12_000, () => undefined);
  api = createCaller(createContextInner({ ch: ingest.clickhouse.ch, db: ingest.postgres.db }));
}, 120_000);
afterAll(() => ingest?.close());
afterEach(() => vi.restoreAllMocks());

/** The answers without their evaluation time. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'computed_at').map(([k, v]) => [k, stable(v)]));
  }
  return value;
}

async function answers() {
  // the payment matcher has caught up, as the server's loop would have (a read waits for its
  // step only so long, and the first step here matches the whole simulated company)
  await runPaymentMatcher(ingest.clickhouse.ch, await loadFinanceSettings(ingest.postgres.db), { marginMs: 0, maxChangedRows: Infinity });
  vi.spyOn(Date, 'now').mockReturnValue(loader.loaded.lastTimeMs + 3_600_000);
  const page = { limit: 200 };
  const result = stable({
    stuck: await api.metrics.stuckDocuments(page),
    stuckInvoices: await api.metrics.stuckDocuments({ ...page, documentTypes: ['supplier_invoice'], entities: ['DE01'] }),
    unmatched: await api.metrics.unmatchedPayments(page),
    delayed: await api.metrics.delayedConfirmations(page),
    forecast: await api.metrics.forecastVariance({}),
    receivables: await api.metrics.receivablesMisalignment(page),
    duplicates: await api.metrics.duplicatePaymentRisk(page),
  });
  vi.restoreAllMocks();
  return result;
}

const build = async (kind: SnapshotKind) => {
  for (const state of snapshottedStates) await buildStateSnapshot(ingest.clickhouse.ch, state, { kind, marginMs: 0 });
};

it('answers the same with a base, with later events, with an overlay and with no snapshot', async () => {
  const plain = await answers();
  const rows = (metric: string) => (plain as Record<string, { documents: { rows: unknown[] } }>)[metric]!.documents.rows.length;
  for (const metric of ['stuck', 'unmatched', 'delayed', 'receivables', 'duplicates']) expect(rows(metric), metric).toBeGreaterThan(0);
  await build('base');
  expect(await answers()).toEqual(plain);

  await loader.loadUntil(loader.loaded.events + 3_000, () => undefined);
  const fresh = await answers();
  expect(fresh).not.toEqual(plain);
  await build('overlay');
  expect(await answers()).toEqual(fresh);
  await ingest.clickhouse.ch.command({ query: 'TRUNCATE TABLE state_snapshots' });
  expect(await answers()).toEqual(fresh);
}, 180_000);
