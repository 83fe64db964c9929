// The payment matcher: brings payment_matches up to date with the settlement documents and
// bank entries (the rules: sql/queries/payment-matching-rules.sql.ts). A run pairs only what
// changed since the previous run with what it may match; it does not match everything still
// open again.
//
// Each run is registered in payment_matcher_runs (sql/clickhouse/0014_payment_matcher_runs.sql)
// with its watermark. The next run looks only at settlement_state rows written after it, and
// at what the run itself matches. With no run registered yet, or other matching settings, a
// run is full: every rule over everything open. The watermark is the engine's clock at the
// start moved back past the running inserts (platform/clickhouse/write-watermark.ts), so a row
// written while the run was reading is looked at again by the next one.
//
// Rule 1 runs once; rules 2 to 4 run in passes until a pass matches nothing new: a match
// takes its entry and documents out of the running, which can leave another entry free for
// its next-best document or change a group's sum. An incremental pass first writes the open
// entries and documents of the counterparties it looks at (matching-candidates.ts), and the
// three rules read those instead of every document and match again. A settled run leaves no
// pair for the next run to find among what did not change — which is what lets that run look
// only at changes.
//
// Runs are serialised per client. A run is bounded unless asked otherwise: when more has
// changed since the last run than the bound (readMatchingBound), it does not catch up but
// says up to when the matches are complete (matchedThrough), and a caller about to read reads
// them as they are. Only the server's background loop asks for a catch-up.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows, render } from '../../platform/clickhouse/sql-template.ts';
import {
  counterpartyAmountDateRuleSql,
  exactReferenceRuleSql,
  manyToOneRuleSql,
  oneToManyRuleSql,
  touchedCounterparties,
  type MatchingChanges,
  type MatchingScope,
} from '../../sql/queries/payment-matching-rules.sql.ts';
import type { UnmatchedItemsMark } from '../../sql/queries/unmatched-payment-items.sql.ts';
import { engineClock } from '../../platform/clickhouse/write-watermark.ts';
import type { FinanceSettings, MatchingSettings } from '../settings/finance-settings.ts';
import { dropAbandonedPasses, withPassCandidates } from './matching-candidates.ts';
import { dropEpochsBefore, keepUnmatchedItems } from './unmatched-items.ts';

export interface PaymentMatcherRun {
  /** full / incremental: matched; unchanged: nothing new since the last run; deferred: too much new for the bound. */
  outcome: 'full' | 'incremental' | 'unchanged' | 'deferred';
  /**
   * Every settlement change stored up to this moment is matched: the latest registered run's
   * watermark ('YYYY-MM-DD hh:mm:ss.sss' UTC; null: no run yet). It moves only when a run
   * has something to match, so two reads with nothing new between them tell the same.
   */
  matchedThrough: string | null;
}

export interface PaymentMatcherOptions {
  /** Defer (not run) when more settlement_state rows than this were written since the last run (default readMatchingBound; Infinity: catch up). */
  maxChangedRows?: number;
  /** Past the running inserts (ms; default: platform/clickhouse/write-watermark.ts). */
  marginMs?: number;
  /** When an incremental run would be full instead (default fullRunAbove). */
  fullRunAbove?: { rows: number; share: number };
}

/**
 * A backlog of more changed settlement_state rows than `rows` and than `share` of all of them
 * (a bulk load, a long outage of the loop) is matched by a full run: every rule over
 * everything open once costs less than passes over changes that touch every counterparty
 * (at 10M events, 9M changed: 87 s incremental against 30–37 s full).
 */
export const fullRunAbove = { rows: 100_000, share: 0.25 };

/**
 * What a run before a read may look at: settlement_state rows written since the last run.
 * A few seconds of live arrivals are far below it; a bulk load, or a first run over more
 * than a few thousand documents, is above it.
 */
export const readMatchingBound = 20_000;
/** Passes of rules 2 to 4 in one run; a run that needs more carries on from the same watermark. */
const maxCycles = 10;
const epoch = '1970-01-01 00:00:00.000';

