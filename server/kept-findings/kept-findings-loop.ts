// Keeps the findings that reads take as they are fresh in the background: every 15 s, each
// kept read model whose inputs changed since its latest generation (or whose settings
// changed) gets a new one — the SLA clocks of stuck documents (server/sla-clocks/), the
// watched payments of delayed confirmations (server/bank-confirmations/), the duplicate
// pairs (server/duplicates/) and the receivables per customer and invoice
// (server/receivables/). A read stays exact either way (it reads afresh what changed since);
// this only keeps that part small.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely } from 'kysely';
import type { Logger } from '../../platform/logging/logger.ts';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { startBackgroundLoop, type BackgroundLoop } from '../../platform/process/background-loop.ts';
import { buildKeptConfirmations, keptConfirmationsDue } from '../bank-confirmations/kept-confirmations.ts';
import { buildKeptDuplicatePairs, keptPairsDue, pairingSettings } from '../duplicates/kept-duplicate-pairs.ts';
import { buildKeptReceivables, keptReceivablesDue } from '../receivables/kept-receivables.ts';
import { loadFinanceSettings } from '../settings/finance-settings.ts';
import { buildKeptSlaClocks, keptSlaClocksDue } from '../sla-clocks/kept-sla-clocks.ts';

export function startKeptFindingsLoop(deps: { ch: ClickHouseClient; db: Kysely<Database>; log: Logger }, intervalMs = 15_000): BackgroundLoop {
  return startBackgroundLoop({
    name: 'kept findings',
    log: deps.log,
    intervalMs,
    runAtStart: true,
    run: async (stopped) => {
      const settings = await loadFinanceSettings(deps.db);
      if (await keptSlaClocksDue(deps.ch, settings)) deps.log.debug(await buildKeptSlaClocks(deps.ch, settings), 'SLA clocks built');
      if (stopped()) return;
      if (await keptConfirmationsDue(deps.ch)) deps.log.debug(await buildKeptConfirmations(deps.ch), 'watched confirmations built');
      if (stopped()) return;
      const pairing = pairingSettings(settings);
      if (await keptPairsDue(deps.ch, pairing)) deps.log.debug(await buildKeptDuplicatePairs(deps.ch, pairing), 'duplicate pairs built');
      if (stopped()) return;
      if (await keptReceivablesDue(deps.ch)) deps.log.debug(await buildKeptReceivables(deps.ch), 'receivables built');
    },
  });
}
