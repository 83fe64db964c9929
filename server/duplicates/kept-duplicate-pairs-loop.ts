// Keeps the duplicate pairs generation fresh in the background: every half minute, when
// supplier invoices (or payments naming them) changed since the latest generation or the
// duplicate settings changed, a new one is built. A read stays exact either way — it pairs
// again what changed since — this only keeps that part small.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely } from 'kysely';
import type { Logger } from '../../platform/logging/logger.ts';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { startBackgroundLoop, type BackgroundLoop } from '../../platform/process/background-loop.ts';
import { loadFinanceSettings } from '../settings/finance-settings.ts';
import { buildKeptDuplicatePairs, keptPairsDue, pairingSettings } from './kept-duplicate-pairs.ts';

export function startKeptDuplicatePairsLoop(deps: { ch: ClickHouseClient; db: Kysely<Database>; log: Logger }, intervalMs = 30_000): BackgroundLoop {
  return startBackgroundLoop({
    name: 'duplicate pairs',
    log: deps.log,
    intervalMs,
    runAtStart: true,
    run: async () => {
      const settings = pairingSettings(await loadFinanceSettings(deps.db));
      if (!(await keptPairsDue(deps.ch, settings))) return;
      deps.log.debug(await buildKeptDuplicatePairs(deps.ch, settings), 'duplicate pairs built');
    },
  });
}
