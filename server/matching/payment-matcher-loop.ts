// Keeps payment_matches current in the background: every few seconds the matcher runs over
// what is still open (it skips the run when no payment, receipt or bank entry arrived since
// the last one), so a query finds the matches already made instead of making them.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely } from 'kysely';
import type { Logger } from '../../platform/logging/logger.ts';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { runPaymentMatcher } from '../metrics/unmatched-payments.ts';
import { loadFinanceSettings } from '../settings/finance-settings.ts';

export interface MatcherLoop {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export function startPaymentMatcherLoop(deps: { ch: ClickHouseClient; db: Kysely<Database>; log: Logger }, intervalMs = 5_000): MatcherLoop {
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let failures = 0;
  const tick = async () => {
    try {
      await runPaymentMatcher(deps.ch, await loadFinanceSettings(deps.db));
      if (failures > 0) deps.log.info({ failures }, 'payment matcher recovered');
      failures = 0;
    } catch (error) {
      // ClickHouse or PostgreSQL away: log once per outage, try again on the next tick.
      if (failures++ === 0) deps.log.warn({ err: error }, 'payment matcher run failed; retrying on the next tick');
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    current = current.then(tick);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
