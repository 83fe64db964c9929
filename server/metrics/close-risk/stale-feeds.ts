// The degraded-or-stale-feeds component of close risk: sources that fed an entity and have
// been silent for whole business days (rule in sql/queries/close-stale-feeds.sql.ts).
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../../../platform/clickhouse/sql-template.ts';
import { staleFeedsSql, type StaleFeedRow } from '../../../sql/queries/close-stale-feeds.sql.ts';
import type { EntityClose } from './close-calendar.ts';
import type { RiskContext } from './component.ts';
import { perEntityText } from './money-at-risk.ts';

export const staleFeedsComponent = { name: 'stale_feeds', label: 'Degraded or stale feeds', cap: 15 } as const;

/** A source that sent nothing for this long is treated as retired, not stale. */
export const feedLookbackDays = 35;

export function staleFeeds(ch: ClickHouseClient, ctx: RiskContext, closes: Map<string, EntityClose>): Promise<StaleFeedRow[]> {
  return queryRows<StaleFeedRow>(ch, staleFeedsSql({
    now: ctx.now,
    lookbackDays: feedLookbackDays,
    entities: ctx.filter.entities,
    calendarEntities: ctx.settings.entities.map((e) => e.entity),
    utcOffsetS: perEntityText(closes, (c) => String(c.utc_offset_s)),
    today: perEntityText(closes, (c) => c.today),
  }));
}
