// Keeps payment_matches current in the background: every few seconds the matcher runs over
// what is still open (it skips the run when no payment, receipt or bank entry arrived since
// the last one), so a query finds the matches already made instead of making them.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely } from 'kysely';
import type { Logger } from '../../platform/logging/logger.ts';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { startBackgroundLoop, type BackgroundLoop } from '../../platform/process/background-loop.ts';
import { runPaymentMatcher } from '../metrics/unmatched-payments.ts';
import { loadFinanceSettings } from '../settings/finance-settings.ts';

export function startPaymentMatcherLoop(deps: { ch: ClickHouseClient; db: Kysely<Database>; log: Logger }, intervalMs = 5_000): BackgroundLoop {
  return startBackgroundLoop({
    name: 'payment matcher',
    log: deps.log,
    intervalMs,
    run: async () => runPaymentMatcher(deps.ch, await loadFinanceSettings(deps.db)),
  });
}
