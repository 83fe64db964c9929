// Keeps the close-risk overview warm: every few seconds the server re-evaluates the default
// "now" view (all entities, the period being closed) in the background, so a page view reads
// a result at most that old instead of waiting for a full evaluation.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely } from 'kysely';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { Database } from '../../../platform/postgres/database-schema.ts';
import { loadFinanceSettings } from '../../settings/finance-settings.ts';
import { closeRiskCacheTiming, closeRiskServed } from './close-risk-served.ts';

export function startCloseRiskWarmer(deps: { ch: ClickHouseClient; db: Kysely<Database>; log: Logger }, intervalMs = closeRiskCacheTiming.freshMs): { stop(): Promise<void> } {
  let current: Promise<unknown> = Promise.resolve();
  let failing = false;
  const tick = async () => {
    try {
      await closeRiskServed(deps.ch, await loadFinanceSettings(deps.db), {});
      failing = false;
    } catch (error) {
      if (!failing) deps.log.warn({ err: error }, 'close-risk refresh failed; retrying on the next tick');
      failing = true;
    }
  };
  current = tick();
  const timer = setInterval(() => {
    current = current.then(tick);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
