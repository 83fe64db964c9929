// Keeps payment_matches current in the background: every few seconds the matcher looks at
// what arrived since its last run (nothing new: no statement beyond the check), and this loop
// is the one caller that lets it catch up however much arrived — a fresh install, a bulk
// load, changed matching settings — so a query finds the matches already made.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely } from 'kysely';
import type { Logger } from '../../platform/logging/logger.ts';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { startBackgroundLoop, type BackgroundLoop } from '../../platform/process/background-loop.ts';
import { runPaymentMatcher } from './payment-matcher.ts';
import { loadFinanceSettings } from '../settings/finance-settings.ts';

export function startPaymentMatcherLoop(deps: { ch: ClickHouseClient; db: Kysely<Database>; log: Logger }, intervalMs = 5_000): BackgroundLoop {
  return startBackgroundLoop({
    name: 'payment matcher',
    log: deps.log,
    intervalMs,
    run: async () => {
      await runPaymentMatcher(deps.ch, await loadFinanceSettings(deps.db), { maxChangedRows: Infinity });
    },
  });
}