/** One matching scope per entity with settings of its own, then '*' for the rest. */
export function matchingScopes(settings: FinanceSettings): MatchingScope[] {
  const own = Object.keys(settings.matching).filter((e) => e !== '*');
  const scope = (m: MatchingSettings, entities?: string[]) => ({ entities, except: own, amountTolerance: m.amountTolerance, dateWindowDays: m.dateWindowDays });
  return [...own.map((e) => scope(settings.matching[e]!, [e])), scope(settings.matching['*']!)];
}

const running = new WeakMap<ClickHouseClient, Promise<unknown>>();
/** The changed rows of the run in progress per client: a reader with a smaller bound does not queue behind it. */
const inProgress = new WeakMap<ClickHouseClient, number>();
/** Steps started or queued and not yet settled, per client. */
const inFlight = new WeakMap<ClickHouseClient, number>();

interface LatestRun {
  run: string;
  mode: string;
  settings: string;
  watermark: string;
  converged: number;
  items_epoch: string;
  started_at: string;
}

/** Brings payment_matches up to date (see the header); runs are serialised per client. */
export function runPaymentMatcher(ch: ClickHouseClient, settings: FinanceSettings, options: PaymentMatcherOptions = {}): Promise<PaymentMatcherRun> {
  const bound = options.maxChangedRows ?? readMatchingBound;
  if ((inProgress.get(ch) ?? 0) > bound) return latestMatchedThrough(ch).then((matchedThrough) => ({ outcome: 'deferred', matchedThrough }));
  const previous = running.get(ch) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => matchOnce(ch, settings, bound, options));
  running.set(ch, next);
  inFlight.set(ch, (inFlight.get(ch) ?? 0) + 1);
  const settled = () => inFlight.set(ch, inFlight.get(ch)! - 1);
  next.then(settled, settled);
  return next;
}

/** The step in flight for this client (started or queued and not yet settled); undefined when idle. */
export function paymentMatcherInFlight(ch: ClickHouseClient): Promise<unknown> | undefined {
  return (inFlight.get(ch) ?? 0) > 0 ? running.get(ch)?.catch(() => undefined) : undefined;
}

async function latestRun(ch: ClickHouseClient): Promise<LatestRun | undefined> {
  const [latest] = await queryRows<LatestRun>(ch, chSql`
    SELECT toString(run) AS run, mode, settings, toString(watermark) AS watermark, converged, toString(items_epoch) AS items_epoch,
      toString(started_at) AS started_at
    FROM payment_matcher_runs ORDER BY run DESC LIMIT 1`);
  return latest;
}

/** Up to when matches are complete: the latest registered run's watermark (null: no run yet). */
export async function latestMatchedThrough(ch: ClickHouseClient): Promise<string | null> {
  const latest = await latestRun(ch);
  return latest && latest.watermark !== epoch ? latest.watermark : null;
}

/** The latest run's kept unmatched payments (epoch, watermark, start); undefined when it kept none. */
export async function latestUnmatchedItemsMark(ch: ClickHouseClient): Promise<UnmatchedItemsMark | undefined> {
  const latest = await latestRun(ch);
  return latest && latest.items_epoch !== '0' ? { epoch: latest.items_epoch, watermark: latest.watermark, startedAt: latest.started_at } : undefined;
}

