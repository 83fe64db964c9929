// The quarantine: refused records, newest first, filtered and paged; the latest version of
// each record (a replay writes a new version) is what counts.
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

export interface QuarantineFilter {
  channel?: string;
  source?: string;
  eventType?: string;
  status?: string;
  /** Records with an error at this path (e.g. data.amount). */
  errorPath?: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC bounds on received_at. */
  from?: string;
  to?: string;
  ids?: string[];
}

export interface QuarantineRow {
  quarantine_id: string;
  received_at: string;
  channel: string;
  source: string;
  event_id: string;
  event_type: string;
  api_key_prefix: string;
  raw: string;
  error_paths: string[];
  error_messages: string[];
  status: string;
  status_at: string;
  version: string;
}

function conditions(filter: QuarantineFilter): ChSql {
  const c: ChSql[] = [];
  if (filter.channel !== undefined) c.push(chSql`channel = ${p.string(filter.channel)}`);
  if (filter.source !== undefined) c.push(chSql`source = ${p.string(filter.source)}`);
  if (filter.eventType !== undefined) c.push(chSql`event_type = ${p.string(filter.eventType)}`);
  if (filter.status !== undefined) c.push(chSql`status = ${p.string(filter.status)}`);
  if (filter.errorPath !== undefined) c.push(chSql`has(error_paths, ${p.string(filter.errorPath)})`);
  if (filter.from !== undefined) c.push(chSql`received_at >= ${p.dateTime64(filter.from)}`);
  if (filter.to !== undefined) c.push(chSql`received_at < ${p.dateTime64(filter.to)}`);
  if (filter.ids !== undefined) c.push(chSql`quarantine_id IN ${p.strings(filter.ids)}`);
  return c.length ? chSql`WHERE ${join(c, ' AND ')}` : chSql``;
}

/** Latest version per record, then the filter (status changes with replays). */
const latest = chSql`(SELECT * FROM quarantine ORDER BY version DESC LIMIT 1 BY quarantine_id)`;

/** Columns the list may be sorted by; the SQL for each is fixed here, never taken from input. */
export const quarantineSortKeys = ['received_at', 'source', 'event_type', 'status', 'first_error_path'] as const;
export type QuarantineSortKey = (typeof quarantineSortKeys)[number];
export interface QuarantineOrder {
  by: QuarantineSortKey;
  direction: 'asc' | 'desc';
}

const sortColumn: Record<QuarantineSortKey, ChSql> = {
  received_at: chSql`received_at`,
  source: chSql`source`,
  event_type: chSql`event_type`,
  status: chSql`status`,
  first_error_path: chSql`error_paths[1]`,
};

const rowColumns = chSql`quarantine_id, toString(received_at) AS received_at, channel, source, event_id, event_type,
           api_key_prefix, raw, error_paths, error_messages, status, toString(status_at) AS status_at, toString(version) AS version`;

export function quarantineListSql(
  filter: QuarantineFilter,
  page: { limit: number; offset: number },
  order: QuarantineOrder = { by: 'received_at', direction: 'desc' },
): ChSql {
  const direction = order.direction === 'asc' ? chSql`ASC` : chSql`DESC`;
  // ties fall back to newest first, then the id, so pages never overlap
  return chSql`
    SELECT ${rowColumns}
    FROM ${latest}
    ${conditions(filter)}
    ORDER BY ${sortColumn[order.by]} ${direction}, received_at DESC, quarantine_id
    LIMIT ${p.uint32(page.limit)} OFFSET ${p.uint64(page.offset)}`;
}

/** Every version of one record, newest first: the record as refused, then each replay attempt. */
export function quarantineHistorySql(quarantineId: string): ChSql {
  return chSql`
    SELECT ${rowColumns}
    FROM quarantine
    WHERE quarantine_id = ${p.string(quarantineId)}
    ORDER BY version DESC
    LIMIT 1 BY version
    LIMIT 100`;
}

export function quarantineCountSql(filter: QuarantineFilter): ChSql {
  return chSql`SELECT toString(count()) AS total FROM ${latest} ${conditions(filter)}`;
}

export interface QuarantineSummaryRow {
  source: string;
  channel: string;
  first_error_path: string;
  records: string;
  last_at: string;
}

/** Counts by source and first reason, for the integration-health view. */
export function quarantineSummarySql(filter: QuarantineFilter): ChSql {
  return chSql`
    SELECT source, channel, error_paths[1] AS first_error_path, toString(count()) AS records, toString(max(received_at)) AS last_at
    FROM ${latest}
    ${conditions(filter)}
    GROUP BY source, channel, first_error_path
    ORDER BY count() DESC
    LIMIT 200`;
}