async function matchOnce(ch: ClickHouseClient, settings: FinanceSettings, bound: number, options: PaymentMatcherOptions): Promise<PaymentMatcherRun> {
  const started = performance.now();
  const scopes = matchingScopes(settings);
  const fingerprint = JSON.stringify(scopes);
  const latest = await latestRun(ch);
  const previous = latest !== undefined && latest.settings === fingerprint && (latest.mode === 'incremental' || latest.converged === 1) ? latest : undefined;
  const clock = await engineClock(ch, options.marginMs);
  // A full run counts every row (those stored before inserted_at existed read 1970).
  const [changed] = await queryRows<{ rows: string; total: string }>(ch, chSql`
    SELECT toString(${previous ? chSql`countIf(inserted_at > ${p.dateTime64(previous.watermark)})` : chSql`count()`}) AS rows,
      toString(count()) AS total FROM settlement_state`);
  const [rows, total] = [Number(changed!.rows), Number(changed!.total)];
  const full = options.fullRunAbove ?? fullRunAbove;
  const backlog = rows > full.rows && rows > total * full.share;
  // the run this one carries on from (none: a full run)
  const from = previous && !backlog ? previous : undefined;
  const incremental = from !== undefined;
  const changedRows = from ? rows : total;
  const since = from ? from.watermark : epoch;
  const previouslyMatchedThrough = latest && latest.watermark !== epoch && latest.settings === fingerprint ? latest.watermark : null;
  if (from && changedRows === 0 && from.converged === 1) return { outcome: 'unchanged', matchedThrough: previouslyMatchedThrough };
  if (changedRows > bound) return { outcome: 'deferred', matchedThrough: previouslyMatchedThrough };
  inProgress.set(ch, changedRows);
  try {
    // A settled previous run has seen its own matches go; an unsettled one has not.
    const changes: MatchingChanges | undefined = from ? { since, matchedSince: from.converged === 1 ? clock.now : since } : undefined;
    const cycles = await applyRules(ch, scopes, changes);
    const converged = cycles <= maxCycles;
    const [made] = await queryRows<{ matches: string }>(ch, chSql`
      SELECT toString(count()) AS matches FROM payment_matches WHERE within_tolerance = 1 AND matched_at >= ${p.dateTime64(clock.now)}`);
    const watermark = converged ? clock.watermark : since;
    // The unmatched payments as this run leaves them (a read takes them from here).
    const previousEpoch = Number(latest?.items_epoch ?? 0);
    const epoch = await keepUnmatchedItems(ch, { previousEpoch, incremental, since, runStart: clock.now, runMs: Number(clock.ms) });
    await ch.insert({
      table: 'payment_matcher_runs',
      values: [{
        run: clock.ms, mode: incremental ? 'incremental' : 'full', settings: fingerprint, watermark, converged: converged ? 1 : 0,
        changed_rows: changedRows, cycles: Math.min(cycles, maxCycles), matches: made!.matches, started_at: clock.now,
        run_ms: Math.round(performance.now() - started), items_epoch: epoch,
      }],
      format: 'JSONEachRow',
    });
    if (epoch !== previousEpoch) await dropEpochsBefore(ch, previousEpoch > 0 ? previousEpoch : epoch);
    return { outcome: incremental ? 'incremental' : 'full', matchedThrough: converged ? watermark : previouslyMatchedThrough };
  } finally {
    inProgress.delete(ch);
  }
}

/** Rule 1 once, then passes of rules 2 to 4 until one matches nothing new; returns the passes (maxCycles + 1: stopped unsettled). */
async function applyRules(ch: ClickHouseClient, scopes: MatchingScope[], changes: MatchingChanges | undefined): Promise<number> {
  await dropAbandonedPasses(ch);
  for (const scope of scopes) await ch.command(render(exactReferenceRuleSql(scope, changes)));
  let pass: MatchingChanges | undefined = changes;
  for (let cycle = 1; cycle <= maxCycles; cycle++) {
    const [clock] = await queryRows<{ now: string; touched: string }>(ch, chSql`
      SELECT toString(now64(3)) AS now, ${pass ? chSql`toString((SELECT count() FROM ${touchedCounterparties(pass)}))` : chSql`'all'`} AS touched`);
    if (clock!.touched === '0') return cycle;
    const rules = async (where: MatchingChanges | undefined) => {
      for (const rule of [counterpartyAmountDateRuleSql, manyToOneRuleSql, oneToManyRuleSql]) {
        for (const scope of scopes) await ch.command(render(rule(scope, where)));
      }
    };
    // an incremental pass writes its open entries and documents once for the three rules
    await (pass ? withPassCandidates(ch, pass, clock!.now, rules) : rules(undefined));
    const [made] = await queryRows<{ matches: string }>(ch, chSql`
      SELECT toString(count()) AS matches FROM payment_matches WHERE within_tolerance = 1 AND matched_at >= ${p.dateTime64(clock!.now)}`);
    if (made!.matches === '0') return cycle;
    // The next pass: after a full pass, everything open again; else the counterparties where
    // this one matched (their groups and pairs changed).
    pass = changes ? { since: clock!.now, matchedSince: clock!.now } : undefined;
  }
  return maxCycles + 1;
}
